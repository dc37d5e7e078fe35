/**
 * The controllable mock cluster (mock-cluster.ts, librdkafka 2.0.2 through ctypes) against real
 * clients, and the facts about that mock which tests using it as a reference broker rely on. Each
 * fact below is checked, so a librdkafka upgrade that changes one fails here first.
 *
 * What librdkafka 2.0.2's mock serves (ApiVersions): Produce 0-7, Fetch 0-11, ListOffsets 0-5,
 * Metadata 0-2, OffsetCommit 0-7, OffsetFetch 0-5, FindCoordinator 0-2, JoinGroup 0-5,
 * Heartbeat 0-3, LeaveGroup 0-1, SyncGroup 0-3, ApiVersions 0-2, InitProducerId 0-4,
 * AddPartitionsToTxn 0-1, AddOffsetsToTxn 0-1, EndTxn 0-1, TxnOffsetCommit 0-2.
 *
 * Raw requests are encoded and decoded with the broker's generated codecs (../fuzz/kafka-wire), so
 * a response the mock lays out wrongly shows up as a decode error.
 */
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiKey,
  type InitProducerIdResponse,
  type ListOffsetsResponse,
  type MetadataResponse,
  type ProduceResponse,
} from '../../src/protocol/generated/index';
import { encodeRequestFrame, fetchServedApis, FrameConnection } from '../fuzz/kafka-wire';
import { encodeRecordBatch } from '../fuzz/record-batch';
import { startMockCluster, type MockCluster } from './mock-cluster';
import { runProcess } from './run-process';

const NO_TOPIC_ID = '00000000-0000-0000-0000-000000000000';
const UNKNOWN_TOPIC_OR_PARTITION = 3;

describe("librdkafka 2.0.2's mock cluster, controlled through ctypes (3 brokers)", () => {
  let mock: MockCluster;
  let host: string;
  const ports = new Map<number, number>();
  const connections = new Map<number, FrameConnection>();

  /** A connection to broker `id` (1..3), opened once. */
  async function broker(id: number): Promise<FrameConnection> {
    const open = connections.get(id);
    if (open && !open.closed) return open;
    const connection = await FrameConnection.open(ports.get(id)!, host);
    connections.set(id, connection);
    return connection;
  }

  async function metadata(topics: string[] | null, version = 1, via = 1): Promise<MetadataResponse> {
    const body = {
      topics: topics && topics.map((name) => ({ topicId: NO_TOPIC_ID, name })),
      allowAutoTopicCreation: false,
      includeClusterAuthorizedOperations: false,
      includeTopicAuthorizedOperations: false,
    };
    return (await (await broker(via)).request(ApiKey.Metadata, version, body)) as MetadataResponse;
  }

  async function leaders(topic: string): Promise<number[]> {
    const [found] = (await metadata([topic])).topics;
    return [...found.partitions].sort((a, b) => a.partitionIndex - b.partitionIndex).map((partition) => partition.leaderId);
  }

  async function produce(topic: string, batch: Buffer, via: number): Promise<ProduceResponse['responses'][number]['partitionResponses'][number]> {
    const body = { transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: 0, records: batch }] }] };
    const response = (await (await broker(via)).request(ApiKey.Produce, 3, body)) as ProduceResponse;
    return response.responses[0].partitionResponses[0];
  }

  function listOffsetsBody(topic: string, timestamp: bigint) {
    return { replicaId: -1, isolationLevel: 0, timeoutMs: 0, topics: [{ name: topic, partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp, maxNumOffsets: 1 }] }] };
  }

  const record = (value: string) => [{ key: null, value: Buffer.from(value), headers: [] }];

  beforeAll(async () => {
    mock = await startMockCluster(3);
    const bootstrap = mock.bootstrap.split(',');
    host = bootstrap[0].split(':')[0];
    const { brokers } = await (async () => {
      const first = await FrameConnection.open(Number(bootstrap[0].split(':')[1]), host);
      try {
        const body = { topics: [], allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false };
        return (await first.request(ApiKey.Metadata, 1, body)) as MetadataResponse;
      } finally {
        first.destroy();
      }
    })();
    for (const { nodeId, port } of brokers) ports.set(nodeId, port);
  });
  afterAll(() => {
    connections.forEach((connection) => connection.destroy());
    mock?.stop();
  });

  it('has three brokers, ids 1..3, at the bootstrap addresses, and serves Metadata only up to v2', async () => {
    expect([...ports.keys()].sort()).toEqual([1, 2, 3]);
    expect(mock.bootstrap.split(',').sort()).toEqual([...ports.values()].map((port) => `${host}:${port}`).sort());
    const served = await fetchServedApis(ports.get(1)!, host);
    expect(served.find((api) => api.name === 'Metadata')).toMatchObject({ minVersion: 0, maxVersion: 2 });
    expect(served.find((api) => api.name === 'ListOffsets')).toMatchObject({ minVersion: 0, maxVersion: 5 });
    expect(served.find((api) => api.name === 'InitProducerId')).toMatchObject({ minVersion: 0, maxVersion: 4 });
  });

  it('createTopic makes the partitions asked for; each leader is picked at random, replicas are always every broker', async () => {
    await mock.createTopic('spread', 6, 3);
    // (d) rd_kafka_mock_topic_create picks each partition's leader at random (rd_jitter) among
    // the brokers, so it differs from run to run: seen [1,3,3,2,1,2], [3,3,1,3,1,2],
    // [3,3,1,3,2,3] for partitions 0..5. Not round-robin, and not always spread: all six on one
    // broker has a 1-in-243 chance, so the spread is asserted on a wider topic below.
    // The replication factor is ignored: replicas (and ISR) are every broker, for 1, 3 or 5.
    const admin = new Kafka({ clientId: 'mock-cluster-test', brokers: mock.bootstrap.split(','), logLevel: logLevel.NOTHING, retry: { retries: 2 } }).admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: ['spread'] });
      expect(topics).toHaveLength(1);
      const partitions = [...topics[0].partitions].sort((a, b) => a.partitionId - b.partitionId);
      expect(partitions.map((partition) => partition.partitionId)).toEqual([0, 1, 2, 3, 4, 5]);
      for (const partition of partitions) {
        expect([1, 2, 3]).toContain(partition.leader);
        expect([...partition.replicas].sort()).toEqual([1, 2, 3]);
        expect([...partition.isr].sort()).toEqual([1, 2, 3]);
      }
    } finally {
      await admin.disconnect();
    }

    await mock.createTopic('wide', 30, 3);
    // 30 random picks miss a broker with odds of about 1 in 65,000.
    expect(new Set(await leaders('wide'))).toEqual(new Set([1, 2, 3]));

    await mock.createTopic('single', 2, 1);
    await mock.createTopic('over', 2, 5);
    for (const topic of ['single', 'over']) {
      for (const partition of (await metadata([topic])).topics[0].partitions) expect([...partition.replicaNodes].sort()).toEqual([1, 2, 3]);
    }
  });

  it('createTopic of an existing topic is refused with the mock error name', async () => {
    await mock.createTopic('twice', 1, 1);
    await expect(mock.createTopic('twice', 1, 1)).rejects.toThrow(/TOPIC_ALREADY_EXISTS/);
  });

  it('setLeader moves a partition leader, as Metadata then shows', async () => {
    await mock.createTopic('moved', 2, 3);
    const before = await leaders('moved');
    const target = (before[0] % 3) + 1; // another broker than the current leader
    await mock.setLeader('moved', 0, target);
    expect(await leaders('moved')).toEqual([target, before[1]]);
    // Every broker reports the same leaders.
    for (const via of [1, 2, 3]) expect((await metadata(['moved'], 2, via)).topics[0].partitions.find((p) => p.partitionIndex === 0)!.leaderId).toBe(target);
    // An unknown broker id is refused; an unknown topic is created (with partitions 0..PARTITION).
    await expect(mock.setLeader('moved', 0, 9)).rejects.toThrow(/BROKER_NOT_AVAILABLE/);
    await mock.setLeader('made-by-set-leader', 0, 2);
    expect(await leaders('made-by-set-leader')).toEqual([2]);
  });

  it('setBrokerDown closes the broker to clients; setBrokerUp opens it again; Metadata keeps listing it', async () => {
    await mock.setBrokerDown(2);
    // Seen: the down broker's listener refuses connections (ECONNREFUSED); the others answer.
    const refusedOrClosed = await FrameConnection.open(ports.get(2)!, host, 2000).then(
      async (connection) => {
        try {
          connection.write(encodeRequestFrame(ApiKey.ApiVersions, 0, 1, 'probe', { clientSoftwareName: '', clientSoftwareVersion: '' }));
          await connection.readFrame(2000);
          return false;
        } catch {
          return true;
        } finally {
          connection.destroy();
        }
      },
      () => true,
    );
    expect(refusedOrClosed).toBe(true);
    // The mock does not drop a down broker from Metadata's broker list.
    expect((await metadata([])).brokers.map((b) => b.nodeId).sort()).toEqual([1, 2, 3]);
    await mock.setBrokerUp(2);
    expect((await fetchServedApis(ports.get(2)!, host)).length).toBeGreaterThan(0);
    await expect(mock.setBrokerDown(7)).rejects.toThrow(/BROKER_NOT_AVAILABLE/);
  });

  it('a topic made by createTopic takes records from kafkajs that kcat reads back', async () => {
    await mock.createTopic('roundtrip', 3, 3);
    const producer = new Kafka({ clientId: 'mock-cluster-test', brokers: mock.bootstrap.split(','), logLevel: logLevel.NOTHING, retry: { retries: 2 } }).producer();
    await producer.connect();
    try {
      await producer.send({ topic: 'roundtrip', acks: -1, messages: [0, 1, 2, 3, 4, 5].map((n) => ({ key: `k${n}`, value: `v${n}`, partition: n % 3 })) });
    } finally {
      await producer.disconnect();
    }
    const consumed = await runProcess('kcat', ['-C', '-b', mock.bootstrap, '-t', 'roundtrip', '-o', 'beginning', '-e', '-q', '-f', '%p %o %k=%s\n'], { timeoutMs: 30_000 });
    expect(consumed.timedOut).toBe(false);
    expect(consumed.stdout.trim().split('\n').sort()).toEqual(['0 0 k0=v0', '0 1 k3=v3', '1 0 k1=v1', '1 1 k4=v4', '2 0 k2=v2', '2 1 k5=v5']);
  });

  it('(a) Metadata v0, v1 and v2 naming an unknown topic auto-create it (4 partitions); v1+ with null topics lists all, v0 with [] lists all, v1 with [] none', async () => {
    for (const version of [0, 1, 2]) {
      const name = `auto-v${version}`;
      const response = await metadata([name], version);
      // None of v0-v2 carries allowAutoTopicCreation (v4+); the mock creates the topic regardless,
      // with its default of 4 partitions. So do `kcat -L -t NAME` and kafkajs's
      // admin.fetchTopicMetadata({ topics: [NAME] }) (Metadata v2 here): both come back with a
      // new 4-partition topic rather than an unknown-topic error.
      expect(response.topics.map((topic) => [topic.name, topic.errorCode, topic.partitions.length])).toEqual([[name, 0, 4]]);
    }
    const all = (await metadata(null, 1)).topics.map((topic) => topic.name);
    expect(all).toEqual(expect.arrayContaining(['auto-v0', 'auto-v1', 'auto-v2', 'spread']));
    expect((await metadata([], 0)).topics.map((topic) => topic.name)).toEqual(expect.arrayContaining(all));
    expect((await metadata([], 1)).topics).toEqual([]);
  });

  it('(b) ListOffsets answers -1 for any real timestamp (no lookup by time); v4 and v5 responses carry 4 stray bytes', async () => {
    await mock.createTopic('timed', 1, 1);
    const [leader] = await leaders('timed');
    for (const [i, timestamp] of [1000n, 2000n, 3000n].entries()) {
      const produced = await produce('timed', encodeRecordBatch(record(`t${timestamp}`), { baseTimestamp: timestamp }), leader);
      expect([produced.errorCode, produced.baseOffset]).toEqual([0, BigInt(i)]);
    }
    const connection = await broker(leader);
    // Kafka answers offset 1 for 1500 (the first record at or after it); the mock answers -1 for
    // every timestamp >= 0 (0, 1000, 1500, 3000, 5000 alike) and only handles -1 (end, here 3)
    // and -2 (beginning, 0).
    const offsetFor = async (version: number, timestamp: bigint) => {
      const response = (await connection.request(ApiKey.ListOffsets, version, listOffsetsBody('timed', timestamp))) as ListOffsetsResponse;
      const partition = response.topics[0].partitions[0];
      return version === 0 ? (partition.oldStyleOffsets[0] ?? -1n) : partition.offset;
    };
    for (const version of [0, 1, 2, 3]) {
      expect(await offsetFor(version, 1500n)).toBe(-1n);
      expect(await offsetFor(version, 1000n)).toBe(-1n);
      expect(await offsetFor(version, -1n)).toBe(3n);
      expect(await offsetFor(version, -2n)).toBe(0n);
    }
    // v4 added leaderEpoch (int32) to each partition; the 2.0.2 mock writes it twice, so a v4 or
    // v5 response has 4 bytes more than the protocol says and a strict decoder rejects it.
    for (const version of [4, 5]) {
      await expect(connection.request(ApiKey.ListOffsets, version, listOffsetsBody('timed', 1500n))).rejects.toThrow(/4 bytes left after a ListOffsets v\d response/);
    }
  });

  it('(c) Produce to a topic that does not exist is refused with UNKNOWN_TOPIC_OR_PARTITION and creates nothing', async () => {
    for (const via of [1, 2, 3]) {
      const produced = await produce(`never-${via}`, encodeRecordBatch(record('x')), via);
      expect(produced.errorCode).toBe(UNKNOWN_TOPIC_OR_PARTITION);
    }
    const names = (await metadata(null, 1)).topics.map((topic) => topic.name);
    expect(names.filter((name) => name!.startsWith('never-'))).toEqual([]);
  });

  it('(e) InitProducerId v0-v4 hands out producer ids, but Produce checks no sequence: duplicates, gaps and unknown ids are all appended', async () => {
    for (const version of [0, 1, 2, 3, 4]) {
      const body = { transactionalId: null, transactionTimeoutMs: 60_000, producerId: -1n, producerEpoch: -1 };
      const response = (await (await broker(1)).request(ApiKey.InitProducerId, version, body)) as InitProducerIdResponse;
      expect(response.errorCode).toBe(0);
      expect(response.producerId).toBeGreaterThan(0n);
      expect(response.producerEpoch).toBe(0);
    }
    const body = { transactionalId: null, transactionTimeoutMs: 60_000, producerId: -1n, producerEpoch: -1 };
    const { producerId, producerEpoch } = (await (await broker(1)).request(ApiKey.InitProducerId, 1, body)) as InitProducerIdResponse;
    await mock.createTopic('idempotent', 1, 1);
    const [leader] = await leaders('idempotent');
    const send = async (baseSequence: number, id = producerId) => {
      const produced = await produce('idempotent', encodeRecordBatch(record(`s${baseSequence}`), { producerId: id, producerEpoch, baseSequence }), leader);
      return [produced.errorCode, produced.baseOffset];
    };
    // Kafka answers a repeated sequence with success and the first append's offset, without
    // appending (or DUPLICATE_SEQUENCE_NUMBER, 46, from old brokers), a gap with
    // OUT_OF_ORDER_SEQUENCE_NUMBER (45), an unknown producer id with UNKNOWN_PRODUCER_ID (59) or
    // INVALID_PRODUCER_ID_MAPPING (49). The 2.0.2 mock appends every one of them.
    expect(await send(0)).toEqual([0, 0n]);
    expect(await send(0)).toEqual([0, 1n]); // duplicate: appended again
    expect(await send(1)).toEqual([0, 2n]);
    expect(await send(5)).toEqual([0, 3n]); // gap
    expect(await send(3, 987_654_321n)).toEqual([0, 4n]); // a producer id never handed out
  });

  it('setApiVersions changes what ApiVersions offers; -1 -1 takes an API away', async () => {
    const HEARTBEAT = 12;
    await mock.setApiVersions(HEARTBEAT, 0, 1);
    expect((await fetchServedApis(ports.get(2)!, host)).find((api) => api.name === 'Heartbeat')).toMatchObject({ minVersion: 0, maxVersion: 1 });
    await mock.setApiVersions(HEARTBEAT, -1, -1);
    expect((await fetchServedApis(ports.get(2)!, host)).find((api) => api.name === 'Heartbeat')).toBeUndefined();
  });
});
