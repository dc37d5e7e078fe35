/**
 * Reads from the app store with a named selector. Selectors that return a new array or object
 * each time must be wrapped in `useShallow` by the caller.
 */
import { useContext } from 'react';
import { useStore } from 'zustand';
import type { AppState } from './app-state';
import { AppStoreContext } from './app-store-context';

export function useAppStore<T>(selector: (state: AppState) => T): T {
  const store = useContext(AppStoreContext);
  if (!store) throw new Error('useAppStore must be used inside <AppStoreProvider>');
  return useStore(store, selector);
}
