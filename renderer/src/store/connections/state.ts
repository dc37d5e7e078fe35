import type { ClientConnection } from '../../../../electron/contract';

export interface ConnectionsSliceState {
  /** Client connections to the broker, oldest first; at most MAX_CONNECTIONS_PAGE. */
  clientConnections: ClientConnection[];
  /** Why the last connections request failed; null if it worked. */
  clientConnectionsError: string | null;
}

export const initialConnectionsState: ConnectionsSliceState = {
  clientConnections: [],
  clientConnectionsError: null,
};
