import type { SliceCreator } from '../app-state';
import { createTopicsActions, type TopicsActions } from './actions';
import { initialTopicsState, type TopicsSliceState } from './state';

export type TopicsSlice = TopicsSliceState & TopicsActions;

export const createTopicsSlice: SliceCreator<TopicsSlice> = (api) => (set, get) => ({
  ...initialTopicsState,
  ...createTopicsActions(api, set, get),
});

export type { TopicActionResult } from './actions';
export { PARTITIONS_PAGE_SIZE } from './state';
export * from './selectors';
