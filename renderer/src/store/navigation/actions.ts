import type { StoreApi } from 'zustand/vanilla';
import type { AppState } from '../app-state';
import type { AppView } from './state';

export interface NavigationActions {
  showView(view: AppView): void;
}

export function createNavigationActions(set: StoreApi<AppState>['setState']): NavigationActions {
  return {
    showView(view) {
      set({ activeView: view });
    },
  };
}
