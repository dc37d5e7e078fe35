/**
 * Broker actions. A pushed status always wins: a `loadBrokerStatus` answer that comes back after
 * a newer push was received is dropped, so the view never steps back in time.
 */
import type { BrokerStatus } from '../../../../electron/contract';
import type { HostApi } from '../../api/host-api';
import { describeError, type AppState } from '../app-state';
import type { StoreApi } from 'zustand/vanilla';

export interface BrokerActions {
  /** Fetches the status (on start-up and after reconnecting). */
  loadBrokerStatus(): Promise<void>;
  /** Applies a pushed `broker.status` event. */
  receiveBrokerStatus(status: BrokerStatus): void;
}

export function createBrokerActions(api: HostApi, set: StoreApi<AppState>['setState']): BrokerActions {
  let revision = 0;
  return {
    async loadBrokerStatus() {
      const asked = revision;
      try {
        const result = await api.contract.broker.getStatus();
        if (revision !== asked) return;
        if (result.ok) set({ brokerStatus: result.value, brokerStatusError: null });
        else set({ brokerStatusError: result.error.message });
      } catch (error) {
        if (revision === asked) set({ brokerStatusError: describeError(error) });
      }
    },
    receiveBrokerStatus(status) {
      revision += 1;
      set({ brokerStatus: status, brokerStatusError: null });
    },
  };
}
