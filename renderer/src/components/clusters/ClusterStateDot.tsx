/** The current cluster's connection state as the broker's state dot shows states (connected: running). */
import type { ClusterConnectionState } from '../../../../electron/contract';
import { StateDot } from '../broker/StateDot';

const AS_BROKER_STATE = { connected: 'running', connecting: 'starting', reconnecting: 'starting', failed: 'failed' } as const;

export function ClusterStateDot({ state }: { state: ClusterConnectionState['state'] | null }) {
  return <StateDot state={state === null ? null : AS_BROKER_STATE[state]} />;
}

export const CLUSTER_STATE_WORDS: Record<ClusterConnectionState['state'], string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  failed: 'Not connected',
};
