import type { SliceCreator } from '../app-state';
import { createGroupsActions, type GroupsActions } from './actions';
import { initialGroupsState, type GroupsSliceState } from './state';

export type GroupsSlice = GroupsSliceState & GroupsActions;

export const createGroupsSlice: SliceCreator<GroupsSlice> = (api) => (set, get) => ({
  ...initialGroupsState,
  ...createGroupsActions(api, set, get),
});

export type { GroupActionResult } from './actions';
export { LAG_CHART_SAMPLES } from './state';
export * from './selectors';
