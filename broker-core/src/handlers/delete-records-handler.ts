/**
 * DeleteRecords (key 21), v0–v2: per partition, moves the log start offset up to the given offset
 * (-1: the high watermark) and answers with the new low watermark. Records below it are no longer
 * readable; whole segments below it are removed (log-manager.ts makes the move durable first).
 * An offset below the current log start changes nothing and answers the current one, as Kafka.
 * Errors, per partition, low watermark -1: unknown topic or partition UNKNOWN_TOPIC_OR_PARTITION;
 * an offset above the high watermark (or below -1) OFFSET_OUT_OF_RANGE; a topic whose
 * cleanup.policy does not include `delete` POLICY_VIOLATION. There is one replica, so the answer
 * does not wait (`timeoutMs` is not needed).
 */
import type { BrokerState } from '../cluster/broker-state';
import { ErrorCode } from '../protocol/generated/errors';
import { DeleteRecordsApi, type DeleteRecordsResponseDeleteRecordsPartitionResult } from '../protocol/generated/index';
import { adminFailure, AdminRefusal } from './admin-refusal';
import { defineHandler } from './api-handler';

type PartitionResult = DeleteRecordsResponseDeleteRecordsPartitionResult;

function deleteRecords(broker: BrokerState, topic: string, partitionIndex: number, offset: bigint, clientId: string | null): PartitionResult {
  try {
    if (!broker.logs.hasTopic(topic)) throw new AdminRefusal(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `topic "${topic}" does not exist`);
    const before = broker.logs.partitionStats(topic, partitionIndex).logStartOffset;
    if (!broker.logs.effectiveConfig(topic).deleteEnabled) {
      throw new AdminRefusal(ErrorCode.POLICY_VIOLATION, `Records of partition ${topic}-${partitionIndex} can not be deleted due to the configured policy (cleanup.policy has no "delete")`);
    }
    const upTo = offset < -1n || offset > BigInt(Number.MAX_SAFE_INTEGER) ? Number.NaN : Number(offset);
    const lowWatermark = broker.logs.deleteRecords(topic, partitionIndex, upTo);
    if (lowWatermark !== before) broker.logger.info(`records of ${topic}-${partitionIndex} below offset ${lowWatermark} deleted for client ${clientId ?? '(no client id)'}`);
    return { partitionIndex, lowWatermark: BigInt(lowWatermark), errorCode: ErrorCode.NONE };
  } catch (error) {
    return { partitionIndex, lowWatermark: -1n, errorCode: adminFailure(error, broker.logger, `deleting records of ${topic}-${partitionIndex}`).errorCode };
  }
}

export const deleteRecordsHandler = defineHandler({
  api: DeleteRecordsApi,
  minVersion: 0,
  maxVersion: 2,
  handle(request, { broker, clientId }) {
    return {
      throttleTimeMs: 0,
      topics: request.topics.map((topic) => ({
        name: topic.name,
        partitions: topic.partitions.map((partition) => deleteRecords(broker, topic.name, partition.partitionIndex, partition.offset, clientId)),
      })),
    };
  },
});
