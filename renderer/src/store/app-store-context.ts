import { createContext } from 'react';
import type { AppStore } from './create-app-store';

export const AppStoreContext = createContext<AppStore | null>(null);
