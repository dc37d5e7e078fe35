/**
 * Settings actions. `saveSettings` sends every changed field in one `settings.update`: the host
 * saves all or nothing, and its per-field errors are kept here for the page to show next to each
 * field. A pushed `settings.changed` (another window's save, a broker start) replaces the view.
 */
import type { SettingsChanges, SettingsView } from '../../../../electron/contract';
import type { HostApi } from '../../api/host-api';
import { settle, type ActionResult } from '../action-result';
import { describeError, type AppState } from '../app-state';
import type { StoreApi } from 'zustand/vanilla';

export interface SettingsActions {
  loadSettings(): Promise<void>;
  receiveSettings(settings: SettingsView): void;
  /** Saves `changes` (all or none); resolves with whether they were saved. */
  saveSettings(changes: SettingsChanges): Promise<boolean>;
  /** A free port for the port field (nothing saved). */
  pickSettingsFreePort(): Promise<ActionResult<{ port: number }>>;
  /** Forgets the last save's errors (the user edited the form). */
  clearSettingsErrors(field?: string): void;
}

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

export function createSettingsActions(api: HostApi, set: Set, get: Get): SettingsActions {
  const settings = () => api.contract.settings;
  return {
    async loadSettings() {
      try {
        const result = await settings().get({});
        if (result.ok) set({ settings: result.value, settingsLoadError: null });
        else set({ settingsLoadError: result.error.message });
      } catch (error) {
        set({ settingsLoadError: describeError(error) });
      }
    },
    receiveSettings(view) {
      set({ settings: view, settingsLoadError: null });
    },
    async saveSettings(changes) {
      const before = get().settingsSave;
      if (before.saving) return false;
      set({ settingsSave: { ...before, saving: true, error: null } });
      const result = await settle(() => settings().update(changes));
      const current = get().settingsSave;
      if (!result.ok) {
        set({ settingsSave: { ...current, saving: false, error: `The settings were not saved: ${result.message}` } });
        return false;
      }
      const answer = result.value;
      if (!answer.ok) {
        set({ settingsSave: { ...current, saving: false, fieldErrors: answer.errors, error: null } });
        return false;
      }
      set({
        settings: answer.settings,
        settingsSave: { saving: false, fieldErrors: {}, error: null, restartNeeded: answer.restartNeeded, savedCount: current.savedCount + 1 },
      });
      return true;
    },
    pickSettingsFreePort: () => settle(() => settings().pickFreePort({})),
    clearSettingsErrors(field) {
      const save = get().settingsSave;
      if (field === undefined) {
        set({ settingsSave: { ...save, fieldErrors: {}, error: null } });
        return;
      }
      if (!(field in save.fieldErrors)) return;
      const { [field]: _cleared, ...rest } = save.fieldErrors;
      set({ settingsSave: { ...save, fieldErrors: rest } });
    },
  };
}
