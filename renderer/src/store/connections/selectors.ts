import type { AppState } from '../app-state';

/** A stable array reference (the store replaces it on change), so no `useShallow` is needed. */
export const selectClientConnections = (state: AppState) => state.clientConnections;
export const selectClientConnectionsError = (state: AppState) => state.clientConnectionsError;
