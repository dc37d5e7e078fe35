/**
 * kafkajs 2.2.4 throughput against a broker (client-bound: these catch gross broker problems only).
 *
 * - producer: `send` of 1000-record arrays of 100 B values, acks=1, a few sends in flight;
 *   the time runs from the first send to the last acknowledgement (after one untimed send that
 *   creates the topic and warms the connection up);
 * - consumer: a new group reads topics filled beforehand (by the load generator) from the
 *   beginning; the time runs from joining the group to the last record delivered to `eachBatch`.
 */
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import type { Throughput } from './wire-load-generator';

function client(bootstrap: string): Kafka {
  return new Kafka({ clientId: 'eddy-bench-kafkajs', brokers: [bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 2 } });
}

export interface KafkajsProduceLoad {
  topic: string;
  records: number;
  batchRecords: number;
  valueBytes: number;
  concurrency: number;
}

export async function kafkajsProduce(bootstrap: string, load: KafkajsProduceLoad): Promise<Throughput> {
  const producer = client(bootstrap).producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: true });
  await producer.connect();
  try {
    const value = Buffer.alloc(load.valueBytes, 0x61);
    const messages = Array.from({ length: load.batchRecords }, () => ({ value }));
    await producer.send({ topic: load.topic, acks: 1, messages });
    const sends = Math.ceil(load.records / load.batchRecords);
    let next = 0;
    const worker = async () => {
      while (next < sends) {
        next++;
        await producer.send({ topic: load.topic, acks: 1, messages });
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: load.concurrency }, worker));
    const ms = performance.now() - started;
    return { ms, records: sends * load.batchRecords, bytes: sends * load.batchRecords * load.valueBytes };
  } finally {
    await producer.disconnect();
  }
}

export interface KafkajsConsumeLoad {
  topics: string[];
  groupId: string;
  records: number;
  timeoutMs: number;
}

export async function kafkajsConsume(bootstrap: string, load: KafkajsConsumeLoad): Promise<Throughput> {
  const consumer = client(bootstrap).consumer({ groupId: load.groupId, maxWaitTimeInMs: 500 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: load.topics, fromBeginning: true });
    let joinedAt = 0;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (joinedAt === 0) joinedAt = performance.now();
    });
    let records = 0;
    let bytes = 0;
    return await new Promise<Throughput>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`kafkajs consumer read ${records} of ${load.records} records in ${load.timeoutMs} ms`)), load.timeoutMs);
      consumer.on(consumer.events.CRASH, (event) => {
        clearTimeout(timer);
        reject(event.payload.error);
      });
      consumer
        .run({
          eachBatch: async ({ batch }) => {
            records += batch.messages.length;
            for (const message of batch.messages) bytes += message.value?.length ?? 0;
            if (records >= load.records) {
              clearTimeout(timer);
              resolve({ ms: performance.now() - joinedAt, records, bytes });
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}
