/**
 * The embedded broker's records (record-source.ts), read in process from its logs: stored batches
 * exactly as the segment files hold them. Reads are synchronous file reads on the broker's event
 * loop, so callers keep them small (a page, or a search's chunk of ~1 MiB) and yield between them.
 * Its change feed (`watch`) is the log manager's events for one topic, delivered synchronously
 * on the broker's event loop as each change happens.
 */
import type { LogManager } from '../../../../broker-core/src/index';
import { storageErrorCode } from './storage-error-code';
import { RecordSourceError, type FetchedBatches, type PartitionOffsets, type RecordChange, type RecordSource } from '../record-source';

const LATEST = -1;
const EARLIEST = -2;

function translate(error: unknown, topic: string, partition?: number): never {
  const code = storageErrorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'UNKNOWN_TOPIC_OR_PARTITION') {
    throw new RecordSourceError(partition === undefined ? 'UNKNOWN_TOPIC' : 'UNKNOWN_PARTITION', message);
  }
  if (code === 'OFFSET_OUT_OF_RANGE') throw new RecordSourceError('OFFSET_OUT_OF_RANGE', message);
  throw error;
}

export function embeddedRecordSource(logs: LogManager): RecordSource {
  const partitionCount = (topic: string): number => {
    if (!logs.hasTopic(topic)) throw new RecordSourceError('UNKNOWN_TOPIC', `topic "${topic}" does not exist`);
    return logs.describeTopic(topic).partitions;
  };
  const checkPartition = (topic: string, partition: number) => {
    const count = partitionCount(topic);
    if (partition < 0 || partition >= count) throw new RecordSourceError('UNKNOWN_PARTITION', `topic "${topic}" has no partition ${partition} (it has ${count})`);
  };
  return {
    async partitionOffsets(topic: string): Promise<PartitionOffsets[]> {
      try {
        const count = partitionCount(topic);
        return Array.from({ length: count }, (_, partition) => ({
          partition,
          logStartOffset: logs.listOffsets(topic, partition, EARLIEST).offset,
          highWatermark: logs.listOffsets(topic, partition, LATEST).offset,
        }));
      } catch (error) {
        return translate(error, topic);
      }
    },
    async offsetForTime(topic: string, partition: number, timestamp: number): Promise<number | null> {
      try {
        checkPartition(topic, partition);
        const found = logs.listOffsets(topic, partition, timestamp).offset;
        return found < 0 ? null : found;
      } catch (error) {
        return translate(error, topic, partition);
      }
    },
    async fetch(topic: string, partition: number, offset: number, maxBytes: number): Promise<FetchedBatches> {
      try {
        checkPartition(topic, partition);
        const read = logs.read(topic, partition, offset, maxBytes);
        return { batches: read.records, highWatermark: read.highWatermark, logStartOffset: read.logStartOffset };
      } catch (error) {
        return translate(error, topic, partition);
      }
    },
    watch(topic: string, listener: (change: RecordChange) => void): () => void {
      return logs.on((event) => {
        if (event.topic !== topic) return;
        if (event.type === 'appended') listener({ type: 'appended', partition: event.partition, highWatermark: event.highWatermark });
        else if (event.type === 'partitions-created') listener({ type: 'partitions-added', partitions: event.partitions });
        else if (event.type === 'topic-deleted') listener({ type: 'topic-deleted' });
        else if (event.type === 'log-start-moved') listener({ type: 'log-start-moved', partition: event.partition, logStartOffset: event.logStartOffset, reason: event.reason });
      });
    },
  };
}
