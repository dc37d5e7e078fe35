/**
 * A remote cluster's records (record-source.ts): offset ranges and offsets for a time by
 * ListOffsets (offset-ranges.ts), records by a Fetch that keeps the stored batches as bytes (raw-fetch.ts), each
 * sent to the partition's leader, without a consumer group. There is no change feed (`watch`):
 * the live tail polls `partitionOffsets`.
 */
import { listOffsetsV5, FetchIsolationLevels } from '@platformatic/kafka';
import type { BrokerConnections } from './broker-connections';
import { toRecordSourceError } from './client-errors';
import { CONSUMER_REPLICA, offsetRanges } from './offset-ranges';
import { fetchRaw } from './raw-fetch';
import { RecordSourceError, type FetchedBatches, type PartitionOffsets, type RecordSource } from '../record-source';

function missing(topic: string, partition: number) {
  return (what: 'topic' | 'partition', count: number) =>
    what === 'topic'
      ? new RecordSourceError('UNKNOWN_TOPIC', `topic "${topic}" does not exist`)
      : new RecordSourceError('UNKNOWN_PARTITION', `topic "${topic}" has no partition ${partition} (it has ${count})`);
}

export function remoteRecordSource(brokers: BrokerConnections): RecordSource {
  return {
    async partitionOffsets(topic: string): Promise<PartitionOffsets[]> {
      let ranges;
      try {
        ranges = (await offsetRanges(brokers, [topic])).get(topic);
      } catch (error) {
        throw toRecordSourceError(error);
      }
      if (!ranges) throw new RecordSourceError('UNKNOWN_TOPIC', `topic "${topic}" does not exist`);
      return ranges;
    },
    async offsetForTime(topic: string, partition: number, timestamp: number): Promise<number | null> {
      try {
        return await brokers.onLeader(topic, partition, missing(topic, partition), async (connection) => {
          const request = [{ name: topic, partitions: [{ partitionIndex: partition, currentLeaderEpoch: -1, timestamp: BigInt(timestamp) }] }];
          const response = await listOffsetsV5.api.async(connection, CONSUMER_REPLICA, FetchIsolationLevels.READ_UNCOMMITTED, request);
          const answer = response.topics.find((candidate) => candidate.name === topic)?.partitions.find((candidate) => candidate.partitionIndex === partition);
          if (!answer) throw new RecordSourceError('UNAVAILABLE', `the leader of ${topic}-${partition} gave no offset for it`);
          return answer.offset < 0n ? null : Number(answer.offset);
        });
      } catch (error) {
        throw toRecordSourceError(error, 'UNKNOWN_PARTITION');
      }
    },
    async fetch(topic: string, partition: number, offset: number, maxBytes: number): Promise<FetchedBatches> {
      try {
        const fetched = await brokers.onLeader(topic, partition, missing(topic, partition), (connection) => fetchRaw(connection, topic, partition, offset, maxBytes));
        return { batches: fetched.records, highWatermark: Number(fetched.highWatermark), logStartOffset: Number(fetched.logStartOffset) };
      } catch (error) {
        throw toRecordSourceError(error, 'UNKNOWN_PARTITION');
      }
    },
  };
}
