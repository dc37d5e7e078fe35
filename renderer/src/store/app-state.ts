/**
 * The store's whole shape: the union of its slices. Each slice is a folder with `state.ts`
 * (shape and initial values), `actions.ts` (the only code that changes it; I/O only through the
 * HostApi), `selectors.ts` (what components read) and a colocated test.
 */
import type { StateCreator } from 'zustand';
import type { HostApi } from '../api/host-api';
import type { BrokerSlice } from './broker';
import type { ClustersSlice } from './clusters';
import type { ConnectionsSlice } from './connections';
import type { DlqSlice } from './dlq';
import type { GroupsSlice } from './groups';
import type { HostLinkSlice } from './host-link';
import type { MessagesSlice } from './messages';
import type { NavigationSlice } from './navigation';
import type { ProduceSlice } from './produce';
import type { SettingsSlice } from './settings';
import type { TailSlice } from './tail';
import type { TopicsSlice } from './topics';

export type AppState = BrokerSlice & ClustersSlice & ConnectionsSlice & DlqSlice & GroupsSlice & HostLinkSlice & MessagesSlice & NavigationSlice & ProduceSlice & SettingsSlice & TailSlice & TopicsSlice;

/** A slice gets the HostApi it may use for I/O, and sees the whole store. */
export type SliceCreator<Slice> = (api: HostApi) => StateCreator<AppState, [], [], Slice>;

/** A message for an error that may or may not be an Error. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
