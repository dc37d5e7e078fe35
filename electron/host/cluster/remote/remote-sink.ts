/**
 * Where produced records go on a remote cluster (record-sink.ts): the topic's layout from
 * Metadata and DescribeConfigs (`max.message.bytes`), and each batch the caller built decoded and
 * sent again, in the same compression, to the one partition asked for, with the Kafka client's
 * Producer. acks=-1 sends are idempotent (a producer id and sequence numbers, so a retried send
 * is not stored twice); Kafka allows idempotence only with acks=all, so acks=1 and acks=0 are
 * plain sends. Sends are one at a time, so batches are stored in call order.
 */
import { ConfigResourceTypes, Producer, readRecordsBatch, Reader, type BaseOptions, type CompressionAlgorithmValue, type MessageToProduce } from '@platformatic/kafka';
import type { Admin } from '@platformatic/kafka';
import type { BrokerConnections } from './broker-connections';
import { toRecordSinkError } from './client-errors';
import { RecordSinkError, type AppendedBatch, type RecordSink, type SinkAcks, type TopicLayout } from '../record-sink';

const compressionByBitmask: Record<number, CompressionAlgorithmValue> = { 0: 'none', 1: 'gzip', 2: 'snappy', 3: 'lz4', 4: 'zstd' };
const COMPRESSION_BITS = 0b111;
/** Kafka's default `max.message.bytes` (1 MiB + 12), when the cluster does not say. */
const KAFKA_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

/** Null keys, values (tombstones) and header values are sent as null, as they were in the batch. */
type RecordMessage = MessageToProduce<Buffer | null, Buffer | null, Buffer, Buffer | null>;

function messagesOf(topic: string, partition: number, batch: Buffer): { messages: RecordMessage[]; compression: CompressionAlgorithmValue } {
  let decoded;
  try {
    decoded = readRecordsBatch(Reader.from(batch));
  } catch (error) {
    throw new RecordSinkError('INVALID_RECORD', `the batch for ${topic}-${partition} could not be read: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const compression = compressionByBitmask[decoded.attributes & COMPRESSION_BITS];
  if (!compression) throw new RecordSinkError('INVALID_RECORD', `the batch for ${topic}-${partition} has an unknown compression (${decoded.attributes & COMPRESSION_BITS})`);
  const messages = decoded.records.map(
    (record): RecordMessage => ({
      topic,
      partition,
      key: record.key,
      value: record.value,
      timestamp: decoded.firstTimestamp + record.timestampDelta,
      // Each header key is its own Buffer, so repeated keys stay repeated.
      headers: new Map(record.headers.map(([key, value]) => [key ?? Buffer.alloc(0), value])),
    }),
  );
  return { messages, compression };
}

export function remoteRecordSink(options: BaseOptions, admin: Admin, brokers: BrokerConnections): { sink: RecordSink; close(): Promise<void> } {
  const producer = new Producer<Buffer | null, Buffer | null, Buffer, Buffer | null>({ ...options, idempotent: true, retries: 5, retryDelay: 250, autocreateTopics: false });
  let queue: Promise<unknown> = Promise.resolve();

  const partitionCount = async (topic: string, fresh: boolean): Promise<number> => {
    const metadata = await brokers.topic(topic, fresh);
    if (!metadata) throw new RecordSinkError('UNKNOWN_TOPIC', `topic "${topic}" does not exist`);
    return metadata.partitions.length;
  };

  const sink: RecordSink = {
    async topicLayout(topic: string): Promise<TopicLayout> {
      try {
        const partitions = await partitionCount(topic, true);
        const [described] = await admin.describeConfigs({ resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: topic, configurationKeys: ['max.message.bytes'] }] });
        const value = described?.configs.find((config) => config.name === 'max.message.bytes')?.value;
        return { partitions, maxBatchBytes: value ? Number(value) : KAFKA_DEFAULT_MAX_MESSAGE_BYTES };
      } catch (error) {
        throw toRecordSinkError(error, `topic "${topic}"`);
      }
    },
    append(topic: string, partition: number, batch: Buffer, acks: SinkAcks): Promise<AppendedBatch> {
      const where = `${topic}-${partition}`;
      const send = async (): Promise<AppendedBatch> => {
        const { messages, compression } = messagesOf(topic, partition, batch);
        try {
          const partitions = await partitionCount(topic, false);
          if (partition < 0 || partition >= partitions) {
            const now = await partitionCount(topic, true);
            if (partition < 0 || partition >= now) throw new RecordSinkError('UNKNOWN_PARTITION', `topic "${topic}" has no partition ${partition} (it has ${now}: 0 to ${now - 1})`);
          }
          // The client maps a partition beyond what its own metadata knows onto another one (modulo
          // the count), so it must know of the partition before the send.
          const known = producer.currentMetadata?.topics.get(topic)?.partitionsCount;
          if (known !== undefined && partition >= known) await producer.metadata({ topics: [topic], forceUpdate: true });
          const now = producer.currentMetadata?.topics.get(topic)?.partitionsCount;
          if (now !== undefined && partition >= now) throw new RecordSinkError('UNKNOWN_PARTITION', `topic "${topic}" has no partition ${partition} yet (the cluster's metadata has ${now})`);
          if (messages.length === 0) return { baseOffset: -1, recordCount: 0 };
          const result = await producer.send({ messages, compression, acks, idempotent: acks === -1 });
          const offset = result.offsets?.find((candidate) => candidate.topic === topic && candidate.partition === partition)?.offset;
          return { baseOffset: offset === undefined ? -1 : Number(offset), recordCount: messages.length };
        } catch (error) {
          throw toRecordSinkError(error, where);
        }
      };
      const result = queue.then(send, send);
      queue = result.catch(() => undefined);
      return result;
    },
  };
  return { sink, close: () => producer.close() };
}
