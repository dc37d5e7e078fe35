/**
 * Client-connection actions. The list is bounded to MAX_CONNECTIONS_PAGE whatever arrives, and,
 * as for the status, a fetched page never overwrites a newer pushed one.
 */
import type { StoreApi } from 'zustand/vanilla';
import { MAX_CONNECTIONS_PAGE, type ClientConnection } from '../../../../electron/contract';
import type { HostApi } from '../../api/host-api';
import { describeError, type AppState } from '../app-state';

export interface ConnectionsActions {
  loadConnections(): Promise<void>;
  /** Applies a pushed `broker.connections` event. */
  receiveConnections(connections: ClientConnection[]): void;
}

export function createConnectionsActions(api: HostApi, set: StoreApi<AppState>['setState']): ConnectionsActions {
  let revision = 0;
  return {
    async loadConnections() {
      const asked = revision;
      try {
        const result = await api.contract.broker.listConnections({ limit: MAX_CONNECTIONS_PAGE });
        if (revision !== asked) return;
        if (result.ok) set({ clientConnections: result.value.slice(0, MAX_CONNECTIONS_PAGE), clientConnectionsError: null });
        else set({ clientConnectionsError: result.error.message });
      } catch (error) {
        if (revision === asked) set({ clientConnectionsError: describeError(error) });
      }
    },
    receiveConnections(connections) {
      revision += 1;
      set({ clientConnections: connections.slice(0, MAX_CONNECTIONS_PAGE), clientConnectionsError: null });
    },
  };
}
