import type { AppState } from '../app-state';

export const selectActiveView = (state: AppState) => state.activeView;
export const selectShowView = (state: AppState) => state.showView;
