import type { SettingsView } from '../../../../electron/contract';

/** The last save this console asked for. */
export interface SettingsSaveState {
  saving: boolean;
  /** By field (`port`, `listenAddress`, `dataDir`, `config.<name>`): why the last save was refused. */
  fieldErrors: Record<string, string>;
  /** Why the last save did not happen at all (the host could not save, or was unreachable); null if it did. */
  error: string | null;
  /** Whether the last successful save needs a restart of the running broker. */
  restartNeeded: boolean;
  /** Incremented by every successful save, so the page can say "Saved". */
  savedCount: number;
}

export interface SettingsSliceState {
  /** The settings as the host has them; null until loaded. */
  settings: SettingsView | null;
  settingsLoadError: string | null;
  settingsSave: SettingsSaveState;
}

export const initialSettingsSave: SettingsSaveState = { saving: false, fieldErrors: {}, error: null, restartNeeded: false, savedCount: 0 };

export const initialSettingsState: SettingsSliceState = {
  settings: null,
  settingsLoadError: null,
  settingsSave: initialSettingsSave,
};
