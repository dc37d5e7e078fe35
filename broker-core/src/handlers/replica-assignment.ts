/**
 * Manual replica assignments (CreateTopics `assignments`, CreatePartitions `assignments`), checked
 * as Kafka's controller checks them, with its messages. On a single broker the only assignment
 * that can be carried out is `[this node id]`: any other broker id is not registered, and more
 * than one replica would need more brokers.
 */
import { ErrorCode } from '../protocol/generated/errors';
import { AdminRefusal } from './admin-refusal';

const refuse = (message: string) => new AdminRefusal(ErrorCode.INVALID_REPLICA_ASSIGNMENT, message);

/** Throws INVALID_REPLICA_ASSIGNMENT unless `brokerIds` is a valid replica list on this cluster. */
export function checkReplicaAssignment(brokerIds: readonly number[], nodeId: number, expectedReplicas: number | null): void {
  if (brokerIds.length === 0) throw refuse('The manual partition assignment includes an empty replica list.');
  const sorted = [...brokerIds].sort((a, b) => a - b);
  for (let index = 0; index < sorted.length; index++) {
    const brokerId = sorted[index];
    if (brokerId !== nodeId) {
      throw refuse(`The manual partition assignment includes broker ${brokerId}, but no such broker is registered (this cluster has one broker, ${nodeId}).`);
    }
    if (index > 0 && sorted[index - 1] === brokerId) throw refuse(`The manual partition assignment includes the broker ${brokerId} more than once.`);
  }
  if (expectedReplicas !== null && sorted.length !== expectedReplicas) {
    throw refuse(
      `The manual partition assignment includes a partition with ${sorted.length} replica(s), but this is not consistent with previous partitions, which have ${expectedReplicas} replica(s).`,
    );
  }
}
