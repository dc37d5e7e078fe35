import { describe, expect, it } from 'vitest';
import type { SettingsView } from '../../../../electron/contract';
import { changesOf, emptyDrafts, fieldLabel, PORT_PROBLEM } from './settings-drafts';

const view: SettingsView = {
  file: '/home/ada/.config/Eddy/settings.json',
  loadProblem: null,
  port: { value: 9092, source: 'default', flag: null },
  listenAddress: { value: '', source: 'default', flag: null },
  dataDir: { value: '/home/ada/.config/Eddy/data', source: 'default', flag: null },
  configs: [
    { name: 'log.retention.ms', value: '604800000', source: 'default', flag: null, default: '604800000', doc: '', allowed: 'an integer', sensitive: false },
    { name: 'num.partitions', value: '3', source: 'settings', flag: null, default: '1', doc: '', allowed: 'an integer', sensitive: false },
  ],
  dataDirNote: null,
  pendingRestart: [],
};

describe('settings drafts', () => {
  it('sends nothing when no draft differs from what is saved', () => {
    expect(changesOf(view, { ...emptyDrafts(), port: ' 9092 ', config: { 'num.partitions': '3' } })).toEqual({ changes: {}, problems: {}, dirty: false });
  });

  it('sends only the fields that changed; an emptied field returns to its default', () => {
    const drafts = { ...emptyDrafts(), port: '9500', listenAddress: '0.0.0.0', dataDir: '/srv/eddy', dataDirMode: 'fresh' as const, config: { 'log.retention.ms': '3600000', 'num.partitions': '' } };
    expect(changesOf(view, drafts)).toEqual({
      changes: { port: 9500, listenAddress: '0.0.0.0', dataDir: { path: '/srv/eddy', mode: 'fresh' }, config: { 'log.retention.ms': '3600000', 'num.partitions': null } },
      problems: {},
      dirty: true,
    });
    expect(changesOf(view, { ...emptyDrafts(), port: '' }).changes).toEqual({ port: null });
  });

  it('keeps a port that is not a number from being sent, and says why', () => {
    expect(changesOf(view, { ...emptyDrafts(), port: '90a' })).toEqual({ changes: {}, problems: { port: PORT_PROBLEM }, dirty: true });
  });

  it('names fields for the restart notice', () => {
    expect(['port', 'listenAddress', 'dataDir', 'config.log.retention.ms'].map(fieldLabel)).toEqual(['port', 'listen address', 'data directory', 'log.retention.ms']);
  });
});
