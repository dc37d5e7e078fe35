import { describe, expect, it } from 'vitest';
import type { SettingsView } from '../../../../electron/contract';
import { fakeHostApi } from '../../test-support/fake-host-api';
import { createAppStore } from '../create-app-store';
import { selectPendingRestart, selectPortFromFlag, selectSettings, selectSettingsFieldErrors, selectSettingsSave } from './selectors';

function view(overrides: Partial<SettingsView> = {}): SettingsView {
  return {
    file: '/home/ada/.config/Eddy/settings.json',
    loadProblem: null,
    port: { value: 9092, source: 'default', flag: null },
    listenAddress: { value: '', source: 'default', flag: null },
    dataDir: { value: '/home/ada/.config/Eddy/data', source: 'default', flag: null },
    configs: [],
    dataDirNote: null,
    pendingRestart: [],
    ...overrides,
  };
}

describe('settings slice', () => {
  it('loads the settings, and a push replaces them', async () => {
    const api = fakeHostApi();
    api.respond = async () => ({ ok: true, value: view() });
    const store = createAppStore(api);

    await store.getState().loadSettings();
    expect(api.calls).toEqual([{ method: 'settings.get', request: {} }]);
    expect(selectSettings(store.getState())?.port.value).toBe(9092);

    store.getState().receiveSettings(view({ port: { value: 0, source: 'flag', flag: '--port 0' }, pendingRestart: ['port'] }));
    expect(selectPortFromFlag(store.getState())).toBe(true);
    expect(selectPendingRestart(store.getState())).toEqual(['port']);
  });

  it('keeps the host’s field errors when it refuses a save, and applies nothing', async () => {
    const api = fakeHostApi();
    const store = createAppStore(api);
    store.getState().receiveSettings(view());
    api.respond = async () => ({ ok: true, value: { ok: false, errors: { port: 'port 70000 is out of range: use a whole number from 1 to 65535' } } });

    const saved = await store.getState().saveSettings({ port: 70000 });

    expect(saved).toBe(false);
    expect(api.calls).toEqual([{ method: 'settings.update', request: { port: 70000 } }]);
    expect(selectSettingsFieldErrors(store.getState())).toEqual({ port: 'port 70000 is out of range: use a whole number from 1 to 65535' });
    expect(selectSettings(store.getState())?.port.value).toBe(9092);

    store.getState().clearSettingsErrors('port');
    expect(selectSettingsFieldErrors(store.getState())).toEqual({});
  });

  it('applies a saved view and says whether a restart is needed', async () => {
    const api = fakeHostApi();
    const store = createAppStore(api);
    const saved = view({ port: { value: 9500, source: 'settings', flag: null }, pendingRestart: ['port'] });
    api.respond = async () => ({ ok: true, value: { ok: true, settings: saved, restartNeeded: true } });

    expect(await store.getState().saveSettings({ port: 9500 })).toBe(true);

    expect(selectSettings(store.getState())).toEqual(saved);
    expect(selectSettingsSave(store.getState())).toEqual({ saving: false, fieldErrors: {}, error: null, restartNeeded: true, savedCount: 1 });
  });

  it('says why a save did not happen when the host could not save or be reached', async () => {
    const api = fakeHostApi();
    const store = createAppStore(api);

    expect(await store.getState().saveSettings({ port: 9500 })).toBe(false);
    expect(selectSettingsSave(store.getState()).error).toBe('The settings were not saved: not connected to the Eddy host');

    api.respond = async () => ({ ok: false, error: { code: 'REFUSED', reason: 'SETTINGS_NOT_SAVED', message: 'could not save the settings to /x: EACCES' } });
    await store.getState().saveSettings({ port: 9500 });
    expect(selectSettingsSave(store.getState()).error).toBe('The settings were not saved: could not save the settings to /x: EACCES');
  });

  it('asks for a free port without saving anything', async () => {
    const api = fakeHostApi();
    api.respond = async () => ({ ok: true, value: { port: 9093 } });
    const store = createAppStore(api);

    expect(await store.getState().pickSettingsFreePort()).toEqual({ ok: true, value: { port: 9093 } });
    expect(api.calls).toEqual([{ method: 'settings.pickFreePort', request: {} }]);
  });

  it('asks the broker to remember the port of "Use port N"', async () => {
    const api = fakeHostApi();
    api.respond = async () => ({ ok: true, value: { state: 'running' } });
    const store = createAppStore(api);

    await store.getState().startBroker(9093, true);

    expect(api.calls).toEqual([{ method: 'broker.start', request: { port: 9093, remember: true } }]);
  });
});
