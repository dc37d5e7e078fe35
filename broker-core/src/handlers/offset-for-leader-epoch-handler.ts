/**
 * OffsetForLeaderEpoch (key 23), v0–v4: per partition, the end offset of a leader epoch, which a
 * consumer (KIP-320) uses after a leader change to check that its position was not truncated
 * away. This broker has led every partition since epoch 0 and never changes leader, so the answer
 * follows Kafka's leader-epoch cache holding the one entry (epoch 0, log start offset):
 * - epoch 0: end offset = the high watermark (the log end offset here);
 * - epoch -1 (undefined) or an epoch above 0 (one this leader never had): epoch -1, offset -1;
 * - an epoch below -1: that epoch and the start offset of epoch 0 (the log start offset).
 * A `currentLeaderEpoch` (v2+, -1 = not given) above 0 is UNKNOWN_LEADER_EPOCH, below 0
 * FENCED_LEADER_EPOCH; an unknown topic or partition UNKNOWN_TOPIC_OR_PARTITION.
 * (kafkajs 2.2.4, kafka-python 2.0.2, librdkafka 2.0.2 and @platformatic/kafka 1.x do not send
 * it; Java consumers and newer librdkafka do.)
 */
import type { BrokerState } from '../cluster/broker-state';
import { ErrorCode } from '../protocol/generated/errors';
import { OffsetForLeaderEpochApi, type OffsetForLeaderEpochResponseEpochEndOffset } from '../protocol/generated/index';
import { LEADER_EPOCH } from '../storage/partition-log';
import { defineHandler } from './api-handler';
import { kafkaFailure } from './storage-error-code';

type EpochEndOffset = OffsetForLeaderEpochResponseEpochEndOffset;

const NO_EPOCH = -1;

function failed(partition: number, errorCode: number): EpochEndOffset {
  return { errorCode, partition, leaderEpoch: NO_EPOCH, endOffset: -1n };
}

function endOffsetFor(broker: BrokerState, topic: string, partition: number, currentLeaderEpoch: number, leaderEpoch: number): EpochEndOffset {
  if (!broker.logs.hasTopic(topic) || partition < 0 || partition >= broker.logs.describeTopic(topic).partitions) {
    return failed(partition, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  }
  if (currentLeaderEpoch !== NO_EPOCH && currentLeaderEpoch < LEADER_EPOCH) return failed(partition, ErrorCode.FENCED_LEADER_EPOCH);
  if (currentLeaderEpoch > LEADER_EPOCH) return failed(partition, ErrorCode.UNKNOWN_LEADER_EPOCH);
  try {
    const stats = broker.logs.partitionStats(topic, partition);
    if (leaderEpoch === LEADER_EPOCH) return { errorCode: ErrorCode.NONE, partition, leaderEpoch, endOffset: BigInt(stats.highWatermark) };
    if (leaderEpoch < NO_EPOCH) return { errorCode: ErrorCode.NONE, partition, leaderEpoch, endOffset: BigInt(stats.logStartOffset) };
    return { errorCode: ErrorCode.NONE, partition, leaderEpoch: NO_EPOCH, endOffset: -1n };
  } catch (error) {
    return failed(partition, kafkaFailure(error, broker.logger, `end offset of epoch ${leaderEpoch} of ${topic}-${partition}`).errorCode);
  }
}

export const offsetForLeaderEpochHandler = defineHandler({
  api: OffsetForLeaderEpochApi,
  minVersion: 0,
  maxVersion: 4,
  handle(request, { broker }) {
    return {
      throttleTimeMs: 0,
      topics: request.topics.map((topic) => ({
        topic: topic.topic,
        partitions: topic.partitions.map((partition) => endOffsetFor(broker, topic.topic, partition.partition, partition.currentLeaderEpoch, partition.leaderEpoch)),
      })),
    };
  },
});
