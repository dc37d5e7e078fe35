/**
 * Where produced records go on a remote cluster (record-sink.ts): the topic's layout from
 * Metadata and (where the cluster offers it to this console) DescribeConfigs' `max.message.bytes`,
 * and each batch the caller built sent as it is, compression and all, to its partition's leader
 * by Produce at the version the cluster takes (kafka-request.ts).
 *
 * acks=-1 sends are idempotent (idempotent-producer.ts: a producer id and per-partition sequence
 * numbers in the batch, so a send retried after a lost answer or a moved leader is not stored
 * twice); Kafka allows idempotence only with acks=all, so acks=1 and acks=0 are plain sends.
 * Sends are one at a time, so batches are stored in call order.
 */
import { stampProducer } from '../../../../broker-core/src/records/index';
import type { BrokerConnections } from './broker-connections';
import { describeTopicConfigs } from './config-entries';
import { featureProblem } from './feature-support';
import { toRecordSinkError } from './client-errors';
import { IdempotentProducer } from './idempotent-producer';
import { kafkaError, OWN_APIS, sendRequest } from './kafka-request';
import { RecordSinkError, type AppendedBatch, type RecordSink, type SinkAcks, type TopicLayout } from '../record-sink';

/** Kafka's default `max.message.bytes` (1 MiB + 12), when the cluster does not say. */
const KAFKA_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;
const RECORD_BATCH_OVERHEAD = 61;
const MAGIC = 16;
const RECORDS_COUNT = 57;
/** Kafka's answer to a batch it has stored already under this producer id and sequence. */
const DUPLICATE_SEQUENCE_NUMBER = 46;

function recordCountOf(topic: string, partition: number, batch: Buffer): number {
  if (batch.length < RECORD_BATCH_OVERHEAD || batch.readInt8(MAGIC) !== 2) throw new RecordSinkError('INVALID_RECORD', `the batch for ${topic}-${partition} is not a record batch (magic 2)`);
  return batch.readInt32BE(RECORDS_COUNT);
}

export function remoteRecordSink(brokers: BrokerConnections, requestTimeoutMs: number): { sink: RecordSink; close(): Promise<void> } {
  const producer = new IdempotentProducer(brokers);
  let queue: Promise<unknown> = Promise.resolve();

  const missing = (topic: string, partition: number) => (what: 'topic' | 'partition', count: number) =>
    what === 'topic'
      ? new RecordSinkError('UNKNOWN_TOPIC', `topic "${topic}" does not exist`)
      : new RecordSinkError('UNKNOWN_PARTITION', `topic "${topic}" has no partition ${partition} (it has ${count}: 0 to ${count - 1})`);

  /** One Produce of `batch` to the partition's leader (asked again once if the leader moved). */
  const produce = (topic: string, partition: number, batch: Buffer, acks: SinkAcks) =>
    brokers.onLeader(topic, partition, missing(topic, partition), async (connection) => {
      const version = await brokers.versionOn(connection, OWN_APIS.produce);
      const request = { transactionalId: null, acks, timeoutMs: requestTimeoutMs, topicData: [{ name: topic, partitionData: [{ index: partition, records: batch }] }] };
      const response = await sendRequest(connection, OWN_APIS.produce, version, request, { noResponse: acks === 0 });
      if (response === null) return { errorCode: 0, baseOffset: -1n, errorMessage: null };
      const answer = response.responses.find((candidate) => candidate.name === topic)?.partitionResponses.find((candidate) => candidate.index === partition);
      if (!answer) throw new RecordSinkError('UNAVAILABLE', `the leader of ${topic}-${partition} gave no answer for it`);
      if (answer.errorCode !== 0 && answer.errorCode !== DUPLICATE_SEQUENCE_NUMBER) throw kafkaError(answer.errorCode, answer.errorMessage ?? `${topic}-${partition}`);
      return answer;
    });

  const send = async (topic: string, partition: number, batch: Buffer, acks: SinkAcks): Promise<AppendedBatch> => {
    const recordCount = recordCountOf(topic, partition, batch);
    if (recordCount === 0) return { baseOffset: -1, recordCount: 0 };
    if (acks !== -1) {
      const answer = await produce(topic, partition, batch, acks);
      return { baseOffset: Number(answer.baseOffset), recordCount };
    }
    const identity = await producer.identity();
    const baseSequence = producer.nextSequence(topic, partition);
    try {
      const answer = await produce(topic, partition, stampProducer(batch, { ...identity, baseSequence }), acks);
      producer.stored(topic, partition, recordCount);
      return { baseOffset: Number(answer.baseOffset), recordCount };
    } catch (error) {
      producer.failed(error);
      throw error;
    }
  };

  const sink: RecordSink = {
    async topicLayout(topic: string): Promise<TopicLayout> {
      try {
        const metadata = await brokers.topic(topic, true);
        if (!metadata) throw new RecordSinkError('UNKNOWN_TOPIC', `topic "${topic}" does not exist`);
        let maxBatchBytes = KAFKA_DEFAULT_MAX_MESSAGE_BYTES;
        if (!featureProblem(brokers.versions, 'topicConfigs')) {
          const described = (await describeTopicConfigs(brokers, [topic], { keys: ['max.message.bytes'] })).get(topic);
          const value = described?.find((config) => config.name === 'max.message.bytes')?.value;
          if (value) maxBatchBytes = Number(value);
        }
        return { partitions: metadata.partitions.length, maxBatchBytes };
      } catch (error) {
        throw toRecordSinkError(error, `topic "${topic}"`);
      }
    },
    append(topic: string, partition: number, batch: Buffer, acks: SinkAcks): Promise<AppendedBatch> {
      const run = () => send(topic, partition, batch, acks).catch((error: unknown) => Promise.reject(toRecordSinkError(error, `${topic}-${partition}`)));
      const result = queue.then(run, run);
      queue = result.catch(() => undefined);
      return result;
    },
  };
  return { sink, close: async () => undefined };
}
