/**
 * Consumer groups end to end on the real broker (storage, Produce, Fetch, the group coordinator):
 * kafkajs, kafka-python and librdkafka groups of 2–3 members on a 3-partition topic consume every
 * record of a known set exactly once when no member fails; with each client, a member joining and a
 * member killed without leaving lose nothing, and committed offsets survive a broker restart.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupCoordinator } from '../../src/groups/group-coordinator';
import { startBroker } from '../../src/index';
import { startTempBroker, tempDataDir, type TempBroker } from '../support/temp-broker';
import { startNodeMember, startPythonMember, type MemberProcess } from './support/member-process';

const config = { 'group.initial.rebalance.delay.ms': '0', 'group.min.session.timeout.ms': '1000' };

type Consumed = { member: string; partition: number; offset: number; value: string };


const kafkajsMember = `
import { existsSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
const [stopFile, bootstrap, topic, groupId, sessionTimeout] = process.argv.slice(1);
const kafka = new Kafka({ clientId: 'kafkajs-member', brokers: [bootstrap], logLevel: logLevel.NOTHING });
const consumer = kafka.consumer({ groupId, sessionTimeout: Number(sessionTimeout), heartbeatInterval: 300, maxWaitTimeInMs: 100 });
await consumer.connect();
await consumer.subscribe({ topic, fromBeginning: true });
await consumer.run({ eachMessage: async ({ partition, message }) => console.log(JSON.stringify({ record: [partition, Number(message.offset), message.value.toString()] })) });
const timer = setInterval(async () => {
  if (!existsSync(stopFile)) return;
  clearInterval(timer);
  await consumer.disconnect();
  process.exit(0);
}, 100);
`;

const kafkaPythonMember = `
import json, os, sys
from kafka import KafkaConsumer
stop_file, bootstrap, topic, group = sys.argv[1:5]
session_timeout = int(sys.argv[5]) if len(sys.argv) > 5 else 10000
consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=group, client_id='kafka-python-member', auto_offset_reset='earliest',
                         session_timeout_ms=session_timeout, heartbeat_interval_ms=300, fetch_max_wait_ms=100, request_timeout_ms=15000)
last = None
while not os.path.exists(stop_file):
    for tp, records in consumer.poll(timeout_ms=100).items():
        for record in records:
            print(json.dumps({'record': [record.partition, record.offset, record.value.decode()]}), flush=True)
    now = sorted(tp.partition for tp in consumer.assignment())
    if now != last:
        print(json.dumps({'assignment': now}), flush=True)
        last = now
consumer.close()
`;

const librdkafkaMember = `
import json, os, sys
from confluent_kafka import Consumer
stop_file, bootstrap, topic, group = sys.argv[1:5]
session_timeout = int(sys.argv[5]) if len(sys.argv) > 5 else 10000
consumer = Consumer({'bootstrap.servers': bootstrap, 'group.id': group, 'client.id': 'rdkafka-member', 'auto.offset.reset': 'earliest',
                     'session.timeout.ms': session_timeout, 'heartbeat.interval.ms': 300, 'fetch.wait.max.ms': 100})
consumer.subscribe([topic])
last = None
while not os.path.exists(stop_file):
    message = consumer.poll(0.1)
    if message is not None and not message.error():
        print(json.dumps({'record': [message.partition(), message.offset(), message.value().decode()]}), flush=True)
    now = sorted(tp.partition for tp in consumer.assignment())
    if now != last:
        print(json.dumps({'assignment': now}), flush=True)
        last = now
consumer.close()
`;

function recordsOf(name: string, member: MemberProcess): Consumed[] {
  return member.lines
    .filter((line): line is { record: [number, number, string] } => typeof line === 'object' && line !== null && 'record' in line)
    .map(({ record: [partition, offset, value] }) => ({ member: name, partition, offset, value }));
}

describe('consumer groups end to end', () => {
  let temp: TempBroker;
  let coordinator: GroupCoordinator;
  let kafka: Kafka;

  beforeAll(async () => {
    temp = await startTempBroker({ config });
    coordinator = temp.broker.groups;
    kafka = new Kafka({ clientId: 'e2e', brokers: [temp.bootstrap], logLevel: logLevel.NOTHING });
  });
  afterAll(() => temp.stop());


  async function produce(bootstrap: string, topic: string, from: number, count: number): Promise<string[]> {
    const producer = new Kafka({ clientId: 'e2e-producer', brokers: [bootstrap], logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    const values = Array.from({ length: count }, (_, i) => String(from + i));
    await producer.send({ topic, messages: values.map((value) => ({ key: value, value })) });
    await producer.disconnect();
    return values;
  }

  async function stableWith(coordinator: GroupCoordinator, groupId: string, members: number): Promise<void> {
    await expect
      .poll(
        () => {
          const group = coordinator.describeGroup(groupId);
          return group?.state === 'Stable' && group.memberCount === members ? group.members.flatMap((member) => member.assignedPartitions?.flatMap((owned) => owned.partitions) ?? []).sort() : null;
        },
        { timeout: 30_000, interval: 100 },
      )
      .toEqual([0, 1, 2]);
  }

  function committedTotal(coordinator: GroupCoordinator, groupId: string): number {
    return coordinator.committedOffsets(groupId).reduce((sum, { offset }) => sum + Number(offset), 0);
  }

  /** Exactly once: every value once, each partition read by one member, and the group committed to the end of every partition. */
  async function expectExactlyOnce(coordinator: GroupCoordinator, groupId: string, consumed: Consumed[], produced: string[]): Promise<void> {
    expect(consumed.map(({ value }) => value).sort()).toEqual([...produced].sort());
    for (let partition = 0; partition < 3; partition++) {
      expect(new Set(consumed.filter((record) => record.partition === partition).map(({ member }) => member)).size).toBeLessThanOrEqual(1);
    }
    await expect.poll(() => committedTotal(coordinator, groupId), { timeout: 15_000 }).toBe(produced.length);
  }

  it('three kafkajs consumers read every record exactly once', async () => {
    temp.broker.logs.createTopic('e2e-kafkajs', { partitions: 3 });
    const consumed: Consumed[] = [];
    const consumers: Consumer[] = [];
    for (const name of ['a', 'b', 'c']) {
      const consumer = kafka.consumer({ groupId: 'e2e-kafkajs-app', heartbeatInterval: 300, maxWaitTimeInMs: 100 });
      consumers.push(consumer);
      await consumer.connect();
      await consumer.subscribe({ topic: 'e2e-kafkajs', fromBeginning: true });
      await consumer.run({ eachMessage: async ({ partition, message }) => void consumed.push({ member: name, partition, offset: Number(message.offset), value: message.value!.toString() }) });
    }
    try {
      await stableWith(coordinator, 'e2e-kafkajs-app', 3);
      const produced = await produce(temp.bootstrap, 'e2e-kafkajs', 0, 300);
      await expect.poll(() => consumed.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(300);
      await expectExactlyOnce(coordinator, 'e2e-kafkajs-app', consumed, produced);
    } finally {
      await Promise.all(consumers.map((consumer) => consumer.disconnect()));
    }
  });

  it('kafkajs: a member joining and a member killed without leaving lose no record', async () => {
    temp.broker.logs.createTopic('e2e-churn', { partitions: 3 });
    const stopFile = join(temp.dataDir, 'stop-churn');
    const doomed = startNodeMember(kafkajsMember, stopFile, temp.bootstrap, 'e2e-churn', 'e2e-churn-app', '2000');
    const consumed: Consumed[] = [];
    const consumers: Consumer[] = [];
    const addMember = async (name: string) => {
      const consumer = kafka.consumer({ groupId: 'e2e-churn-app', sessionTimeout: 10_000, heartbeatInterval: 300, maxWaitTimeInMs: 100 });
      consumers.push(consumer);
      await consumer.connect();
      await consumer.subscribe({ topic: 'e2e-churn', fromBeginning: true });
      await consumer.run({ eachMessage: async ({ partition, message }) => void consumed.push({ member: name, partition, offset: Number(message.offset), value: message.value!.toString() }) });
    };
    const seen = () => new Set([...consumed, ...recordsOf('doomed', doomed)].map(({ value }) => value));
    try {
      await addMember('a');
      await stableWith(coordinator, 'e2e-churn-app', 2);
      const first = await produce(temp.bootstrap, 'e2e-churn', 0, 100);
      await expect.poll(() => first.every((value) => seen().has(value)), { timeout: 30_000 }).toBe(true);

      await addMember('b');
      await stableWith(coordinator, 'e2e-churn-app', 3);
      const second = await produce(temp.bootstrap, 'e2e-churn', 100, 100);
      await expect.poll(() => second.every((value) => seen().has(value)), { timeout: 30_000 }).toBe(true);

      await doomed.kill();
      const third = await produce(temp.bootstrap, 'e2e-churn', 200, 100);
      await stableWith(coordinator, 'e2e-churn-app', 2);
      await expect.poll(() => [...first, ...second, ...third].filter((value) => !seen().has(value)), { timeout: 30_000 }).toEqual([]);
    } finally {
      await doomed.kill();
      await Promise.all(consumers.map((consumer) => consumer.disconnect()));
      rmSync(stopFile, { force: true });
    }
  });

  it.for([
    ['kafka-python', kafkaPythonMember],
    ['librdkafka', librdkafkaMember],
  ])('two %s consumers read every record exactly once', async ([client, script]) => {
    const topic = `e2e-${client}`;
    const groupId = `${topic}-app`;
    temp.broker.logs.createTopic(topic, { partitions: 3 });
    const stopFile = join(temp.dataDir, `stop-${client}`);
    const members = [startPythonMember(script, stopFile, temp.bootstrap, topic, groupId), startPythonMember(script, stopFile, temp.bootstrap, topic, groupId)];
    try {
      await stableWith(coordinator, groupId, 2);
      const produced = await produce(temp.bootstrap, topic, 0, 200);
      const consumed = () => members.flatMap((member, i) => recordsOf(`m${i}`, member));
      await expect.poll(() => consumed().length, { timeout: 30_000 }).toBeGreaterThanOrEqual(200);
      await Promise.all(members.map((member) => member.stop()));
      await expectExactlyOnce(coordinator, groupId, consumed(), produced);
    } finally {
      await Promise.all(members.map((member) => member.kill()));
    }
  });

  it.for([
    ['kafka-python', kafkaPythonMember],
    ['librdkafka', librdkafkaMember],
  ])('%s: a member joining and a member killed without leaving lose no record', async ([client, script]) => {
    const topic = `e2e-churn-${client}`;
    const groupId = `${topic}-app`;
    temp.broker.logs.createTopic(topic, { partitions: 3 });
    const stopFile = join(temp.dataDir, `stop-churn-${client}`);
    const steady = startPythonMember(script, stopFile, temp.bootstrap, topic, groupId);
    const doomed = startPythonMember(script, stopFile, temp.bootstrap, topic, groupId, '2000');
    const members: MemberProcess[] = [steady, doomed];
    const seen = () => new Set(members.flatMap((member, i) => recordsOf(`m${i}`, member)).map(({ value }) => value));
    try {
      await stableWith(coordinator, groupId, 2);
      const first = await produce(temp.bootstrap, topic, 0, 100);
      await expect.poll(() => first.every((value) => seen().has(value)), { timeout: 30_000 }).toBe(true);

      members.push(startPythonMember(script, stopFile, temp.bootstrap, topic, groupId));
      await stableWith(coordinator, groupId, 3);
      const second = await produce(temp.bootstrap, topic, 100, 100);
      await expect.poll(() => second.every((value) => seen().has(value)), { timeout: 30_000 }).toBe(true);

      await doomed.kill();
      const third = await produce(temp.bootstrap, topic, 200, 100);
      await stableWith(coordinator, groupId, 2);
      await expect.poll(() => [...first, ...second, ...third].filter((value) => !seen().has(value)), { timeout: 30_000 }).toEqual([]);
    } finally {
      await Promise.all(members.map((member) => member.kill()));
      rmSync(stopFile, { force: true });
    }
  });

  it.for([
    ['kafka-python', kafkaPythonMember],
    ['librdkafka', librdkafkaMember],
  ])('%s: committed offsets survive a restart, the group resumes where it left off', async ([client, script]) => {
    const dataDir = tempDataDir();
    let broker = await startBroker({ port: 0, dataDir, config });
    const port = broker.port;
    const bootstrap = `localhost:${port}`;
    const topic = `e2e-restart-${client}`;
    const groupId = `${topic}-app`;
    const stopFile = join(dataDir, 'stop');
    try {
      broker.logs.createTopic(topic, { partitions: 3 });
      const before = await produce(bootstrap, topic, 0, 90);
      const first = startPythonMember(script, stopFile, bootstrap, topic, groupId);
      await expect.poll(() => recordsOf('first', first).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(90);
      await first.stop(); // a clean close commits what was consumed
      expect(recordsOf('first', first).map(({ value }) => value).sort()).toEqual([...before].sort());
      expect(committedTotal(broker.groups, groupId)).toBe(90);

      await broker.stop();
      rmSync(stopFile, { force: true });
      broker = await startBroker({ port, dataDir, config });
      const after = await produce(bootstrap, topic, 90, 30);
      const second = startPythonMember(script, stopFile, bootstrap, topic, groupId);
      await expect.poll(() => recordsOf('second', second).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(30);
      await second.stop();
      expect(recordsOf('second', second).map(({ value }) => value).sort()).toEqual([...after].sort());
    } finally {
      await broker.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('kafkajs: committed offsets survive a restart, the group resumes where it left off', async () => {
    const dataDir = tempDataDir();
    let broker = await startBroker({ port: 0, dataDir, config });
    const port = broker.port;
    try {
      broker.logs.createTopic('e2e-restart', { partitions: 3 });
      const bootstrap = `localhost:${port}`;
      const client = new Kafka({ clientId: 'e2e-restart', brokers: [bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 10, initialRetryTime: 100 } });
      const consumeAll = async (expected: number) => {
        const consumed: string[] = [];
        const consumer = client.consumer({ groupId: 'e2e-restart-app', heartbeatInterval: 300, maxWaitTimeInMs: 100 });
        await consumer.connect();
        await consumer.subscribe({ topic: 'e2e-restart', fromBeginning: true });
        await consumer.run({ eachMessage: async ({ message }) => void consumed.push(message.value!.toString()) });
        await expect.poll(() => consumed.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(expected);
        await expect.poll(() => committedTotal(broker.groups, 'e2e-restart-app'), { timeout: 15_000 }).toBeGreaterThanOrEqual(expected);
        await consumer.disconnect();
        return consumed;
      };
      const before = await produce(bootstrap, 'e2e-restart', 0, 90);
      expect((await consumeAll(90)).sort()).toEqual([...before].sort());

      await broker.stop();
      broker = await startBroker({ port, dataDir, config });
      const after = await produce(bootstrap, 'e2e-restart', 90, 30);
      expect((await consumeAll(30)).sort()).toEqual([...after].sort());
    } finally {
      await broker.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
