/**
 * The cluster contract (electron/host/cluster/cluster.ts) as one suite, run against every
 * implementation by cluster-contract.test.ts: the same calls, the same answers, whether the
 * cluster is the broker in this process or a cluster behind a Kafka client.
 *
 * Records go in through the cluster's own sink and come back through its source, decoded with
 * broker-core's reader, so a source that hands out anything but Kafka's stored batches fails.
 * Groups are made by a real client (kafkajs) joining and committing over TCP.
 */
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRecordBatch, offsetAfterBatches, readStoredRecords } from '../../../broker-core/src/index';
import type { Cluster } from '../cluster/cluster';
import { ClusterError } from '../cluster/cluster-admin';
import { RecordSinkError } from '../cluster/record-sink';
import { RecordSourceError } from '../cluster/record-source';
import { rejection } from './rejection';

export interface OpenedCluster {
  cluster: Cluster;
  /** Where a real client reaches the same cluster. */
  bootstrap: string;
  /**
   * How the suite makes a topic on a cluster that offers no CreateTopics (librdkafka's mock):
   * through the cluster's own controls, each partition led by a different broker where there are
   * several. Absent: through `cluster.admin.createTopic`.
   */
  makeTopic?(name: string, partitions: number): Promise<void>;
  close(): Promise<void>;
}

export interface ContractTarget {
  name: string;
  open(): Promise<OpenedCluster>;
  /** How many brokers the cluster has (checked when given). */
  brokers?: number;
  /**
   * Why the cluster offers no administration to this console (no CreateTopics, DescribeConfigs,
   * DeleteRecords, ListGroups…): the cases that need it check instead that each such call is
   * refused at once with UNSUPPORTED_VERSION, in words naming the API.
   */
  noAdmin?: string;
  /** Why the cluster cannot look offsets up by time (the checks of offsetForTime are left out). */
  noTimeLookup?: string;
}

/** Retries `check` until it passes (metadata may reach a remote client's cache a moment late). */
async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const text = (value: Buffer | null) => (value === null ? null : value.toString('utf8'));

/** The call is refused at once as a feature the cluster cannot serve, naming the Kafka API it lacks. */
async function refusedAsUnsupported(promise: Promise<unknown>, api: RegExp): Promise<void> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(ClusterError);
  expect(error.code).toBe('UNSUPPORTED_VERSION');
  expect(error.message).toMatch(api);
}

export function clusterContract(target: ContractTarget): void {
  describe(`cluster contract: ${target.name}`, () => {
    let opened: OpenedCluster;
    let cluster: Cluster;
    let kafka: Kafka;
    const consumers: Consumer[] = [];
    const topic = (name: string) => `contract-${name}`;
    /** A topic the suite writes to: made by the cluster's admin, or its own controls where it has no CreateTopics. */
    const makeTopic = async (name: string, partitions: number): Promise<void> => {
      if (opened.makeTopic) await opened.makeTopic(name, partitions);
      else await cluster.admin.createTopic(name, { partitions });
      await eventually(() => cluster.sink.topicLayout(name));
    };

    beforeAll(async () => {
      opened = await target.open();
      cluster = opened.cluster;
      kafka = new Kafka({ clientId: 'contract-client', brokers: opened.bootstrap.split(','), logLevel: logLevel.NOTHING });
    });
    afterAll(async () => {
      for (const consumer of consumers) await consumer.disconnect().catch(() => undefined);
      await opened?.close();
    });

    it('describes the cluster: its brokers, with host and port', async () => {
      const described = await cluster.admin.describeCluster();
      expect(described.brokers.length).toBeGreaterThan(0);
      if (target.brokers !== undefined) expect(described.brokers).toHaveLength(target.brokers);
      for (const broker of described.brokers) {
        expect(broker.host).not.toBe('');
        expect(broker.port).toBeGreaterThan(0);
      }
    });

    it('creates a topic and lists and describes it, each partition led by a broker of the cluster', async () => {
      if (target.noAdmin) {
        await refusedAsUnsupported(cluster.admin.createTopic(topic('created'), { partitions: 3 }), /CreateTopics/);
        await makeTopic(topic('created'), 3);
      } else {
        await cluster.admin.createTopic(topic('created'), { partitions: 3 });
      }
      const described = await eventually(() => cluster.admin.describeTopic(topic('created')));
      expect(described.partitions.map((partition) => partition.partition)).toEqual([0, 1, 2]);
      const brokers = new Set((await cluster.admin.describeCluster()).brokers.map((broker) => broker.nodeId));
      for (const partition of described.partitions) expect(brokers.has(partition.leader)).toBe(true);
      // On a cluster of several brokers, the partitions are led by different ones.
      if (brokers.size >= 3) expect(new Set(described.partitions.map((partition) => partition.leader)).size).toBe(3);
      const listed = await cluster.admin.listTopics();
      expect(listed.map((entry) => entry.name)).toContain(topic('created'));
      expect(listed.map((entry) => entry.name)).toEqual([...listed.map((entry) => entry.name)].sort());
    });

    it("refuses what Kafka refuses, by Kafka's error names", async () => {
      const unknown = await rejection(cluster.admin.describeTopic(topic('never-created')));
      expect(unknown).toBeInstanceOf(ClusterError);
      expect(unknown.code).toBe('UNKNOWN_TOPIC_OR_PARTITION');
      if (target.noAdmin) {
        await makeTopic(topic('twice'), 1);
        await refusedAsUnsupported(cluster.admin.createTopic(topic('twice'), { partitions: 1 }), /CreateTopics/);
        await refusedAsUnsupported(cluster.admin.createPartitions(topic('twice'), 1), /CreatePartitions|Kafka 2\.4/);
        return;
      }
      await cluster.admin.createTopic(topic('twice'), { partitions: 1 });
      const twice = await rejection(cluster.admin.createTopic(topic('twice'), { partitions: 1 }));
      expect(twice).toBeInstanceOf(ClusterError);
      expect(twice.code).toBe('TOPIC_ALREADY_EXISTS');
      const fewer = await rejection(cluster.admin.createPartitions(topic('twice'), 1));
      expect(fewer.code).toBe('INVALID_PARTITIONS');
    });

    it('stores batches through the sink and hands them back through the source, record for record', async () => {
      const name = topic('records');
      await makeTopic(name, 2);
      const layout = await cluster.sink.topicLayout(name);
      expect(layout.partitions).toBe(2);
      expect(layout.maxBatchBytes).toBeGreaterThan(1000);

      const base = Date.UTC(2026, 0, 1);
      const first = await cluster.sink.append(name, 1, buildRecordBatch([0, 1, 2].map((i) => ({ key: Buffer.from(`k${i}`), value: Buffer.from(`v${i}`), timestamp: base + i * 1000 }))), -1);
      const second = await cluster.sink.append(name, 1, buildRecordBatch([3, 4].map((i) => ({ key: Buffer.from(`k${i}`), value: Buffer.from(`v${i}`), headers: [{ key: 'h', value: Buffer.from(`x${i}`) }], timestamp: base + i * 1000 }))), 1);
      expect(first).toEqual({ baseOffset: 0, recordCount: 3 });
      expect(second).toEqual({ baseOffset: 3, recordCount: 2 });

      const offsets = await cluster.records.partitionOffsets(name);
      expect(offsets).toEqual([
        { partition: 0, logStartOffset: 0, highWatermark: 0 },
        { partition: 1, logStartOffset: 0, highWatermark: 5 },
      ]);

      // Kafka may answer a Fetch with fewer batches than the byte limit allows (librdkafka's mock
      // gives one per request): read on from after the last batch, as a consumer does.
      const parts: Buffer[] = [];
      for (let next = 0; next < 5; ) {
        const fetched = await cluster.records.fetch(name, 1, next, 1 << 20);
        expect(fetched.highWatermark).toBe(5);
        expect(fetched.batches.length).toBeGreaterThan(0);
        parts.push(fetched.batches);
        next = offsetAfterBatches(fetched.batches, next);
      }
      const read = readStoredRecords(Buffer.concat(parts));
      expect(read.batchErrors).toEqual([]);
      expect(read.records.map((record) => [record.offset, text(record.key), text(record.value), record.timestamp])).toEqual([0, 1, 2, 3, 4].map((i) => [i, `k${i}`, `v${i}`, base + i * 1000]));
      expect(read.records[4]!.headers).toEqual([{ key: 'h', value: Buffer.from('x4') }]);

      // From the middle: the batch holding offset 4 comes back whole (it starts at 3).
      const middle = readStoredRecords((await cluster.records.fetch(name, 1, 4, 1 << 20)).batches);
      expect(middle.records.map((record) => record.offset)).toEqual([3, 4]);
      // At the high watermark: nothing, and no error.
      const end = await cluster.records.fetch(name, 1, 5, 1 << 20);
      expect(end.batches.length).toBe(0);
      expect(end.highWatermark).toBe(5);

      if (target.noTimeLookup) return;
      expect(await cluster.records.offsetForTime(name, 1, base + 1500)).toBe(2);
      expect(await cluster.records.offsetForTime(name, 1, base)).toBe(0);
      expect(await cluster.records.offsetForTime(name, 1, base + 60_000)).toBeNull();
      expect(await cluster.records.offsetForTime(name, 0, base)).toBeNull();
    });

    it('says which topic, partition or offset a read cannot have', async () => {
      const name = topic('read-errors');
      await makeTopic(name, 1);
      await cluster.sink.append(name, 0, buildRecordBatch([{ value: Buffer.from('only') }]), -1);

      const noTopic = await rejection(cluster.records.partitionOffsets(topic('missing')));
      expect(noTopic).toBeInstanceOf(RecordSourceError);
      expect(noTopic.code).toBe('UNKNOWN_TOPIC');
      const noPartition = await rejection(cluster.records.fetch(name, 7, 0, 1024));
      expect(noPartition).toBeInstanceOf(RecordSourceError);
      expect(noPartition.code).toBe('UNKNOWN_PARTITION');
      const past = await rejection(cluster.records.fetch(name, 0, 50, 1024));
      expect(past).toBeInstanceOf(RecordSourceError);
      expect(past.code).toBe('OFFSET_OUT_OF_RANGE');

      const noSinkTopic = await rejection(cluster.sink.append(topic('missing'), 0, buildRecordBatch([{ value: Buffer.from('x') }]), -1));
      expect(noSinkTopic).toBeInstanceOf(RecordSinkError);
      expect(noSinkTopic.code).toBe('UNKNOWN_TOPIC');
    });

    it('reads without leaving a trace: looking for a topic that does not exist creates none', async () => {
      const ghost = topic('looked-for');
      expect((await rejection(cluster.admin.describeTopic(ghost))).code).toBe('UNKNOWN_TOPIC_OR_PARTITION');
      expect((await rejection(cluster.records.partitionOffsets(ghost))).code).toBe('UNKNOWN_TOPIC');
      expect((await rejection(cluster.records.fetch(ghost, 0, 0, 1024))).code).toBe('UNKNOWN_TOPIC');
      expect((await rejection(cluster.sink.topicLayout(ghost))).code).toBe('UNKNOWN_TOPIC');
      expect((await cluster.admin.listTopics()).map((entry) => entry.name)).not.toContain(ghost);
    });

    it("refuses a batch over the topic's max.message.bytes and stores none of it", async () => {
      const name = topic('too-large');
      if (target.noAdmin) {
        await makeTopic(name, 1);
        await refusedAsUnsupported(cluster.admin.describeTopicConfigs(name), /DescribeConfigs|Kafka 2\.4/);
        return;
      }
      await cluster.admin.createTopic(name, { partitions: 1, configs: { 'max.message.bytes': '2000' } });
      await eventually(() => cluster.sink.topicLayout(name));
      expect((await cluster.sink.topicLayout(name)).maxBatchBytes).toBe(2000);
      const tooLarge = await rejection(cluster.sink.append(name, 0, buildRecordBatch([{ value: Buffer.alloc(5000, 1) }]), -1));
      expect(tooLarge).toBeInstanceOf(RecordSinkError);
      expect(tooLarge.code).toBe('RECORD_TOO_LARGE');
      expect((await cluster.records.partitionOffsets(name))[0]!.highWatermark).toBe(0);
    });

    it('adds partitions, and alters and resets a topic config', async () => {
      const name = topic('altered');
      if (target.noAdmin) {
        await makeTopic(name, 1);
        await refusedAsUnsupported(cluster.admin.createPartitions(name, 4), /CreatePartitions|Kafka 2\.4/);
        await refusedAsUnsupported(cluster.admin.alterTopicConfigs(name, [{ op: 'SET', name: 'retention.ms', value: '123456' }]), /IncrementalAlterConfigs|Kafka 2\.4/);
        expect(await cluster.admin.topicOverrides([name])).toBeNull();
        return;
      }
      await cluster.admin.createTopic(name, { partitions: 1 });
      await cluster.admin.createPartitions(name, 4);
      await eventually(async () => expect((await cluster.admin.describeTopic(name)).partitions).toHaveLength(4));

      const before = (await cluster.admin.describeTopicConfigs(name)).find((entry) => entry.name === 'retention.ms');
      expect(before).toMatchObject({ source: expect.stringMatching(/DEFAULT_CONFIG|STATIC_BROKER_CONFIG/) });

      // validateOnly changes nothing.
      await cluster.admin.alterTopicConfigs(name, [{ op: 'SET', name: 'retention.ms', value: '123456' }], { validateOnly: true });
      expect((await cluster.admin.describeTopicConfigs(name)).find((entry) => entry.name === 'retention.ms')?.value).toBe(before?.value);

      await cluster.admin.alterTopicConfigs(name, [{ op: 'SET', name: 'retention.ms', value: '123456' }]);
      const set = (await cluster.admin.describeTopicConfigs(name)).find((entry) => entry.name === 'retention.ms');
      expect(set).toMatchObject({ value: '123456', source: 'DYNAMIC_TOPIC_CONFIG' });
      expect((await cluster.admin.topicOverrides([name]))?.get(name)).toEqual({ 'retention.ms': '123456' });

      await cluster.admin.alterTopicConfigs(name, [{ op: 'DELETE', name: 'retention.ms' }]);
      const reset = (await cluster.admin.describeTopicConfigs(name)).find((entry) => entry.name === 'retention.ms');
      expect(reset).toMatchObject({ value: before?.value, source: before?.source });

      const bad = await rejection(cluster.admin.alterTopicConfigs(name, [{ op: 'SET', name: 'retention.ms', value: 'soon' }]));
      expect(bad).toBeInstanceOf(ClusterError);
      expect(bad.code).toBe('INVALID_CONFIG');
    });

    it('deletes records below an offset, and a whole topic', async () => {
      const name = topic('deleted');
      await makeTopic(name, 1);
      await cluster.sink.append(name, 0, buildRecordBatch([1, 2, 3, 4].map((i) => ({ value: Buffer.from(String(i)) }))), -1);
      if (target.noAdmin) {
        await refusedAsUnsupported(cluster.admin.deleteRecords(name, [{ partition: 0, offset: 2 }]), /DeleteRecords|Kafka 2\.4/);
        await refusedAsUnsupported(cluster.admin.deleteTopic(name), /DeleteTopics|Kafka 2\.4/);
        expect(await cluster.records.partitionOffsets(name)).toEqual([{ partition: 0, logStartOffset: 0, highWatermark: 4 }]);
        return;
      }
      expect(await cluster.admin.deleteRecords(name, [{ partition: 0, offset: 2 }])).toEqual([{ partition: 0, logStartOffset: 2 }]);
      expect(await cluster.records.partitionOffsets(name)).toEqual([{ partition: 0, logStartOffset: 2, highWatermark: 4 }]);
      const gone = await rejection(cluster.records.fetch(name, 0, 0, 1024));
      expect(gone.code).toBe('OFFSET_OUT_OF_RANGE');
      expect(await cluster.admin.deleteRecords(name, [{ partition: 0, offset: -1 }])).toEqual([{ partition: 0, logStartOffset: 4 }]);

      await cluster.admin.deleteTopic(name);
      await eventually(async () => expect((await cluster.admin.listTopics()).map((entry) => entry.name)).not.toContain(name));
      expect((await rejection(cluster.admin.describeTopic(name))).code).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    });

    it("lists and describes a real client's group, its members' assignments and committed offsets, and moves and deletes them", async () => {
      const name = topic('grouped');
      const groupId = 'contract-group';
      if (target.noAdmin) {
        // The mock has no ListGroups, DescribeGroups or DeleteGroups; it has what committed offsets need.
        await refusedAsUnsupported(cluster.admin.listGroups(), /ListGroups/);
        await refusedAsUnsupported(cluster.admin.describeGroup(groupId), /DescribeGroups/);
        await refusedAsUnsupported(cluster.admin.deleteGroup(groupId), /DeleteGroups/);
      }
      await makeTopic(name, 2);
      await cluster.sink.append(name, 0, buildRecordBatch([1, 2, 3].map((i) => ({ value: Buffer.from(String(i)) }))), -1);
      await cluster.sink.append(name, 1, buildRecordBatch([1, 2].map((i) => ({ value: Buffer.from(String(i)) }))), -1);

      const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 500 });
      consumers.push(consumer);
      await consumer.connect();
      await consumer.subscribe({ topic: name, fromBeginning: true });
      let seen = 0;
      await consumer.run({ autoCommitInterval: 100, eachMessage: async () => void seen++ });
      await eventually(async () => expect(seen).toBe(5), 30_000);

      if (!target.noAdmin) {
        const listed = await eventually(async () => {
          const groups = await cluster.admin.listGroups();
          const found = groups.find((group) => group.groupId === groupId);
          expect(found).toMatchObject({ protocolType: 'consumer', state: 'Stable' });
          return found;
        }, 30_000);
        expect(listed?.groupId).toBe(groupId);

        const described = await cluster.admin.describeGroup(groupId);
        expect(described).toMatchObject({ groupId, state: 'Stable', protocolType: 'consumer' });
        expect(described.protocol).not.toBe('');
        expect(described.members).toHaveLength(1);
        expect(described.members[0]!.clientId).toBe('contract-client');
        expect(described.members[0]!.assignment).toEqual([{ topic: name, partitions: [0, 1] }]);
      }

      await eventually(async () =>
        expect(await cluster.admin.groupOffsets(groupId)).toMatchObject([
          { topic: name, partition: 0, offset: 3 },
          { topic: name, partition: 1, offset: 2 },
        ]),
      );

      if (target.noAdmin) {
        // The mock refuses a commit from outside any group it has seen (it keeps groups for good),
        // so offsets are set for a group of no consumer, as one sets a new group's start.
        await consumer.disconnect();
        await cluster.admin.alterGroupOffsets('contract-offsets-only', [{ topic: name, partition: 0, offset: 1 }, { topic: name, partition: 1, offset: 2 }]);
        expect(await cluster.admin.groupOffsets('contract-offsets-only')).toMatchObject([
          { topic: name, partition: 0, offset: 1 },
          { topic: name, partition: 1, offset: 2 },
        ]);
        return;
      }

      const busy = await rejection(cluster.admin.alterGroupOffsets(groupId, [{ topic: name, partition: 0, offset: 0 }]));
      expect(busy).toBeInstanceOf(ClusterError);
      expect(busy.code).toBe('NON_EMPTY_GROUP');

      await consumer.disconnect();
      await eventually(async () => expect((await cluster.admin.describeGroup(groupId)).state).toBe('Empty'));
      await cluster.admin.alterGroupOffsets(groupId, [{ topic: name, partition: 0, offset: 1 }]);
      expect((await cluster.admin.groupOffsets(groupId)).find((entry) => entry.partition === 0)?.offset).toBe(1);

      await cluster.admin.deleteGroup(groupId);
      await eventually(async () => expect((await cluster.admin.listGroups()).map((group) => group.groupId)).not.toContain(groupId));
      expect((await rejection(cluster.admin.describeGroup(groupId))).code).toBe('GROUP_ID_NOT_FOUND');
    });

    // Looking needs ListGroups; on a cluster without it, the case above (no topic made by looking) is the trace check.
    it.skipIf(target.noAdmin !== undefined)('reads without leaving a trace: browsing creates no consumer group', async () => {
      const name = topic('untraced');
      const before = (await cluster.admin.listGroups()).map((group) => group.groupId).sort();
      await makeTopic(name, 1);
      await cluster.sink.append(name, 0, buildRecordBatch([{ value: Buffer.from('seen') }]), -1);
      await cluster.records.partitionOffsets(name);
      await cluster.records.offsetForTime(name, 0, 0);
      expect(readStoredRecords((await cluster.records.fetch(name, 0, 0, 1024)).batches).records).toHaveLength(1);
      expect((await cluster.admin.listGroups()).map((group) => group.groupId).sort()).toEqual(before);
    });
  });
}
