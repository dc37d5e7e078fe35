import type { SliceCreator } from '../app-state';
import { createBrokerActions, type BrokerActions } from './actions';
import { initialBrokerState, type BrokerSliceState } from './state';

export type BrokerSlice = BrokerSliceState & BrokerActions;

export const createBrokerSlice: SliceCreator<BrokerSlice> = (api) => (set) => ({
  ...initialBrokerState,
  ...createBrokerActions(api, set),
});

export * from './selectors';
