/**
 * kafka-python 2.0.2 (Debian's python3-kafka, run with /usr/bin/python3) against the group
 * coordinator over TCP: a KafkaConsumer joins, is assigned every partition and commits with
 * metadata; KafkaAdminClient lists and describes the group and its offsets; the offsets survive a
 * restart; and a kafka-python member joining a kafkajs group gets Kafka's
 * INCONSISTENT_GROUP_PROTOCOL (the two clients share no partition assignor).
 */
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess, systemPython } from '../support/run-process';
import { startGroupTestBroker, type GroupTestBroker } from './support/group-test-broker';

async function python(script: string, ...args: string[]): Promise<Record<string, unknown>> {
  const result = await runProcess(systemPython, ['-c', script, ...args], { timeoutMs: 60_000 });
  expect(result.timedOut, result.stderr).toBe(false);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout.trim().split('\n').pop()!);
}

const consumeAndCommit = `
import json, sys, time
from kafka import KafkaConsumer, KafkaAdminClient, TopicPartition
from kafka.structs import OffsetAndMetadata
bootstrap = sys.argv[1]
consumer = KafkaConsumer('orders', bootstrap_servers=bootstrap, group_id='py-app', client_id='py-consumer',
                         enable_auto_commit=False, session_timeout_ms=10000, heartbeat_interval_ms=500,
                         request_timeout_ms=15000, fetch_max_wait_ms=200)
deadline = time.time() + 30
while not consumer.assignment() and time.time() < deadline:
    consumer.poll(timeout_ms=200)
assigned = sorted(tp.partition for tp in consumer.assignment())
consumer.commit({TopicPartition('orders', 1): OffsetAndMetadata(5, 'py-meta')})
committed = consumer.committed(TopicPartition('orders', 1))
admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id='py-admin')
groups = admin.list_consumer_groups()
[described] = admin.describe_consumer_groups(['py-app'])
offsets = admin.list_consumer_group_offsets('py-app')
consumer.close()
after_close = admin.describe_consumer_groups(['py-app'])[0].state
admin.close()
member = described.members[0]
print(json.dumps({
  'assigned': assigned,
  'committed': committed,
  'groups': [list(group) for group in groups],
  'state': described.state,
  'protocol_type': described.protocol_type,
  'protocol': described.protocol,
  'member_client_id': member.client_id,
  'member_host': member.client_host,
  'member_assignment': [[topic, sorted(partitions)] for topic, partitions in member.member_assignment.assignment],
  'offsets': {f'{tp.topic}-{tp.partition}': [om.offset, om.metadata] for tp, om in offsets.items()},
  'after_close': after_close,
}))
`;

const readOffsets = `
import json, sys
from kafka import KafkaAdminClient
admin = KafkaAdminClient(bootstrap_servers=sys.argv[1], client_id='py-admin')
offsets = admin.list_consumer_group_offsets(sys.argv[2])
admin.close()
print(json.dumps({f'{tp.topic}-{tp.partition}': [om.offset, om.metadata] for tp, om in offsets.items()}))
`;

const joinMixedGroup = `
import json, sys, time
from kafka import KafkaConsumer
from kafka.errors import KafkaError
consumer = KafkaConsumer('orders', bootstrap_servers=sys.argv[1], group_id=sys.argv[2], client_id='py-mixed',
                         session_timeout_ms=10000, request_timeout_ms=15000, fetch_max_wait_ms=200)
outcome = 'no error'
try:
    deadline = time.time() + 20
    while not consumer.assignment() and time.time() < deadline:
        consumer.poll(timeout_ms=200)
except KafkaError as error:
    outcome = type(error).__name__
consumer.close(autocommit=False)
print(json.dumps({'outcome': outcome}))
`;

describe('kafka-python consumer groups', () => {
  let broker: GroupTestBroker;
  beforeAll(async () => {
    broker = await startGroupTestBroker({ topics: { orders: 3 } });
  });
  afterAll(() => broker.stop());

  it('a KafkaConsumer joins, gets every partition, commits with metadata; the admin client sees the group and its offsets', async () => {
    const seen = await python(consumeAndCommit, broker.bootstrap);
    expect(seen).toMatchObject({
      assigned: [0, 1, 2],
      committed: 5,
      state: 'Stable',
      protocol_type: 'consumer',
      protocol: 'range',
      member_client_id: 'py-consumer',
      member_assignment: [['orders', [0, 1, 2]]],
      offsets: { 'orders-1': [5, 'py-meta'] },
      after_close: 'Empty',
    });
    expect(seen.groups).toContainEqual(['py-app', 'consumer']);
    expect(seen.member_host).toMatch(/^\/(127\.0\.0\.1|::1)$/);
  });

  it('its committed offsets survive a broker restart', async () => {
    await broker.restart();
    expect(await python(readOffsets, broker.bootstrap, 'py-app')).toEqual({ 'orders-1': [5, 'py-meta'] });
  });

  it('a kafka-python member joining a kafkajs group gets INCONSISTENT_GROUP_PROTOCOL, as from Kafka', async () => {
    const kafka = new Kafka({ clientId: 'js-member', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: 'mixed-app', maxWaitTimeInMs: 200 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: 'orders' });
      await consumer.run({ eachMessage: async () => {} });
      await expect.poll(() => broker.coordinator.describeGroup('mixed-app')?.state, { timeout: 20_000 }).toBe('Stable');
      expect(await python(joinMixedGroup, broker.bootstrap, 'mixed-app')).toEqual({ outcome: 'InconsistentGroupProtocolError' });
      expect(broker.coordinator.describeGroup('mixed-app')).toMatchObject({ state: 'Stable', memberCount: 1 });
    } finally {
      await consumer.disconnect();
    }
  });
});
