/**
 * A remote cluster's records (record-source.ts): offset ranges and offsets for a time by
 * ListOffsets (offset-ranges.ts), records by a Fetch that keeps the stored batches as bytes (raw-fetch.ts), each
 * sent to the partition's leader, without a consumer group. There is no change feed (`watch`):
 * the live tail polls `partitionOffsets`.
 */
import type { BrokerConnections } from './broker-connections';
import { toRecordSourceError } from './client-errors';
import { listOffsets, offsetRanges } from './offset-ranges';
import { fetchRaw } from './raw-fetch';
import { OWN_APIS } from './kafka-request';
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
          const found = (await listOffsets(brokers, connection, new Map([[topic, [partition]]]), BigInt(timestamp))).get(`${topic}\u0000${partition}`);
          if (found === undefined) throw new RecordSourceError('UNAVAILABLE', `the leader of ${topic}-${partition} gave no offset for it`);
          return found < 0n ? null : Number(found);
        });
      } catch (error) {
        throw toRecordSourceError(error, 'UNKNOWN_PARTITION');
      }
    },
    async fetch(topic: string, partition: number, offset: number, maxBytes: number): Promise<FetchedBatches> {
      try {
        const fetched = await brokers.onLeader(topic, partition, missing(topic, partition), async (connection) => fetchRaw(connection, await brokers.versionOn(connection, OWN_APIS.fetch), topic, partition, offset, maxBytes));
        return { batches: fetched.records, highWatermark: Number(fetched.highWatermark), logStartOffset: Number(fetched.logStartOffset) };
      } catch (error) {
        throw toRecordSourceError(error, 'UNKNOWN_PARTITION');
      }
    },
  };
}
