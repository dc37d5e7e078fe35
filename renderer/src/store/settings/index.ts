import type { SliceCreator } from '../app-state';
import { createSettingsActions, type SettingsActions } from './actions';
import { initialSettingsState, type SettingsSliceState } from './state';

export type SettingsSlice = SettingsSliceState & SettingsActions;

export const createSettingsSlice: SliceCreator<SettingsSlice> = (api) => (set, get) => ({
  ...initialSettingsState,
  ...createSettingsActions(api, set, get),
});

export * from './selectors';
export type { SettingsSaveState } from './state';
