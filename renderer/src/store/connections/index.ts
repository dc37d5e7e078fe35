import type { SliceCreator } from '../app-state';
import { createConnectionsActions, type ConnectionsActions } from './actions';
import { initialConnectionsState, type ConnectionsSliceState } from './state';

export type ConnectionsSlice = ConnectionsSliceState & ConnectionsActions;

export const createConnectionsSlice: SliceCreator<ConnectionsSlice> = (api) => (set) => ({
  ...initialConnectionsState,
  ...createConnectionsActions(api, set),
});

export * from './selectors';
