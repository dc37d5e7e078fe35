/**
 * @platformatic/kafka 1.x's Admin against a fresh broker. It speaks only the newest (flexible)
 * versions, so this covers the top of each served range: CreateTopics v7 (topic id, partitions,
 * replication factor and configs in the answer), DescribeConfigs v4 (synonyms, documentation,
 * types), IncrementalAlterConfigs v1, CreatePartitions v3, DeleteRecords v2, DescribeLogDirs v4
 * and DeleteTopics v6.
 */
import { Admin, ConfigResourceTypes, ConfigSources, ConfigTypes, IncrementalAlterConfigOperationTypes } from '@platformatic/kafka';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTempBroker, type TempBroker } from '../support/temp-broker';

/** The Kafka error codes carried by a rejected @platformatic/kafka call (its errors nest). */
async function kafkaErrorCodes(promise: Promise<unknown>): Promise<number[]> {
  try {
    await promise;
  } catch (error) {
    const codes: number[] = [];
    const visit = (value: unknown) => {
      if (!value || typeof value !== 'object') return;
      const candidate = value as { apiCode?: number; errors?: unknown[]; cause?: unknown };
      if (typeof candidate.apiCode === 'number') codes.push(candidate.apiCode);
      candidate.errors?.forEach(visit);
      visit(candidate.cause);
    };
    visit(error);
    return codes;
  }
  throw new Error('expected the call to fail');
}

describe('@platformatic/kafka Admin', () => {
  let temp: TempBroker;
  let admin: Admin;

  beforeAll(async () => {
    temp = await startTempBroker();
    admin = new Admin({ clientId: 'eddy-admin-test', bootstrapBrokers: [temp.bootstrap], retries: 0, timeout: 10_000 });
  });
  afterAll(async () => {
    await admin?.close();
    await temp?.stop();
  });

  it('createTopics (v7) answers with the topic id, partitions, replication factor and configs in force', async () => {
    const [created] = await admin.createTopics({ topics: ['plt-orders'], partitions: 3, replicas: 1, configs: [{ name: 'retention.ms', value: '1000' }] });
    expect(created).toMatchObject({ name: 'plt-orders', partitions: 3, replicas: 1 });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.id).not.toBe('00000000-0000-0000-0000-000000000000');
    expect(created.configuration).toMatchObject({ 'retention.ms': '1000', 'cleanup.policy': 'delete', 'max.message.bytes': '1048588' });
    expect(await admin.listTopics()).toContain('plt-orders');

    expect(await kafkaErrorCodes(admin.createTopics({ topics: ['plt-orders'], partitions: 1 }))).toContain(36); // TOPIC_ALREADY_EXISTS
    expect(await kafkaErrorCodes(admin.createTopics({ topics: ['plt-replicated'], partitions: 1, replicas: 3 }))).toContain(38); // INVALID_REPLICATION_FACTOR
  });

  it('describeConfigs (v4) gives sources, synonyms, types and documentation', async () => {
    await admin.createTopics({ topics: ['plt-described'], partitions: 1, configs: [{ name: 'segment.bytes', value: '1048576' }] });
    const [result] = await admin.describeConfigs({
      resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: 'plt-described', configurationKeys: ['segment.bytes', 'retention.ms', 'cleanup.policy'] }],
      includeSynonyms: true,
      includeDocumentation: true,
    });
    const byName = new Map(result.configs.map((config) => [config.name, config]));
    expect(byName.get('segment.bytes')).toMatchObject({
      value: '1048576',
      configSource: ConfigSources.TOPIC_CONFIG,
      configType: ConfigTypes.INT,
      readOnly: false,
      isSensitive: false,
      synonyms: [
        { name: 'segment.bytes', value: '1048576', source: ConfigSources.TOPIC_CONFIG },
        { name: 'log.segment.bytes', value: '1073741824', source: ConfigSources.DEFAULT_CONFIG },
      ],
    });
    expect(byName.get('retention.ms')).toMatchObject({ value: '604800000', configSource: ConfigSources.DEFAULT_CONFIG, configType: ConfigTypes.LONG });
    expect(byName.get('cleanup.policy')).toMatchObject({ configType: ConfigTypes.LIST });
    expect(byName.get('retention.ms')?.documentation).toEqual(expect.stringContaining('deleted'));

    const [broker] = await admin.describeConfigs({ resources: [{ resourceType: ConfigResourceTypes.BROKER, resourceName: String(temp.broker.nodeId), configurationKeys: ['auto.create.topics.enable'] }] });
    expect(broker.configs).toEqual([expect.objectContaining({ name: 'auto.create.topics.enable', value: 'true', readOnly: true, configType: ConfigTypes.BOOLEAN, synonyms: [], documentation: null })]);
  });

  it('incrementalAlterConfigs (v1) sets, appends and deletes overrides, all or nothing', async () => {
    await admin.createTopics({ topics: ['plt-altered'], partitions: 1, configs: [{ name: 'retention.ms', value: '5000' }] });
    await admin.incrementalAlterConfigs({
      resources: [
        {
          resourceType: ConfigResourceTypes.TOPIC,
          resourceName: 'plt-altered',
          configs: [
            { name: 'retention.ms', configOperation: IncrementalAlterConfigOperationTypes.DELETE },
            { name: 'cleanup.policy', configOperation: IncrementalAlterConfigOperationTypes.APPEND, value: 'compact' },
            { name: 'segment.ms', configOperation: IncrementalAlterConfigOperationTypes.SET, value: '60000' },
          ],
        },
      ],
    });
    const described = async () => {
      const [result] = await admin.describeConfigs({ resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: 'plt-altered', configurationKeys: ['retention.ms', 'cleanup.policy', 'segment.ms'] }] });
      return Object.fromEntries(result.configs.map((config) => [config.name, [config.value, config.configSource]]));
    };
    const expected = {
      'retention.ms': ['604800000', ConfigSources.DEFAULT_CONFIG],
      'cleanup.policy': ['delete,compact', ConfigSources.TOPIC_CONFIG],
      'segment.ms': ['60000', ConfigSources.TOPIC_CONFIG],
    };
    expect(await described()).toEqual(expected);

    const refused = admin.incrementalAlterConfigs({
      resources: [
        {
          resourceType: ConfigResourceTypes.TOPIC,
          resourceName: 'plt-altered',
          configs: [
            { name: 'segment.ms', configOperation: IncrementalAlterConfigOperationTypes.SET, value: '1' },
            { name: 'retention.ms', configOperation: IncrementalAlterConfigOperationTypes.APPEND, value: '1' },
          ],
        },
      ],
    });
    expect(await kafkaErrorCodes(refused)).toContain(40); // INVALID_CONFIG: APPEND on a non-list
    expect(await described()).toEqual(expected);
  });

  it('createPartitions (v3), deleteRecords (v2) and describeLogDirs (v4) see the same partitions', async () => {
    await admin.createTopics({ topics: ['plt-logs'], partitions: 1 });
    await admin.createPartitions({ topics: [{ name: 'plt-logs', count: 2 }] });

    const kafka = new Kafka({ clientId: 'eddy-admin-test', brokers: [temp.bootstrap], logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'plt-logs', acks: -1, messages: Array.from({ length: 10 }, (_, index) => ({ partition: 1, value: `record ${index}` })) });
    await producer.disconnect();

    const deleted = await admin.deleteRecords({ topics: [{ name: 'plt-logs', partitions: [{ partition: 1, offset: 4n }] }] });
    expect(deleted).toEqual([{ name: 'plt-logs', partitions: [{ partition: 1, lowWatermark: 4n }] }]);

    const [described] = await admin.describeLogDirs({ topics: [{ name: 'plt-logs', partitions: [0, 1, 7] }] });
    expect(described.broker).toBe(temp.broker.nodeId);
    expect(described.results).toHaveLength(1);
    const [logDir] = described.results;
    expect(logDir.logDir).toBe(temp.broker.dataDir);
    expect(logDir.totalBytes).toBeGreaterThan(0n);
    expect(logDir.usableBytes).toBeGreaterThan(0n);
    expect(logDir.usableBytes).toBeLessThanOrEqual(logDir.totalBytes);
    expect(logDir.topics).toHaveLength(1);
    const partitions = new Map(logDir.topics[0].partitions.map((partition) => [partition.partitionIndex, partition]));
    expect([...partitions.keys()].sort()).toEqual([0, 1]);
    expect(partitions.get(0)).toMatchObject({ partitionSize: 0n, offsetLag: 0n, isFutureKey: false });
    expect(partitions.get(1)!.partitionSize).toBeGreaterThan(0n);
  });

  it('deleteTopics (v6) removes the topic; an unknown one is UNKNOWN_TOPIC_OR_PARTITION', async () => {
    await admin.createTopics({ topics: ['plt-doomed'], partitions: 1 });
    await admin.deleteTopics({ topics: ['plt-doomed'] });
    expect(await admin.listTopics()).not.toContain('plt-doomed');
    expect(await kafkaErrorCodes(admin.deleteTopics({ topics: ['plt-never-was'] }))).toContain(3);
  });
});
