/**
 * The topic admin APIs at every served version, and the cases no installed client sends: what
 * ApiVersions advertises; CreateTopics v0–v7 (manual assignments, duplicate names, out-of-range
 * counts, Kafka's record limit), DeleteTopics v0–v6 (by topic id), CreatePartitions v0–v3,
 * DeleteRecords v0–v2, DescribeLogDirs v0–v4 and OffsetForLeaderEpoch v0–v4.
 */
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/protocol/generated/errors';
import {
  ApiVersionsApi,
  CreatePartitionsApi,
  CreateTopicsApi,
  DeleteRecordsApi,
  DeleteTopicsApi,
  DescribeLogDirsApi,
  IncrementalAlterConfigsApi,
  MetadataApi,
  OffsetForLeaderEpochApi,
  type CreateTopicsRequestCreatableTopic,
} from '../../src/protocol/generated/index';
import { ZERO_UUID } from '../../src/protocol/primitives/reader';
import { startTempBroker, type TempBroker } from '../support/temp-broker';
import { AdminConnection } from './admin-connection';

const topic = (name: string, fields: Partial<CreateTopicsRequestCreatableTopic> = {}): CreateTopicsRequestCreatableTopic => ({
  name,
  numPartitions: 1,
  replicationFactor: 1,
  assignments: [],
  configs: [],
  ...fields,
});

describe('topic admin APIs on the wire', () => {
  let temp: TempBroker;
  let connection: AdminConnection;
  let nodeId: number;

  const createTopics = (topics: CreateTopicsRequestCreatableTopic[], version = 7, validateOnly = false) =>
    connection.call(CreateTopicsApi, version, { topics, timeoutMs: 10_000, validateOnly });
  const partitionCount = async (name: string) => {
    const metadata = await connection.call(MetadataApi, 12, { topics: [{ name, topicId: ZERO_UUID }], allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false });
    return metadata.topics[0].errorCode === ErrorCode.NONE ? metadata.topics[0].partitions.length : null;
  };
  const produce = async (name: string, partition: number, count: number) => {
    const producer = new Kafka({ clientId: 'eddy-admin-raw', brokers: [temp.bootstrap], logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({ topic: name, acks: -1, messages: Array.from({ length: count }, (_, index) => ({ partition, value: `record ${index}` })) });
    await producer.disconnect();
  };

  beforeAll(async () => {
    temp = await startTempBroker();
    nodeId = temp.broker.nodeId;
    connection = await AdminConnection.open(temp.broker.port);
  });
  afterAll(async () => {
    connection?.close();
    await temp?.stop();
  });

  it('advertises each admin API over the range Kafka 3.9 serves', async () => {
    const { apiKeys } = await connection.call(ApiVersionsApi, 3, { clientSoftwareName: 'eddy-test', clientSoftwareVersion: '1.0' });
    const ranges = Object.fromEntries(apiKeys.map((entry) => [entry.apiKey, [entry.minVersion, entry.maxVersion]]));
    expect(ranges).toMatchObject({
      [CreateTopicsApi.apiKey]: [0, 7],
      [DeleteTopicsApi.apiKey]: [0, 6],
      [DeleteRecordsApi.apiKey]: [0, 2],
      [OffsetForLeaderEpochApi.apiKey]: [0, 4],
      32: [0, 4], // DescribeConfigs
      33: [0, 2], // AlterConfigs
      [DescribeLogDirsApi.apiKey]: [0, 4],
      [CreatePartitionsApi.apiKey]: [0, 3],
      [IncrementalAlterConfigsApi.apiKey]: [0, 1],
    });
  });

  it('creates, grows and deletes a topic at every version of CreateTopics, CreatePartitions and DeleteTopics', async () => {
    for (let version = 0; version <= 7; version++) {
      const name = `every-v${version}`;
      const { topics } = await createTopics([topic(name, { numPartitions: 2, configs: [{ name: 'retention.ms', value: '1000' }] })], version);
      expect(topics, `CreateTopics v${version}`).toHaveLength(1);
      expect(topics[0]).toMatchObject({ name, errorCode: ErrorCode.NONE });
      if (version >= 5) {
        expect(topics[0]).toMatchObject({ numPartitions: 2, replicationFactor: 1 });
        expect(topics[0].configs).toContainEqual({ name: 'retention.ms', value: '1000', readOnly: false, configSource: 1, isSensitive: false });
      }
      if (version >= 7) expect(topics[0].topicId).not.toBe(ZERO_UUID);
      expect(await partitionCount(name)).toBe(2);
    }
    for (let version = 0; version <= 3; version++) {
      const { results } = await connection.call(CreatePartitionsApi, version, { topics: [{ name: `every-v${version}`, count: 3, assignments: null }], timeoutMs: 10_000, validateOnly: false });
      expect(results, `CreatePartitions v${version}`).toEqual([{ name: `every-v${version}`, errorCode: ErrorCode.NONE, errorMessage: null }]);
      expect(await partitionCount(`every-v${version}`)).toBe(3);
    }
    for (let version = 0; version <= 6; version++) {
      const name = `every-v${version}`;
      const body = version < 6 ? { topicNames: [name], topics: [], timeoutMs: 10_000 } : { topicNames: [], topics: [{ name, topicId: ZERO_UUID }], timeoutMs: 10_000 };
      const { responses } = await connection.call(DeleteTopicsApi, version, body);
      expect(responses, `DeleteTopics v${version}`).toMatchObject([{ name, errorCode: ErrorCode.NONE }]);
      expect(await partitionCount(name)).toBeNull();
    }
  });

  it('CreateTopics: defaults (-1), validateOnly, and the per-topic errors with Kafka messages', async () => {
    const validated = await createTopics([topic('validated', { numPartitions: -1, replicationFactor: -1 })], 7, true);
    expect(validated.topics).toMatchObject([{ name: 'validated', errorCode: ErrorCode.NONE, numPartitions: 1, replicationFactor: 1 }]);
    expect(await partitionCount('validated')).toBeNull();

    const { topics } = await createTopics([
      topic('dup'),
      topic('no partitions', { numPartitions: 0 }),
      topic('zero-partitions', { numPartitions: 0 }),
      topic('zero-replicas', { replicationFactor: 0 }),
      topic('three-replicas', { replicationFactor: 3 }),
      topic('bad-config', { configs: [{ name: 'retention.ms', value: 'a week' }] }),
      topic('null-config', { configs: [{ name: 'retention.ms', value: null }] }),
      topic('dup'),
    ]);
    const byName = Object.fromEntries(topics.map((result) => [result.name, [result.errorCode, result.errorMessage]]));
    expect(topics).toHaveLength(7);
    expect(byName['dup']).toEqual([ErrorCode.INVALID_REQUEST, 'Duplicate topic name.']);
    expect(byName['no partitions']).toEqual([ErrorCode.INVALID_TOPIC_EXCEPTION, expect.stringContaining('may contain only')]);
    expect(byName['zero-partitions']).toEqual([ErrorCode.INVALID_PARTITIONS, 'Number of partitions must be larger than 0, or -1 to use the default value.']);
    expect(byName['zero-replicas']).toEqual([ErrorCode.INVALID_REPLICATION_FACTOR, 'Replication factor must be larger than 0, or -1 to use the default value.']);
    expect(byName['three-replicas']).toEqual([
      ErrorCode.INVALID_REPLICATION_FACTOR,
      'Unable to replicate the partition 3 time(s): The target replication factor of 3 cannot be reached because only 1 broker(s) are registered.',
    ]);
    expect(byName['bad-config']).toEqual([ErrorCode.INVALID_CONFIG, expect.stringContaining('retention.ms')]);
    expect(byName['null-config']).toEqual([ErrorCode.INVALID_CONFIG, expect.stringContaining('retention.ms')]);
    const failed = topics.find((result) => result.name === 'three-replicas')!;
    expect(failed).toMatchObject({ topicId: ZERO_UUID, numPartitions: -1, replicationFactor: -1, configs: [] });
    for (const name of ['dup', 'zero-partitions', 'three-replicas', 'bad-config']) expect(await partitionCount(name)).toBeNull();

    await createTopics([topic('taken')]);
    const again = await createTopics([topic('taken')], 1);
    expect(again.topics).toEqual([expect.objectContaining({ name: 'taken', errorCode: ErrorCode.TOPIC_ALREADY_EXISTS, errorMessage: "Topic 'taken' already exists." })]);
  });

  it('CreateTopics: manual assignments may name only this broker, once, for partitions 0..n-1', async () => {
    const assignment = (partitionIndex: number, brokerIds: number[]) => ({ partitionIndex, brokerIds });
    const manual = (name: string, assignments: ReturnType<typeof assignment>[], fields: Partial<CreateTopicsRequestCreatableTopic> = {}) =>
      topic(name, { numPartitions: -1, replicationFactor: -1, assignments, ...fields });
    const { topics } = await createTopics([
      manual('assigned', [assignment(0, [nodeId]), assignment(1, [nodeId]), assignment(2, [nodeId])]),
      manual('other-broker', [assignment(0, [nodeId + 1])]),
      manual('twice', [assignment(0, [nodeId, nodeId])]),
      manual('empty-replicas', [assignment(0, [])]),
      manual('gap', [assignment(0, [nodeId]), assignment(2, [nodeId])]),
      manual('repeated-partition', [assignment(0, [nodeId]), assignment(0, [nodeId])]),
      manual('with-count', [assignment(0, [nodeId])], { numPartitions: 1 }),
      manual('with-factor', [assignment(0, [nodeId])], { replicationFactor: 1 }),
    ]);
    const byName = Object.fromEntries(topics.map((result) => [result.name, [result.errorCode, result.errorMessage]]));
    expect(byName['assigned']).toEqual([ErrorCode.NONE, null]);
    expect(topics.find((result) => result.name === 'assigned')).toMatchObject({ numPartitions: 3, replicationFactor: 1 });
    expect(await partitionCount('assigned')).toBe(3);
    expect(byName['other-broker']).toEqual([ErrorCode.INVALID_REPLICA_ASSIGNMENT, expect.stringContaining(`includes broker ${nodeId + 1}, but no such broker is registered`)]);
    expect(byName['twice']).toEqual([ErrorCode.INVALID_REPLICA_ASSIGNMENT, `The manual partition assignment includes the broker ${nodeId} more than once.`]);
    expect(byName['empty-replicas']).toEqual([ErrorCode.INVALID_REPLICA_ASSIGNMENT, 'The manual partition assignment includes an empty replica list.']);
    expect(byName['gap']).toEqual([ErrorCode.INVALID_REPLICA_ASSIGNMENT, 'partitions should be a consecutive 0-based integer sequence']);
    expect(byName['repeated-partition']).toEqual([ErrorCode.INVALID_REPLICA_ASSIGNMENT, 'Found multiple manual partition assignments for partition 0']);
    expect(byName['with-count']).toEqual([ErrorCode.INVALID_REQUEST, 'A manual partition assignment was specified, but numPartitions was not set to -1.']);
    expect(byName['with-factor']).toEqual([ErrorCode.INVALID_REQUEST, 'A manual partition assignment was specified, but replication factor was not set to -1.']);
  });

  it("refuses, as a whole, a request beyond Kafka's 10,000-record limit", async () => {
    const { topics } = await createTopics([topic('huge', { numPartitions: 20_000 }), topic('small')]);
    expect(topics.map((result) => [result.name, result.errorCode])).toEqual([
      ['huge', ErrorCode.POLICY_VIOLATION],
      ['small', ErrorCode.POLICY_VIOLATION],
    ]);
    expect(topics[0].errorMessage).toContain('Unable to perform excessively large batch operation.');
    expect(await partitionCount('huge')).toBeNull();
    expect(await partitionCount('small')).toBeNull();

    await createTopics([topic('grows-too-much')]);
    const { results } = await connection.call(CreatePartitionsApi, 3, { topics: [{ name: 'grows-too-much', count: 50_000, assignments: null }], timeoutMs: 10_000, validateOnly: false });
    expect(results).toEqual([expect.objectContaining({ errorCode: ErrorCode.POLICY_VIOLATION })]);
    expect(await partitionCount('grows-too-much')).toBe(1);
  });

  it('CreatePartitions: validateOnly, not an increase, assignments, unknown and duplicate topics', async () => {
    await createTopics([topic('grown', { numPartitions: 2 })]);
    const call = (topics: { name: string; count: number; assignments: { brokerIds: number[] }[] | null }[], validateOnly = false) =>
      connection.call(CreatePartitionsApi, 3, { topics, timeoutMs: 10_000, validateOnly });

    expect((await call([{ name: 'grown', count: 4, assignments: null }], true)).results).toEqual([{ name: 'grown', errorCode: ErrorCode.NONE, errorMessage: null }]);
    expect(await partitionCount('grown')).toBe(2);

    const { results } = await call([
      { name: 'grown', count: 4, assignments: [{ brokerIds: [nodeId] }, { brokerIds: [nodeId] }] },
      { name: 'missing', count: 2, assignments: null },
      { name: 'twice', count: 2, assignments: null },
      { name: 'twice', count: 3, assignments: null },
    ]);
    expect(results).toEqual([
      { name: 'grown', errorCode: ErrorCode.NONE, errorMessage: null },
      { name: 'missing', errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: "The topic 'missing' does not exist." },
      { name: 'twice', errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Duplicate topic name.' },
    ]);
    expect(await partitionCount('grown')).toBe(4);

    const refused = await call([{ name: 'grown', count: 4, assignments: null }]);
    expect(refused.results).toEqual([{ name: 'grown', errorCode: ErrorCode.INVALID_PARTITIONS, errorMessage: 'Topic already has 4 partition(s).' }]);
    const shrink = await call([{ name: 'grown', count: 1, assignments: null }]);
    expect(shrink.results[0]).toEqual({ name: 'grown', errorCode: ErrorCode.INVALID_PARTITIONS, errorMessage: 'The topic grown currently has 4 partition(s); 1 would not be an increase.' });
    const tooFew = await call([{ name: 'grown', count: 6, assignments: [{ brokerIds: [nodeId] }] }]);
    expect(tooFew.results[0]).toMatchObject({ errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT, errorMessage: 'Attempted to add 2 additional partition(s), but only 1 assignment(s) were specified.' });
    const elsewhere = await call([{ name: 'grown', count: 5, assignments: [{ brokerIds: [nodeId + 7] }] }]);
    expect(elsewhere.results[0]).toMatchObject({ errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT });
    expect(await partitionCount('grown')).toBe(4);
  });

  it('DeleteTopics v6: by topic id; unknown ids, both or neither, and duplicates are refused', async () => {
    const { topics } = await createTopics([topic('by-id'), topic('by-name')]);
    const topicId = topics.find((result) => result.name === 'by-id')!.topicId;
    const unknownId = Buffer.alloc(16, 7).toString('base64url');
    const { responses } = await connection.call(DeleteTopicsApi, 6, {
      topicNames: [],
      timeoutMs: 10_000,
      topics: [
        { name: null, topicId },
        { name: null, topicId: unknownId },
        { name: 'by-name', topicId },
        { name: null, topicId: ZERO_UUID },
        { name: 'never-was', topicId: ZERO_UUID },
        { name: 'dup', topicId: ZERO_UUID },
        { name: 'dup', topicId: ZERO_UUID },
      ],
    });
    const answer = (name: string | null, id: string) => responses.find((response) => response.name === name && response.topicId === id);
    expect(responses).toHaveLength(6); // the duplicated name is answered once
    expect(answer('by-id', topicId)).toMatchObject({ errorCode: ErrorCode.NONE, errorMessage: null });
    expect(answer(null, unknownId)).toMatchObject({ errorCode: ErrorCode.UNKNOWN_TOPIC_ID });
    expect(answer('by-name', topicId)).toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'You may not specify both topic name and topic id.' });
    expect(answer(null, ZERO_UUID)).toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Neither topic name nor id were specified.' });
    expect(answer('never-was', ZERO_UUID)).toMatchObject({ errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION });
    expect(answer('dup', ZERO_UUID)).toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Duplicate topic name.' });
    expect(await partitionCount('by-id')).toBeNull();
    expect(await partitionCount('by-name')).toBe(1);
  });

  it('DeleteRecords v0–v2: moves the low watermark; -1 is the high watermark; errors per partition', async () => {
    await createTopics([topic('records', { numPartitions: 2 }), topic('compacted', { configs: [{ name: 'cleanup.policy', value: 'compact' }] })]);
    await produce('records', 0, 10);
    const deleteRecords = (version: number, partitions: Array<[number, bigint]>, name = 'records') =>
      connection.call(DeleteRecordsApi, version, { topics: [{ name, partitions: partitions.map(([partitionIndex, offset]) => ({ partitionIndex, offset })) }], timeoutMs: 10_000 });

    expect((await deleteRecords(0, [[0, 2n]])).topics[0].partitions).toEqual([{ partitionIndex: 0, lowWatermark: 2n, errorCode: ErrorCode.NONE }]);
    expect((await deleteRecords(1, [[0, 1n]])).topics[0].partitions).toEqual([{ partitionIndex: 0, lowWatermark: 2n, errorCode: ErrorCode.NONE }]);
    expect((await deleteRecords(2, [[0, 5n]])).topics[0].partitions).toEqual([{ partitionIndex: 0, lowWatermark: 5n, errorCode: ErrorCode.NONE }]);
    const mixed = await deleteRecords(2, [
      [0, 11n],
      [0, -2n],
      [1, -1n],
      [9, 0n],
    ]);
    expect(mixed.topics[0].partitions).toEqual([
      { partitionIndex: 0, lowWatermark: -1n, errorCode: ErrorCode.OFFSET_OUT_OF_RANGE },
      { partitionIndex: 0, lowWatermark: -1n, errorCode: ErrorCode.OFFSET_OUT_OF_RANGE },
      { partitionIndex: 1, lowWatermark: 0n, errorCode: ErrorCode.NONE },
      { partitionIndex: 9, lowWatermark: -1n, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION },
    ]);
    expect((await deleteRecords(2, [[0, -1n]])).topics[0].partitions).toEqual([{ partitionIndex: 0, lowWatermark: 10n, errorCode: ErrorCode.NONE }]);
    expect((await deleteRecords(2, [[0, 0n]], 'nowhere')).topics[0].partitions[0].errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    expect((await deleteRecords(2, [[0, 0n]], 'compacted')).topics[0].partitions[0]).toEqual({ partitionIndex: 0, lowWatermark: -1n, errorCode: ErrorCode.POLICY_VIOLATION });
  });

  it('DescribeLogDirs v0–v4: one log dir, the data dir, with the size of each partition', async () => {
    await createTopics([topic('sized', { numPartitions: 2 })]);
    await produce('sized', 1, 3);
    for (let version = 0; version <= 4; version++) {
      const response = await connection.call(DescribeLogDirsApi, version, { topics: [{ topic: 'sized', partitions: [0, 1, 5] }, { topic: 'nowhere', partitions: [0] }] });
      expect(response.errorCode, `DescribeLogDirs v${version}`).toBe(ErrorCode.NONE);
      expect(response.results).toHaveLength(1);
      const [logDir] = response.results;
      expect(logDir).toMatchObject({ errorCode: ErrorCode.NONE, logDir: temp.dataDir });
      expect(logDir.topics).toHaveLength(1);
      const [sized] = logDir.topics;
      expect(sized.name).toBe('sized');
      expect(sized.partitions.map((partition) => [partition.partitionIndex, partition.offsetLag, partition.isFutureKey])).toEqual([
        [0, 0n, false],
        [1, 0n, false],
      ]);
      expect(sized.partitions[0].partitionSize).toBe(0n);
      expect(sized.partitions[1].partitionSize).toBeGreaterThan(0n);
      if (version >= 4) expect(logDir.totalBytes).toBeGreaterThan(0n);
      else expect(logDir.totalBytes).toBe(-1n);
    }
    const all = await connection.call(DescribeLogDirsApi, 4, { topics: null });
    expect(all.results[0].topics.map((described) => described.name)).toContain('sized');
  });

  it('OffsetForLeaderEpoch v0–v4: epoch 0 ends at the high watermark; other epochs as Kafka answers them', async () => {
    await createTopics([topic('epochs')]);
    await produce('epochs', 0, 4);
    for (let version = 0; version <= 4; version++) {
      const { topics } = await connection.call(OffsetForLeaderEpochApi, version, {
        replicaId: -1,
        topics: [
          {
            topic: 'epochs',
            partitions: [
              { partition: 0, currentLeaderEpoch: -1, leaderEpoch: 0 },
              { partition: 0, currentLeaderEpoch: -1, leaderEpoch: 3 },
              { partition: 0, currentLeaderEpoch: -1, leaderEpoch: -1 },
              { partition: 1, currentLeaderEpoch: -1, leaderEpoch: 0 },
            ],
          },
          { topic: 'nowhere', partitions: [{ partition: 0, currentLeaderEpoch: -1, leaderEpoch: 0 }] },
        ],
      });
      const epoch = (value: number) => (version >= 1 ? value : -1);
      expect(topics, `OffsetForLeaderEpoch v${version}`).toEqual([
        {
          topic: 'epochs',
          partitions: [
            { errorCode: ErrorCode.NONE, partition: 0, leaderEpoch: epoch(0), endOffset: 4n },
            { errorCode: ErrorCode.NONE, partition: 0, leaderEpoch: -1, endOffset: -1n },
            { errorCode: ErrorCode.NONE, partition: 0, leaderEpoch: -1, endOffset: -1n },
            { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, partition: 1, leaderEpoch: -1, endOffset: -1n },
          ],
        },
        { topic: 'nowhere', partitions: [{ errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, partition: 0, leaderEpoch: -1, endOffset: -1n }] },
      ]);
    }
    const fenced = await connection.call(OffsetForLeaderEpochApi, 4, {
      replicaId: -1,
      topics: [
        {
          topic: 'epochs',
          partitions: [
            { partition: 0, currentLeaderEpoch: 0, leaderEpoch: 0 },
            { partition: 0, currentLeaderEpoch: 1, leaderEpoch: 0 },
          ],
        },
      ],
    });
    expect(fenced.topics[0].partitions.map((partition) => partition.errorCode)).toEqual([ErrorCode.NONE, ErrorCode.UNKNOWN_LEADER_EPOCH]);
  });
});
