/**
 * The app's one store, bound from its slices. Created once at start-up with the HostApi (tests
 * create one per test with a fake HostApi, which is how they reset it). The slices that show one
 * cluster's data get a HostApi that drops answers arriving after the cluster shown changed
 * (clusters/cluster-scoped-api.ts).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HostApi } from '../api/host-api';
import type { AppState } from './app-state';
import { createBrokerSlice } from './broker';
import { createClustersSlice, selectActiveClusterId } from './clusters';
import { clusterScopedApi } from './clusters/cluster-scoped-api';
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
  return createStore<AppState>()((...args) => {
    const get = args[1];
    const scoped = clusterScopedApi(api, () => selectActiveClusterId(get()));
    return {
      ...createBrokerSlice(api)(...args),
      ...createClustersSlice(api)(...args),
      ...createConnectionsSlice(api)(...args),
      ...createDlqSlice(scoped, options.dlq)(...args),
      ...createGroupsSlice(scoped)(...args),
      ...createHostLinkSlice(api)(...args),
      ...createMessagesSlice(scoped, options.messages)(...args),
      ...createNavigationSlice(api)(...args),
      ...createProduceSlice(scoped, options.produce)(...args),
      ...createSettingsSlice(api)(...args),
      ...createTailSlice(scoped, options.tail)(...args),
      ...createTopicsSlice(scoped)(...args),
    };
  });
}
