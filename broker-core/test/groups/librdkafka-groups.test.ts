/**
 * librdkafka 2.0.2 (through Debian's confluent-kafka-python, /usr/bin/python3) against the group
 * coordinator over TCP: a consumer joins, commits and reads back its offset, the admin client's
 * list_groups describes the group; and a group mixing librdkafka and kafka-python members (both
 * offer the "range" assignor) splits a 3-partition topic between them without overlap.
 *
 * Members run as separate processes that print their assignment whenever it changes; the test
 * waits for the printed assignments, then asks the members to stop (see `member-process.ts`).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess, systemPython } from '../support/run-process';
import { startGroupTestBroker, type GroupTestBroker } from './support/group-test-broker';
import { startPythonMember } from './support/member-process';

const commitAndList = `
import json, sys, time
from confluent_kafka import Consumer, TopicPartition
from confluent_kafka.admin import AdminClient
bootstrap = sys.argv[1]
consumer = Consumer({'bootstrap.servers': bootstrap, 'group.id': 'rdkafka-app', 'client.id': 'rdkafka-consumer',
                     'enable.auto.commit': False, 'session.timeout.ms': 10000, 'heartbeat.interval.ms': 500, 'fetch.wait.max.ms': 100})
consumer.subscribe(['orders'])
deadline = time.time() + 30
while not consumer.assignment() and time.time() < deadline:
    consumer.poll(0.1)
assigned = sorted(tp.partition for tp in consumer.assignment())
consumer.commit(offsets=[TopicPartition('orders', 2, 11)], asynchronous=False)
[committed] = consumer.committed([TopicPartition('orders', 2)], timeout=10)
admin = AdminClient({'bootstrap.servers': bootstrap})
[group] = admin.list_groups('rdkafka-app', timeout=10)
consumer.close()
member = group.members[0]
print(json.dumps({
  'assigned': assigned,
  'committed': committed.offset,
  'state': group.state,
  'protocol_type': group.protocol_type,
  'protocol': group.protocol,
  'members': len(group.members),
  'member_client_id': member.client_id,
  'member_host': member.client_host,
}))
`;

const rdkafkaMember = `
import json, os, sys
from confluent_kafka import Consumer
stop_file, bootstrap = sys.argv[1], sys.argv[2]
consumer = Consumer({'bootstrap.servers': bootstrap, 'group.id': 'mixed-range-app', 'client.id': 'rdkafka-member',
                     'session.timeout.ms': 10000, 'heartbeat.interval.ms': 300, 'fetch.wait.max.ms': 100})
consumer.subscribe(['orders'])
last = None
while not os.path.exists(stop_file):
    consumer.poll(0.1)
    now = sorted(tp.partition for tp in consumer.assignment())
    if now != last:
        print(json.dumps(now), flush=True)
        last = now
consumer.close()
`;

const kafkaPythonMember = `
import json, os, sys
from kafka import KafkaConsumer
stop_file, bootstrap = sys.argv[1], sys.argv[2]
consumer = KafkaConsumer('orders', bootstrap_servers=bootstrap, group_id='mixed-range-app', client_id='kafka-python-member',
                         session_timeout_ms=10000, heartbeat_interval_ms=300, fetch_max_wait_ms=100, request_timeout_ms=15000)
last = None
while not os.path.exists(stop_file):
    consumer.poll(timeout_ms=100)
    now = sorted(tp.partition for tp in consumer.assignment())
    if now != last:
        print(json.dumps(now), flush=True)
        last = now
consumer.close()
`;

describe('librdkafka consumer groups', () => {
  let broker: GroupTestBroker;
  beforeAll(async () => {
    broker = await startGroupTestBroker({ topics: { orders: 3 } });
  });
  afterAll(() => broker.stop());

  it('a librdkafka consumer joins, commits, reads its commit back, and list_groups describes the group', async () => {
    const result = await runProcess(systemPython, ['-c', commitAndList, broker.bootstrap], { timeoutMs: 60_000 });
    expect(result.timedOut).toBe(false);
    expect(result.code, result.stderr).toBe(0);
    const seen = JSON.parse(result.stdout.trim().split('\n').pop()!);
    expect(seen).toMatchObject({ assigned: [0, 1, 2], committed: 11, state: 'Stable', protocol_type: 'consumer', protocol: 'range', members: 1, member_client_id: 'rdkafka-consumer' });
    expect(seen.member_host).toMatch(/^\/(127\.0\.0\.1|::1)$/);
    expect(broker.coordinator.committedOffsets('rdkafka-app')).toMatchObject([{ topic: 'orders', partition: 2, offset: 11n }]);
  });

  it('librdkafka and kafka-python members share a group (range assignor) and split the partitions without overlap', async () => {
    const stopFile = join(broker.dataDir, 'stop-mixed-members');
    const members = [startPythonMember(rdkafkaMember, stopFile, broker.bootstrap), startPythonMember(kafkaPythonMember, stopFile, broker.bootstrap)];
    try {
      await expect
        .poll(
          () => {
            const [a, b] = members.map((member) => member.latest<number[]>() ?? []);
            const group = broker.coordinator.describeGroup('mixed-range-app');
            return group?.state === 'Stable' && group.memberCount === 2 && a.length > 0 && b.length > 0 ? [...a, ...b].sort() : null;
          },
          { timeout: 45_000, interval: 200 },
        )
        .toEqual([0, 1, 2]);
      const group = broker.coordinator.describeGroup('mixed-range-app')!;
      expect(group.protocolName).toBe('range');
      expect(group.members.map((member) => member.clientId).sort()).toEqual(['kafka-python-member', 'rdkafka-member']);
      await Promise.all(members.map((member) => member.stop()));
      await expect.poll(() => broker.coordinator.describeGroup('mixed-range-app')?.state, { timeout: 10_000 }).toBe('Empty');
    } finally {
      await Promise.all(members.map((member) => member.kill()));
    }
  });
});
