/**
 * The embedded cluster against a real broker in process (port 0, a temp data dir) and, for groups,
 * a real kafkajs consumer over TCP: what the shared contract suite (test/cluster-contract.ts)
 * leaves out — the local details only this broker knows, the exact Kafka error names of its
 * refusals, the one-broker topology, config synonyms, and a live member's assignment.
 */
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRecordBatch } from '../../../../broker-core/src/index';
import { startTempBroker, type TempBroker } from '../../../../broker-core/test/support/temp-broker';
import type { Cluster } from '../cluster';
import { ClusterError } from '../cluster-admin';
import { embeddedCluster } from './embedded-cluster';

async function failure(promise: Promise<unknown>): Promise<ClusterError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ClusterError)) throw new Error(`expected a ClusterError, got ${String(error)}`);
  return error;
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const batch = (count: number) => buildRecordBatch(Array.from({ length: count }, (_, i) => ({ key: null, value: Buffer.from(`value-${i}`) })));

describe('the embedded cluster', () => {
  let temp: TempBroker;
  let cluster: Cluster;

  beforeAll(async () => {
    temp = await startTempBroker({ config: { 'group.initial.rebalance.delay.ms': '0' } });
    cluster = embeddedCluster(temp.broker);
  });
  afterAll(async () => {
    await cluster?.close();
    await temp?.stop();
  });

  it('is the broker in process: one node, its own controller, leader and only replica of every partition', async () => {
    const { broker } = temp;
    expect(cluster.kind).toBe('embedded');
    expect(await cluster.admin.describeCluster()).toEqual({
      clusterId: broker.clusterId,
      controllerId: broker.nodeId,
      brokers: [{ nodeId: broker.nodeId, host: broker.advertisedHost, port: broker.port, rack: null }],
    });

    await cluster.admin.createTopic('layout', { partitions: 2 });
    const described = await cluster.admin.describeTopic('layout');
    expect(described).toEqual({
      name: 'layout',
      topicId: broker.logs.describeTopic('layout').topicId,
      internal: false,
      partitions: [0, 1].map((partition) => ({ partition, leader: broker.nodeId, replicas: [broker.nodeId], isr: [broker.nodeId] })),
    });
    expect(described.topicId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect((await cluster.admin.listTopics()).find((topic) => topic.name === 'layout')).toEqual(described);
  });

  it('reports what only it knows: bytes and segments on disk, the last append time, the creation time', async () => {
    const before = Date.now();
    await cluster.admin.createTopic('local', { partitions: 2 });
    const local = cluster.local!;
    expect(local.topicCreatedAt('local')).toBeGreaterThanOrEqual(before);
    expect(local.topicCreatedAt('local')).toBeLessThanOrEqual(Date.now());

    const empty = local.partition('local', 1);
    expect(empty).toMatchObject({ lastAppendTime: null, offlineReason: null });
    expect(empty.segments).toBeGreaterThanOrEqual(1);

    const appendedAfter = Date.now();
    await cluster.sink.append('local', 0, batch(10), -1);
    const written = local.partition('local', 0);
    expect(written.bytes).toBeGreaterThan(0);
    expect(written.segments).toBeGreaterThanOrEqual(1);
    expect(written.lastAppendTime).toBeGreaterThanOrEqual(appendedAfter);
    expect(written.offlineReason).toBeNull();

    expect(() => local.partition('local', 5)).toThrow(ClusterError);
    expect(() => local.partition('nowhere', 0)).toThrow(expect.objectContaining({ code: 'UNKNOWN_TOPIC_OR_PARTITION' }));
    expect(() => local.topicCreatedAt('nowhere')).toThrow(expect.objectContaining({ code: 'UNKNOWN_TOPIC_OR_PARTITION' }));
  });

  it("refuses topic operations with Kafka's error names and the broker's messages", async () => {
    await cluster.admin.createTopic('refusals', { partitions: 2 });
    await cluster.sink.append('refusals', 0, batch(3), -1);

    const exists = await failure(cluster.admin.createTopic('refusals', { partitions: 1 }));
    expect(exists.code).toBe('TOPIC_ALREADY_EXISTS');
    expect(exists.message).toContain('refusals');
    expect((await failure(cluster.admin.createTopic('bad name!', { partitions: 1 }))).code).toBe('INVALID_TOPIC_EXCEPTION');
    expect((await failure(cluster.admin.createTopic('no-partitions', { partitions: 0 }))).code).toBe('INVALID_PARTITIONS');
    expect((await failure(cluster.admin.createTopic('replicated', { partitions: 1, replicationFactor: 3 }))).code).toBe('INVALID_REPLICATION_FACTOR');
    expect((await failure(cluster.admin.createTopic('misconfigured', { partitions: 1, configs: { 'retention.ms': 'soon' } }))).code).toBe('INVALID_CONFIG');
    expect(temp.broker.logs.hasTopic('misconfigured')).toBe(false);

    for (const missing of [
      cluster.admin.describeTopic('nowhere'),
      cluster.admin.deleteTopic('nowhere'),
      cluster.admin.createPartitions('nowhere', 3),
      cluster.admin.describeTopicConfigs('nowhere'),
      cluster.admin.alterTopicConfigs('nowhere', [{ op: 'SET', name: 'retention.ms', value: '1000' }]),
      cluster.admin.deleteRecords('nowhere', [{ partition: 0, offset: -1 }]),
    ]) {
      const error = await failure(missing);
      expect(error.code).toBe('UNKNOWN_TOPIC_OR_PARTITION');
      expect(error.message).toContain('nowhere');
    }

    const same = await failure(cluster.admin.createPartitions('refusals', 2));
    expect(same.code).toBe('INVALID_PARTITIONS');
    expect(same.message).toMatch(/has 2 partition/);
    expect((await failure(cluster.admin.createPartitions('refusals', 1))).code).toBe('INVALID_PARTITIONS');
    expect((await failure(cluster.admin.alterTopicConfigs('refusals', [{ op: 'SET', name: 'no.such.config', value: '1' }]))).code).toBe('INVALID_CONFIG');
    expect(
      (
        await failure(
          cluster.admin.alterTopicConfigs('refusals', [
            { op: 'SET', name: 'retention.ms', value: '1000' },
            { op: 'DELETE', name: 'retention.ms' },
          ]),
        )
      ).code,
    ).toBe('INVALID_REQUEST');
  });

  it('deletes records only when every target can be: an unknown partition or an offset past the high watermark changes nothing', async () => {
    await cluster.admin.createTopic('purged', { partitions: 2 });
    await cluster.sink.append('purged', 0, batch(5), -1);
    await cluster.sink.append('purged', 1, batch(2), -1);

    expect((await failure(cluster.admin.deleteRecords('purged', [{ partition: 0, offset: 2 }, { partition: 9, offset: 0 }]))).code).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    const past = await failure(cluster.admin.deleteRecords('purged', [{ partition: 0, offset: 2 }, { partition: 1, offset: 3 }]));
    expect(past.code).toBe('OFFSET_OUT_OF_RANGE');
    expect(past.message).toMatch(/high watermark is 2/);
    expect(await cluster.records.partitionOffsets('purged')).toEqual([
      { partition: 0, logStartOffset: 0, highWatermark: 5 },
      { partition: 1, logStartOffset: 0, highWatermark: 2 },
    ]);

    expect(await cluster.admin.deleteRecords('purged', [{ partition: 0, offset: 2 }, { partition: 1, offset: -1 }])).toEqual([
      { partition: 0, logStartOffset: 2 },
      { partition: 1, logStartOffset: 2 },
    ]);

    await cluster.admin.createTopic('compacted', { partitions: 1, configs: { 'cleanup.policy': 'compact' } });
    await cluster.sink.append('compacted', 0, buildRecordBatch([{ key: Buffer.from('k'), value: Buffer.from('v') }]), -1);
    expect((await failure(cluster.admin.deleteRecords('compacted', [{ partition: 0, offset: 1 }]))).code).toBe('POLICY_VIOLATION');
  });

  it("describes a topic's configs as DescribeConfigs does: sources, synonyms most specific first, types and documentation", async () => {
    await cluster.admin.createTopic('configured', { partitions: 1, configs: { 'retention.ms': '60000' } });
    const configs = await cluster.admin.describeTopicConfigs('configured');
    const retention = configs.find((entry) => entry.name === 'retention.ms');
    expect(retention).toMatchObject({ value: '60000', source: 'DYNAMIC_TOPIC_CONFIG', readOnly: false, sensitive: false, type: 'LONG' });
    expect(retention?.documentation).toEqual(expect.any(String));
    expect(retention?.documentation).not.toBe('');
    expect(retention?.synonyms[0]).toEqual({ name: 'retention.ms', value: '60000', source: 'DYNAMIC_TOPIC_CONFIG' });
    expect(retention?.synonyms.slice(1).map((synonym) => synonym.source)).toContain('DEFAULT_CONFIG');

    const cleanup = configs.find((entry) => entry.name === 'cleanup.policy');
    expect(cleanup).toMatchObject({ value: 'delete', source: 'DEFAULT_CONFIG', type: 'LIST' });
    expect(cleanup?.synonyms.every((synonym) => synonym.source !== 'DYNAMIC_TOPIC_CONFIG')).toBe(true);
    expect(configs.every((entry) => entry.value !== null)).toBe(true);
  });

  describe('with a live kafkajs consumer', () => {
    let consumer: Consumer;
    const groupId = 'embedded-admin-group';

    beforeAll(async () => {
      await cluster.admin.createTopic('consumed', { partitions: 3 });
      await cluster.sink.append('consumed', 0, batch(4), -1);
      await cluster.sink.append('consumed', 2, batch(1), -1);
      const kafka = new Kafka({ clientId: 'embedded-admin-test', brokers: [temp.bootstrap], logLevel: logLevel.NOTHING });
      consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 500 });
      await consumer.connect();
      await consumer.subscribe({ topic: 'consumed', fromBeginning: true });
      let joined!: () => void;
      const ready = new Promise<void>((resolve) => (joined = resolve));
      consumer.on(consumer.events.GROUP_JOIN, () => joined());
      await consumer.run({ autoCommit: false, eachMessage: async () => {} });
      await ready;
      await consumer.commitOffsets([{ topic: 'consumed', partition: 0, offset: '3' }]);
    }, 30_000);
    afterAll(async () => {
      await consumer?.disconnect().catch(() => undefined);
    });

    it("describes the member and what it was assigned, decoded from the consumer protocol", async () => {
      await until(async () => (await cluster.admin.describeGroup(groupId)).state === 'Stable', 'the group to be Stable');
      expect((await cluster.admin.listGroups()).find((group) => group.groupId === groupId)).toEqual({ groupId, state: 'Stable', protocolType: 'consumer' });
      const described = await cluster.admin.describeGroup(groupId);
      expect(described).toMatchObject({ groupId, state: 'Stable', protocolType: 'consumer', protocol: 'RoundRobinAssigner' });
      expect(described.members).toEqual([
        {
          memberId: expect.stringMatching(/^embedded-admin-test-/),
          groupInstanceId: null,
          clientId: 'embedded-admin-test',
          clientHost: expect.any(String),
          assignment: [{ topic: 'consumed', partitions: [0, 1, 2] }],
        },
      ]);
      expect(await cluster.admin.groupOffsets(groupId)).toEqual([{ topic: 'consumed', partition: 0, offset: 3, metadata: expect.anything(), committedAt: expect.any(Number) }]);
    });

    it('refuses to move its offsets or delete it while the member is active (NON_EMPTY_GROUP), and changes nothing', async () => {
      const busy = await failure(cluster.admin.alterGroupOffsets(groupId, [{ topic: 'consumed', partition: 0, offset: 0 }]));
      expect(busy.code).toBe('NON_EMPTY_GROUP');
      expect(busy.message).toMatch(/active member/);
      const undeletable = await failure(cluster.admin.deleteGroup(groupId));
      expect(undeletable.code).toBe('NON_EMPTY_GROUP');
      expect((await cluster.admin.groupOffsets(groupId)).map((entry) => entry.offset)).toEqual([3]);
      expect((await cluster.admin.describeGroup(groupId)).members).toHaveLength(1);
    });

    it('once the member leaves: moves offsets (an unknown partition is UNKNOWN_TOPIC_OR_PARTITION), deletes the group, then knows it no more', async () => {
      await consumer.disconnect();
      await until(async () => (await cluster.admin.describeGroup(groupId)).state === 'Empty', 'the group to be Empty');
      expect((await cluster.admin.describeGroup(groupId)).members).toEqual([]);

      expect((await failure(cluster.admin.alterGroupOffsets(groupId, [{ topic: 'consumed', partition: 7, offset: 0 }]))).code).toBe('UNKNOWN_TOPIC_OR_PARTITION');
      expect((await failure(cluster.admin.alterGroupOffsets(groupId, [{ topic: 'consumed', partition: 0, offset: -5 }]))).code).toBe('INVALID_REQUEST');
      await cluster.admin.alterGroupOffsets(groupId, [
        { topic: 'consumed', partition: 2, offset: 1 },
        { topic: 'consumed', partition: 0, offset: 1 },
      ]);
      expect((await cluster.admin.groupOffsets(groupId)).map(({ topic, partition, offset }) => ({ topic, partition, offset }))).toEqual([
        { topic: 'consumed', partition: 0, offset: 1 },
        { topic: 'consumed', partition: 2, offset: 1 },
      ]);

      await cluster.admin.deleteGroup(groupId);
      expect((await cluster.admin.listGroups()).map((group) => group.groupId)).not.toContain(groupId);
      expect(await cluster.admin.groupOffsets(groupId)).toEqual([]);
      const gone = await failure(cluster.admin.describeGroup(groupId));
      expect(gone.code).toBe('GROUP_ID_NOT_FOUND');
      expect((await failure(cluster.admin.deleteGroup(groupId))).code).toBe('GROUP_ID_NOT_FOUND');
    });
  });

  it('closes without stopping the broker: the host owns its life', async () => {
    await embeddedCluster(temp.broker).close();
    expect((await cluster.admin.listTopics()).map((topic) => topic.name)).toContain('layout');
    // Still serving clients over TCP.
    const admin = new Kafka({ clientId: 'embedded-admin-after-close', brokers: [temp.bootstrap], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      expect(await admin.listTopics()).toContain('layout');
    } finally {
      await admin.disconnect();
    }
  });
});
