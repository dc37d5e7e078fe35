/**
 * confluent-kafka-python (librdkafka 2.0.2): an idempotent producer with acks=all delivering
 * 10,000 records with every delivery report OK, stored once each and in order; offsets_for_times.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBatches } from '../../src/records/record-batch-decoder';
import { runProcess, systemPython } from '../support/run-process';
import { startTempBroker, type TempBroker } from '../support/temp-broker';

const produceScript = `
import json, sys
from confluent_kafka import Producer
bootstrap, topic = sys.argv[1], sys.argv[2]
producer = Producer({'bootstrap.servers': bootstrap, 'enable.idempotence': True, 'acks': 'all', 'linger.ms': 5, 'log_level': 3})
outcomes = {'ok': 0, 'errors': []}
def report(err, msg):
    if err is None:
        outcomes['ok'] += 1
    else:
        outcomes['errors'].append(str(err))
for i in range(10000):
    while True:
        try:
            producer.produce(topic, key=str(i).encode(), value=f'record {i}'.encode(), partition=i % 3, on_delivery=report)
            break
        except BufferError:
            producer.poll(0.1)
    producer.poll(0)
remaining = producer.flush(30)
outcomes['remaining'] = remaining
print(json.dumps(outcomes))
`;

const offsetsForTimesScript = `
import json, sys
from confluent_kafka import Consumer, TopicPartition
bootstrap, topic, middle = sys.argv[1], sys.argv[2], int(sys.argv[3])
consumer = Consumer({'bootstrap.servers': bootstrap, 'group.id': 'unused', 'log_level': 3})
asked = [TopicPartition(topic, 0, 0), TopicPartition(topic, 0, middle), TopicPartition(topic, 0, 10**13)]
found = [consumer.offsets_for_times([tp], timeout=10)[0].offset for tp in asked]
print(json.dumps(found))
consumer.close()
`;

describe('confluent-kafka-python', () => {
  let temp: TempBroker;
  beforeAll(async () => {
    temp = await startTempBroker();
  });
  afterAll(() => temp.stop());

  it('delivers 10,000 records from an idempotent acks=all producer, each stored once and in order', async () => {
    temp.broker.logs.createTopic('idempotent', { partitions: 3 });
    const run = await runProcess(systemPython, ['-c', produceScript, temp.bootstrap, 'idempotent'], { timeoutMs: 90_000 });
    expect(run.code, run.stderr).toBe(0);
    const outcome = JSON.parse(run.stdout.trim().split('\n').pop()!);
    expect(outcome).toEqual({ ok: 10000, errors: [], remaining: 0 });
    for (let partition = 0; partition < 3; partition++) {
      const values: string[] = [];
      for (let offset = 0; ; ) {
        const read = temp.broker.logs.read('idempotent', partition, offset, 1 << 20);
        if (read.records.length === 0) break;
        for (const batch of decodeBatches(read.records)) {
          expect(batch.header.producerId).toBeGreaterThanOrEqual(0);
          for (const record of batch.records ?? []) values.push(String(record.value));
        }
        offset = read.nextOffset;
      }
      const expected = Array.from({ length: 10000 }, (_, i) => i).filter((i) => i % 3 === partition).map((i) => `record ${i}`);
      expect(values).toEqual(expected);
    }
  });

  it('offsets_for_times finds the first offset at or after a time', async () => {
    temp.broker.logs.createTopic('timed', { partitions: 1 });
    const { buildRecordBatch } = await import('../../src/records/record-batch-builder');
    const base = 1_700_000_000_000;
    for (let i = 0; i < 10; i++) {
      await temp.broker.logs.append('timed', 0, buildRecordBatch([{ value: Buffer.from(`t${i}`), timestamp: base + i * 1000 }]), { acks: 1 });
    }
    const run = await runProcess(systemPython, ['-c', offsetsForTimesScript, temp.bootstrap, 'timed', String(base + 4500)], { timeoutMs: 30_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout.trim().split('\n').pop()!)).toEqual([0, 5, -1]);
  });
});
