import type { AppState } from '../app-state';

export const selectSettings = (state: AppState) => state.settings;
export const selectSettingsLoadError = (state: AppState) => state.settingsLoadError;
export const selectSettingsSave = (state: AppState) => state.settingsSave;
export const selectSettingsFieldErrors = (state: AppState) => state.settingsSave.fieldErrors;
/** Saved fields the running broker does not use yet; empty when there are none (or before loading). */
export const selectPendingRestart = (state: AppState) => state.settings?.pendingRestart ?? [];
/** Whether the broker's port is fixed by `--port` (then "Use port N" lasts for this run only). */
export const selectPortFromFlag = (state: AppState) => state.settings?.port.source === 'flag';

export const selectSettingsActions = (state: AppState) => ({
  loadSettings: state.loadSettings,
  saveSettings: state.saveSettings,
  pickSettingsFreePort: state.pickSettingsFreePort,
  clearSettingsErrors: state.clearSettingsErrors,
});
