/**
 * ListOffsets (key 2), v1–v9: per partition, the offset for a timestamp — latest (-1, the high
 * watermark, which is also the last stable offset here), earliest (-2, the log start), the record
 * with the largest timestamp (-3, v7+), earliest local (-4) and latest tiered (-5, none here), or
 * the first offset whose timestamp is at or after the given time (-1 offset when there is none).
 * A partition named more than once in one request gets INVALID_REQUEST at each mention, as from
 * Kafka (v1+): which answer would belong to which question is ambiguous.
 */
import type { BrokerState } from '../cluster/broker-state';
import { ErrorCode } from '../protocol/generated/errors';
import { ListOffsetsApi, type ListOffsetsResponseListOffsetsPartitionResponse } from '../protocol/generated/index';
import { defineHandler } from './api-handler';
import { kafkaFailure } from './storage-error-code';

type PartitionResponse = ListOffsetsResponseListOffsetsPartitionResponse;

function failed(partitionIndex: number, errorCode: number): PartitionResponse {
  return { partitionIndex, errorCode, oldStyleOffsets: [], timestamp: -1n, offset: -1n, leaderEpoch: -1 };
}

function lookUp(broker: BrokerState, topic: string, partitionIndex: number, currentLeaderEpoch: number, timestamp: bigint): PartitionResponse {
  if (!broker.logs.hasTopic(topic) || partitionIndex < 0 || partitionIndex >= broker.logs.describeTopic(topic).partitions) {
    return failed(partitionIndex, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  }
  if (currentLeaderEpoch > 0) return failed(partitionIndex, ErrorCode.UNKNOWN_LEADER_EPOCH);
  try {
    const found = broker.logs.listOffsets(topic, partitionIndex, Number(timestamp));
    return {
      partitionIndex,
      errorCode: ErrorCode.NONE,
      oldStyleOffsets: [],
      timestamp: BigInt(found.timestamp),
      offset: BigInt(found.offset),
      leaderEpoch: found.offset >= 0 ? 0 : -1,
    };
  } catch (error) {
    return failed(partitionIndex, kafkaFailure(error, broker.logger, `list offsets of ${topic}-${partitionIndex}`).errorCode);
  }
}

const partitionKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/** The (topic, partition) pairs named more than once, in any of the request's topic entries. */
function duplicatePartitions(topics: ReadonlyArray<{ name: string; partitions: ReadonlyArray<{ partitionIndex: number }> }>): Set<string> {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const topic of topics) {
    for (const { partitionIndex } of topic.partitions) {
      const key = partitionKey(topic.name, partitionIndex);
      if (seen.has(key)) duplicates.add(key);
      else seen.add(key);
    }
  }
  return duplicates;
}

export const listOffsetsHandler = defineHandler({
  api: ListOffsetsApi,
  minVersion: 1,
  maxVersion: 9,
  handle(request, { broker }) {
    const duplicates = duplicatePartitions(request.topics);
    return {
      throttleTimeMs: 0,
      topics: request.topics.map((topic) => ({
        name: topic.name,
        partitions: topic.partitions.map((partition) =>
          duplicates.has(partitionKey(topic.name, partition.partitionIndex))
            ? failed(partition.partitionIndex, ErrorCode.INVALID_REQUEST)
            : lookUp(broker, topic.name, partition.partitionIndex, partition.currentLeaderEpoch, partition.timestamp),
        ),
      })),
    };
  },
});
