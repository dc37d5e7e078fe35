/**
 * The seed's idea end to end, with real clients and real time: "a message not consumed within the
 * specified time is moved to the dead letter queue".
 * - kafka-python (Debian's /usr/bin/python3) sets the policy with its admin client, produces to a
 *   topic whose watched group consumes nothing, and after the deadline reads the DLQ: the records
 *   with their keys, values, headers and the KIP-1191 provenance headers; the group's committed
 *   offsets (read with the admin client) are past them.
 * - A kafkajs consumer live in the watched group (paused, so it consumes nothing) is made to
 *   rejoin when the sweeper moves the group's offset, and after resuming receives only what was
 *   produced after the moved records.
 */
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess, systemPython } from '../support/run-process';
import { startTempBroker, type TempBroker } from '../support/temp-broker';

const SEED_IDEA = `
import json, sys, time
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import ConfigResource, ConfigResourceType, NewTopic

bootstrap = sys.argv[1]
admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="dlq-example")
admin.create_topics([NewTopic(name="orders", num_partitions=2, replication_factor=1)])
admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, "orders", configs={
    "dlq.enable": "true", "dlq.group": "billing", "dlq.max.age.ms": "1000"})])

producer = KafkaProducer(bootstrap_servers=bootstrap)
for i in range(10):
    producer.send("orders", key=b"k%d" % i, value=b"order-%d" % i, partition=i % 2, headers=[("trace", b"t%d" % i)])
producer.flush()
producer.close()

deadline = time.time() + 20
while "orders.dlq" not in admin.list_topics() and time.time() < deadline:
    time.sleep(0.2)
consumer = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, consumer_timeout_ms=1000)
consumer.assign([TopicPartition("orders.dlq", 0), TopicPartition("orders.dlq", 1)])
consumer.seek_to_beginning()
dead = []
while len(dead) < 10 and time.time() < deadline:
    for message in consumer:
        dead.append({"partition": message.partition, "key": message.key.decode(), "value": message.value.decode(),
                     "headers": {key: value.decode() for key, value in message.headers}})
consumer.close()
committed = {str(tp.partition): meta.offset for tp, meta in admin.list_consumer_group_offsets("billing").items()}
admin.close()
print(json.dumps({"dead": sorted(dead, key=lambda record: record["value"]), "committed": committed}))
`;

async function waitFor(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('dead letters with real clients', () => {
  let temp: TempBroker;
  beforeAll(async () => {
    temp = await startTempBroker({ config: { 'dlq.sweep.interval.ms': '200' } });
  });
  afterAll(() => temp?.stop());

  it('kafka-python: the policy set with the admin client, unconsumed records in the DLQ with provenance after the deadline, the group past them', async () => {
    const result = await runProcess(systemPython, ['-c', SEED_IDEA, temp.bootstrap], { timeoutMs: 45_000 });
    expect(result.code, result.stderr).toBe(0);
    const { dead, committed } = JSON.parse(result.stdout.trim().split('\n').pop()!) as {
      dead: { partition: number; key: string; value: string; headers: Record<string, string> }[];
      committed: Record<string, number>;
    };
    expect(dead.map((record) => record.value)).toEqual(Array.from({ length: 10 }, (_, i) => `order-${i}`));
    for (const record of dead) {
      const i = Number(record.value.slice('order-'.length));
      expect(record.partition).toBe(i % 2);
      expect(record.key).toBe(`k${i}`);
      expect(record.headers).toMatchObject({
        trace: `t${i}`,
        '__dlq.errors.topic': 'orders',
        '__dlq.errors.partition': String(i % 2),
        '__dlq.errors.offset': String(Math.floor(i / 2)),
        '__dlq.errors.group': 'billing',
        '__dlq.errors.message': 'not consumed by group "billing" within dlq.max.age.ms=1000 (1 s)',
      });
    }
    expect(committed).toEqual({ '0': 5, '1': 5 });
  }, 60_000);

  it('kafkajs: a live member of the watched group is made to rejoin and goes on after the moved records', async () => {
    const kafka = new Kafka({ clientId: 'dlq-live', brokers: [temp.bootstrap], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'payments', numPartitions: 1, configEntries: [
      { name: 'dlq.enable', value: 'true' },
      { name: 'dlq.group', value: 'live' },
      { name: 'dlq.max.age.ms', value: '1500' },
    ] }] });
    await admin.disconnect();

    const consumer: Consumer = kafka.consumer({ groupId: 'live', sessionTimeout: 10_000, heartbeatInterval: 300, maxWaitTimeInMs: 200 });
    let joins = 0;
    consumer.on(consumer.events.GROUP_JOIN, () => (joins += 1));
    const received: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: 'payments', fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void received.push(message.value!.toString()) });
    try {
      await waitFor('the consumer to join', () => joins === 1);
      consumer.pause([{ topic: 'payments' }]);
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic: 'payments', messages: Array.from({ length: 5 }, (_, i) => ({ value: `old-${i}` })) });

      await waitFor('the sweeper to move the group past the old records', () => temp.broker.groups.committedOffsets('live').some((view) => view.offset === 5n));
      await waitFor('the member to rejoin', () => joins >= 2);
      expect(temp.broker.deadLetters.status().topics.find((topic) => topic.topic === 'payments')?.moved).toBe(5);

      consumer.resume([{ topic: 'payments' }]);
      await producer.send({ topic: 'payments', messages: Array.from({ length: 3 }, (_, i) => ({ value: `new-${i}` })) });
      await waitFor('the new records', () => received.length >= 3);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(received).toEqual(['new-0', 'new-1', 'new-2']);
      await producer.disconnect();
    } finally {
      await consumer.disconnect();
    }
  }, 60_000);
});
