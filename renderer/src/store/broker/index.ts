import type { SliceCreator } from '../app-state';
import { createBrokerActions, type BrokerActions } from './actions';
import { initialBrokerState, type BrokerSliceState } from './state';

export type BrokerSlice = BrokerSliceState & BrokerActions;

export const createBrokerSlice: SliceCreator<BrokerSlice> = (api) => (set, get) => ({
  ...initialBrokerState,
  canOpenDataDir: api.desktop === true,
  ...createBrokerActions(api, set, get),
});

export * from './selectors';
export type { BrokerControlState, BrokerFreePortState, BrokerTransition } from './state';
