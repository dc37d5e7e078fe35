import type { SliceCreator } from '../app-state';
import { createHostLinkActions, type HostLinkActions } from './actions';
import { initialHostLinkState, type HostLinkSliceState } from './state';

export type HostLinkSlice = HostLinkSliceState & HostLinkActions;

export const createHostLinkSlice: SliceCreator<HostLinkSlice> = () => (set) => ({
  ...initialHostLinkState,
  ...createHostLinkActions(set),
});

export * from './selectors';
