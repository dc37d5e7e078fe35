/**
 * A cluster's group state name (cluster-admin.ts GroupListing.state: Kafka's, as the cluster
 * said it) as the contract's GroupState.
 *
 * Kafka's classic names pass as they are (in any letter case). A KIP-848 consumer group (Kafka
 * 4.x, `group.protocol=consumer`) has its own: Assigning (the coordinator is computing a new target
 * assignment) is shown as PreparingRebalance, and Reconciling (members are moving onto it) as
 * CompletingRebalance, the classic states that mean the same to someone watching the group.
 * Anything else (Kafka's own Unknown, a streams group's NotReady, an empty name, a state a newer
 * Kafka adds) is Unknown, rather than a state the group may not be in.
 */
import type { GroupState } from '../../contract';

const STATES: Readonly<Record<string, GroupState>> = {
  empty: 'Empty',
  preparingrebalance: 'PreparingRebalance',
  completingrebalance: 'CompletingRebalance',
  stable: 'Stable',
  dead: 'Dead',
  assigning: 'PreparingRebalance',
  reconciling: 'CompletingRebalance',
};

export function toGroupState(kafkaName: string): GroupState {
  return STATES[kafkaName.replace(/_/g, '').toLowerCase()] ?? 'Unknown';
}
