/**
 * The settings form's drafts: what the user typed, per field, until saved. A field without a draft
 * shows the host's value. `changesOf` turns the drafts into one `settings.update` request (only
 * fields whose text differs from the saved value; an emptied field returns to the default), and
 * says which drafts cannot even be sent (a port that is not a number).
 */
import type { DataDirChangeMode, SettingsChanges, SettingsView } from '../../../../electron/contract';

export interface SettingsDrafts {
  port?: string;
  listenAddress?: string;
  dataDir?: string;
  dataDirMode: DataDirChangeMode;
  config: Record<string, string>;
}

export const emptyDrafts = (): SettingsDrafts => ({ dataDirMode: 'move', config: {} });

export const PORT_PROBLEM = 'a port is a whole number from 1 to 65535';

export interface DraftChanges {
  changes: SettingsChanges;
  /** Problems found before asking the host, by field. */
  problems: Record<string, string>;
  /** Whether anything differs from what is saved. */
  dirty: boolean;
}

export function changesOf(view: SettingsView, drafts: SettingsDrafts): DraftChanges {
  const changes: SettingsChanges = {};
  const problems: Record<string, string> = {};
  if (drafts.port !== undefined && drafts.port.trim() !== String(view.port.value)) {
    const text = drafts.port.trim();
    if (text === '') changes.port = null;
    else if (/^\d{1,6}$/.test(text)) changes.port = Number(text);
    else problems.port = PORT_PROBLEM;
  }
  if (drafts.listenAddress !== undefined && drafts.listenAddress.trim() !== view.listenAddress.value) changes.listenAddress = drafts.listenAddress.trim();
  if (drafts.dataDir !== undefined && drafts.dataDir.trim() !== view.dataDir.value && drafts.dataDir.trim() !== '') {
    changes.dataDir = { path: drafts.dataDir.trim(), mode: drafts.dataDirMode };
  }
  const config: Record<string, string | null> = {};
  for (const setting of view.configs) {
    const draft = drafts.config[setting.name];
    if (draft === undefined || draft.trim() === setting.value) continue;
    config[setting.name] = draft.trim() === '' ? null : draft;
  }
  if (Object.keys(config).length > 0) changes.config = config;
  return { changes, problems, dirty: Object.keys(changes).length > 0 || Object.keys(problems).length > 0 };
}

/** How a field's name reads in "needs a restart: …". */
export function fieldLabel(field: string): string {
  if (field === 'port') return 'port';
  if (field === 'listenAddress') return 'listen address';
  if (field === 'dataDir') return 'data directory';
  return field.startsWith('config.') ? field.slice('config.'.length) : field;
}
