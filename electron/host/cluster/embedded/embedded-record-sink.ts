/**
 * The embedded broker as a RecordSink (record-sink.ts): batches appended to its logs in process,
 * validated as the Produce handler validates a producer's (CRC, size against the topic's
 * `max.message.bytes`). Appends go through the log's queue, so they are written in call order,
 * several per write, and acks=-1 waits for the group commit's fsync.
 *
 * broker-core's storage failures carry Kafka's error names as `code`; they are told apart by it
 * (the host sees broker-core only through its public index).
 */
import type { LogManager } from '../../../../broker-core/src/index';
import { storageErrorCode } from './storage-error-code';
import { RecordSinkError, type AppendedBatch, type RecordSink, type SinkAcks, type TopicLayout } from '../record-sink';

function translate(error: unknown, topic: string, partition: number, batchBytes: number, layout: () => TopicLayout | null): never {
  const code = storageErrorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'UNKNOWN_TOPIC_OR_PARTITION':
      throw new RecordSinkError('UNKNOWN_TOPIC', `topic "${topic}" does not exist (it was deleted)`, { cause: error });
    case 'MESSAGE_TOO_LARGE': {
      const limit = layout()?.maxBatchBytes;
      throw new RecordSinkError('RECORD_TOO_LARGE', `${batchBytes.toLocaleString('en-US')} bytes is over ${topic}'s max.message.bytes${limit === undefined ? '' : ` of ${limit.toLocaleString('en-US')}`}`, { cause: error });
    }
    case 'CORRUPT_MESSAGE':
    case 'INVALID_RECORD':
      throw new RecordSinkError('INVALID_RECORD', `${topic}-${partition} refused the batch: ${message}`, { cause: error });
    case 'KAFKA_STORAGE_ERROR':
      throw new RecordSinkError('STORAGE_ERROR', `${topic}-${partition} could not be written: ${message}`, { cause: error });
    default:
      if (code) throw new RecordSinkError('REFUSED', `${topic}-${partition} refused the batch (${code}): ${message}`, { cause: error });
      throw error;
  }
}

export function embeddedRecordSink(logs: LogManager): RecordSink {
  const layoutNow = (topic: string): TopicLayout | null => {
    if (!logs.hasTopic(topic)) return null;
    return { partitions: logs.describeTopic(topic).partitions, maxBatchBytes: logs.effectiveConfig(topic).maxMessageBytes };
  };
  return {
    async topicLayout(topic: string): Promise<TopicLayout> {
      const layout = layoutNow(topic);
      if (!layout) throw new RecordSinkError('UNKNOWN_TOPIC', `topic "${topic}" does not exist`);
      return layout;
    },
    async append(topic: string, partition: number, batch: Buffer, acks: SinkAcks): Promise<AppendedBatch> {
      const layout = layoutNow(topic);
      if (!layout) throw new RecordSinkError('UNKNOWN_TOPIC', `topic "${topic}" does not exist (it was deleted)`);
      if (partition < 0 || partition >= layout.partitions) {
        throw new RecordSinkError('UNKNOWN_PARTITION', `topic "${topic}" has no partition ${partition} (it has ${layout.partitions}: 0 to ${layout.partitions - 1})`);
      }
      const bytes = batch.length;
      try {
        const result = await logs.append(topic, partition, batch, { acks });
        return { baseOffset: result.baseOffset, recordCount: result.recordCount };
      } catch (error) {
        return translate(error, topic, partition, bytes, () => layoutNow(topic));
      }
    },
  };
}
