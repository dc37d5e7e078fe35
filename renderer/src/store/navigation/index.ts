import type { SliceCreator } from '../app-state';
import { createNavigationActions, type NavigationActions } from './actions';
import { initialNavigationState, type NavigationSliceState } from './state';

export type NavigationSlice = NavigationSliceState & NavigationActions;

export const createNavigationSlice: SliceCreator<NavigationSlice> = () => (set) => ({
  ...initialNavigationState,
  ...createNavigationActions(set),
});

export type { AppView } from './state';
export * from './selectors';
