/**
 * Kafka's murmur2 as the clients compute it: 1,000 keys produced to a 7-partition topic by
 * librdkafka (confluent-kafka-python with `partitioner: murmur2_random`) and by kafkajs (its
 * default partitioner), and sent by the app (produce.send, murmur2): every key lands in the same
 * partition in all three, and that is the partition our murmur2 computes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { murmur2Partition } from '../produce/murmur2';
import { runProgram, startHostUnderTest, type HostUnderTest } from './host-under-test';

const PARTITIONS = 7;
const keys = Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? `ключ-${i}-✓` : i % 3 === 0 ? `customer-${i * 7919}` : `${i}`));

const confluentScript = `
import json, sys
from confluent_kafka import Producer
bootstrap, topic, path = sys.argv[1], sys.argv[2], sys.argv[3]
keys = json.load(open(path, encoding='utf-8'))
producer = Producer({'bootstrap.servers': bootstrap, 'partitioner': 'murmur2_random', 'linger.ms': 5, 'log_level': 3})
failed = []
for key in keys:
    producer.produce(topic, key=key.encode('utf-8'), value=key.encode('utf-8'), on_delivery=lambda err, msg: failed.append(str(err)) if err else None)
    producer.poll(0)
producer.flush(30)
print(json.dumps({'failed': failed}))
`;

const kafkajsScript = `
const { Kafka, logLevel } = require('kafkajs');
const [bootstrap, topic, path] = process.argv.slice(2);
const keys = JSON.parse(require('fs').readFileSync(path, 'utf8'));
const kafka = new Kafka({ clientId: 'murmur2-test', brokers: [bootstrap], logLevel: logLevel.ERROR });
const producer = kafka.producer();
(async () => {
  await producer.connect();
  await producer.send({ topic, messages: keys.map((key) => ({ key, value: key })) });
  await producer.disconnect();
  console.log('done');
})().catch((error) => { console.error(error); process.exit(1); });
`;

describe('murmur2 partition choices against real clients', () => {
  let test: HostUnderTest;
  let scratch: string;
  beforeAll(async () => {
    test = await startHostUnderTest();
    scratch = mkdtempSync(join(tmpdir(), 'eddy-murmur2-'));
    writeFileSync(join(scratch, 'keys.json'), JSON.stringify(keys));
    writeFileSync(join(scratch, 'produce.py'), confluentScript);
    writeFileSync(join(scratch, 'produce.cjs'), kafkajsScript);
  });
  afterAll(async () => {
    await test.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  const placement = (topic: string) => {
    const byKey = new Map<string, number>();
    for (let partition = 0; partition < PARTITIONS; partition++) for (const record of test.stored(topic, partition)) byKey.set(record.key!.toString('utf8'), partition);
    return byKey;
  };
  const expected = new Map(keys.map((key) => [key, murmur2Partition(Buffer.from(key, 'utf8'), PARTITIONS)]));

  it('librdkafka (murmur2_random) puts every key where our murmur2 does', async () => {
    test.host.broker()!.logs.createTopic('librdkafka', { partitions: PARTITIONS });
    const run = await runProgram('/usr/bin/python3', [join(scratch, 'produce.py'), test.bootstrap, 'librdkafka', join(scratch, 'keys.json')], { timeoutMs: 60_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.lines.at(-1)!)).toEqual({ failed: [] });
    expect(placement('librdkafka')).toEqual(expected);
  });

  it('kafkajs (default partitioner) puts every key where our murmur2 does', async () => {
    test.host.broker()!.logs.createTopic('kafkajs', { partitions: PARTITIONS });
    const run = await runProgram(process.execPath, [join(scratch, 'produce.cjs'), test.bootstrap, 'kafkajs', join(scratch, 'keys.json')], { timeoutMs: 60_000, env: { NODE_PATH: join(import.meta.dirname, '../../../node_modules') } });
    expect(run.code, run.stderr).toBe(0);
    expect(placement('kafkajs')).toEqual(expected);
  });

  it('the app (produce.send, murmur2) puts every key where the clients do', async () => {
    test.host.broker()!.logs.createTopic('app', { partitions: PARTITIONS });
    const text = (t: string) => ({ text: t, encoding: 'text' as const });
    const { outcomes } = await test.value('produce.send', { topic: 'app', records: keys.map((key) => ({ key: text(key), value: text(key), headers: [] })), settings: { partitioner: 'murmur2', compression: 'none', acks: -1 } });
    expect(outcomes.every((outcome) => outcome.error === null)).toBe(true);
    expect(placement('app')).toEqual(placement('librdkafka'));
    expect(placement('app')).toEqual(placement('kafkajs'));
    expect(new Set(expected.values()).size).toBe(PARTITIONS);
  });
});
