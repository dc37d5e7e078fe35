/**
 * The app's one store, bound from its slices. Created once at start-up with the HostApi (tests
 * create one per test with a fake HostApi, which is how they reset it).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HostApi } from '../api/host-api';
import type { AppState } from './app-state';
import { createBrokerSlice } from './broker';
import { createConnectionsSlice } from './connections';
import { createDlqSlice, type DlqOptions } from './dlq';
import { createGroupsSlice } from './groups';
import { createHostLinkSlice } from './host-link';
import { createMessagesSlice, type MessagesOptions } from './messages';
import { createNavigationSlice } from './navigation';
import { createProduceSlice, type JobsConfig } from './produce';
import { createSettingsSlice } from './settings';
import { createTailSlice, type TailOptionsConfig } from './tail';
import { createTopicsSlice } from './topics';

export type AppStore = StoreApi<AppState>;

export interface AppStoreOptions {
  messages?: MessagesOptions;
  tail?: TailOptionsConfig;
  produce?: JobsConfig;
  dlq?: DlqOptions;
}

export function createAppStore(api: HostApi, options: AppStoreOptions = {}): AppStore {
  return createStore<AppState>()((...args) => ({
    ...createBrokerSlice(api)(...args),
    ...createConnectionsSlice(api)(...args),
    ...createDlqSlice(api, options.dlq)(...args),
    ...createGroupsSlice(api)(...args),
    ...createHostLinkSlice(api)(...args),
    ...createMessagesSlice(api, options.messages)(...args),
    ...createNavigationSlice(api)(...args),
    ...createProduceSlice(api, options.produce)(...args),
    ...createSettingsSlice(api)(...args),
    ...createTailSlice(api, options.tail)(...args),
    ...createTopicsSlice(api)(...args),
  }));
}
