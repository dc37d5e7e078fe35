/**
 * Reads from the app store like `useAppStore`, but re-renders for store changes at most once per
 * `intervalMs` (the last change is always rendered, at most `intervalMs` late). For a view fed
 * faster than it needs to redraw: a live tail lands up to ~20 batches a second, and its table
 * redraws at most ten times a second. A render for any other reason reads the current value.
 */
import { useContext, useMemo, useSyncExternalStore } from 'react';
import type { AppState } from './app-state';
import { AppStoreContext } from './app-store-context';

export function useThrottledAppStore<T>(selector: (state: AppState) => T, intervalMs: number): T {
  const store = useContext(AppStoreContext);
  if (!store) throw new Error('useThrottledAppStore must be used inside <AppStoreProvider>');
  const subscribe = useMemo(
    () => (onChange: () => void) => {
      let last = 0;
      let timer: ReturnType<typeof setTimeout> | null = null;
      const fire = () => {
        timer = null;
        last = performance.now();
        onChange();
      };
      const unsubscribe = store.subscribe(() => {
        if (timer !== null) return;
        const since = performance.now() - last;
        if (since >= intervalMs) fire();
        else timer = setTimeout(fire, intervalMs - since);
      });
      return () => {
        unsubscribe();
        if (timer !== null) clearTimeout(timer);
      };
    },
    [store, intervalMs],
  );
  return useSyncExternalStore(subscribe, () => selector(store.getState()));
}
