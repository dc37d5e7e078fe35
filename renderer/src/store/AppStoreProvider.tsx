import type { ReactNode } from 'react';
import { AppStoreContext } from './app-store-context';
import type { AppStore } from './create-app-store';

export function AppStoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <AppStoreContext.Provider value={store}>{children}</AppStoreContext.Provider>;
}
