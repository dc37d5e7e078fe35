/**
 * kafkajs 2.2.4's admin client against a fresh broker: what it creates, alters, grows, deletes and
 * describes is what the broker then holds, and the refusals a user would hit come back as the
 * Kafka errors kafkajs knows.
 */
import { ConfigResourceTypes, Kafka, logLevel, type Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTempBroker, type TempBroker } from '../support/temp-broker';

/** kafkajs' config source ids (DescribeConfigs v1+). */
const DYNAMIC_TOPIC_CONFIG = 1;
const DEFAULT_CONFIG = 5;

/** What kafkajs rejects with: a protocol error (`type`), an aggregate (`errors`), or a wrapper (`cause`). */
interface KafkaJSFailure {
  type?: string;
  errors?: Array<{ type: string; topic?: string }>;
  cause?: KafkaJSFailure & { partitions?: Array<{ partition: number; error: { type: string } }> };
}

async function rejection(promise: Promise<unknown>): Promise<KafkaJSFailure> {
  try {
    await promise;
  } catch (error) {
    return error as KafkaJSFailure;
  }
  throw new Error('expected the call to fail');
}

describe('kafkajs admin', () => {
  let temp: TempBroker;
  let kafka: Kafka;
  let admin: Admin;

  beforeAll(async () => {
    temp = await startTempBroker();
    kafka = new Kafka({ clientId: 'eddy-admin-test', brokers: [temp.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 1, initialRetryTime: 50 } });
    admin = kafka.admin();
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.disconnect();
    await temp?.stop();
  });

  it('creates a topic with partitions and configs that metadata and describeConfigs then show', async () => {
    const created = await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 3, configEntries: [{ name: 'retention.ms', value: '1000' }] }] });
    expect(created).toBe(true);

    expect(await admin.listTopics()).toContain('orders');
    const metadata = await admin.fetchTopicMetadata({ topics: ['orders'] });
    expect(metadata.topics).toHaveLength(1);
    expect(metadata.topics[0].partitions.map((partition) => [partition.partitionId, partition.leader, partition.replicas]).sort()).toEqual([
      [0, temp.broker.nodeId, [temp.broker.nodeId]],
      [1, temp.broker.nodeId, [temp.broker.nodeId]],
      [2, temp.broker.nodeId, [temp.broker.nodeId]],
    ]);

    const described = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'orders' }] });
    const [resource] = described.resources;
    expect(resource).toMatchObject({ errorCode: 0, resourceName: 'orders', resourceType: ConfigResourceTypes.TOPIC });
    const byName = new Map(resource.configEntries.map((entry) => [entry.configName, entry]));
    expect(byName.get('retention.ms')).toMatchObject({ configValue: '1000', isDefault: false, configSource: DYNAMIC_TOPIC_CONFIG, readOnly: false, isSensitive: false });
    expect(byName.get('cleanup.policy')).toMatchObject({ configValue: 'delete', isDefault: true, configSource: DEFAULT_CONFIG });
  });

  it('answers false for a topic that already exists, and leaves it as it was', async () => {
    await admin.createTopics({ topics: [{ topic: 'exists-once', numPartitions: 2 }] });
    expect(await admin.createTopics({ topics: [{ topic: 'exists-once', numPartitions: 5 }] })).toBe(false);
    const metadata = await admin.fetchTopicMetadata({ topics: ['exists-once'] });
    expect(metadata.topics[0].partitions).toHaveLength(2);
  });

  it('validates without creating when validateOnly is set', async () => {
    expect(await admin.createTopics({ validateOnly: true, waitForLeaders: false, topics: [{ topic: 'only-validated', numPartitions: 4 }] })).toBe(true);
    expect(await admin.listTopics()).not.toContain('only-validated');

    const refused = await rejection(admin.createTopics({ validateOnly: true, waitForLeaders: false, topics: [{ topic: 'only-validated', replicationFactor: 3 }] }));
    expect(refused.errors?.map((error) => error.type)).toEqual(['INVALID_REPLICATION_FACTOR']);
  });

  it('refuses a replication factor above 1, an invalid name and an unknown config with Kafka errors', async () => {
    const replicated = await rejection(admin.createTopics({ topics: [{ topic: 'replicated', numPartitions: 1, replicationFactor: 3 }] }));
    expect(replicated.errors).toEqual([expect.objectContaining({ type: 'INVALID_REPLICATION_FACTOR', topic: 'replicated' })]);

    const badName = await rejection(admin.createTopics({ waitForLeaders: false, topics: [{ topic: 'bad name!' }] }));
    expect(badName.errors).toEqual([expect.objectContaining({ type: 'INVALID_TOPIC_EXCEPTION', topic: 'bad name!' })]);

    const unknownConfig = await rejection(admin.createTopics({ topics: [{ topic: 'configured', configEntries: [{ name: 'retention.forever', value: 'yes' }] }] }));
    expect(unknownConfig.errors).toEqual([expect.objectContaining({ type: 'INVALID_CONFIG', topic: 'configured' })]);

    const topics = await admin.listTopics();
    expect(topics).not.toContain('replicated');
    expect(topics).not.toContain('configured');
  });

  it('alters topic configs (replacing the overrides) and describes the broker configs as read-only', async () => {
    await admin.createTopics({ topics: [{ topic: 'altered', configEntries: [{ name: 'retention.ms', value: '1000' }] }] });
    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: 'altered', configEntries: [{ name: 'segment.bytes', value: '1048576' }] }],
    });
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: 'altered', configNames: ['retention.ms', 'segment.bytes'] }],
    });
    const entries = Object.fromEntries(described.resources[0].configEntries.map((entry) => [entry.configName, [entry.configValue, entry.configSource]]));
    expect(entries).toEqual({ 'retention.ms': ['604800000', DEFAULT_CONFIG], 'segment.bytes': ['1048576', DYNAMIC_TOPIC_CONFIG] });

    const broker = await admin.describeConfigs({ includeSynonyms: true, resources: [{ type: ConfigResourceTypes.BROKER, name: String(temp.broker.nodeId) }] });
    const numPartitions = broker.resources[0].configEntries.find((entry) => entry.configName === 'num.partitions');
    expect(numPartitions).toMatchObject({ configValue: '1', readOnly: true, isDefault: true, configSource: DEFAULT_CONFIG });

    const refused = await rejection(
      admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'altered', configEntries: [{ name: 'retention.ms', value: 'soon' }] }] }),
    );
    expect(refused.type).toBe('INVALID_CONFIG');
  });

  it('grows a topic with createPartitions and refuses a count that is not an increase', async () => {
    await admin.createTopics({ topics: [{ topic: 'growing', numPartitions: 2 }] });
    await admin.createPartitions({ topicPartitions: [{ topic: 'growing', count: 5 }] });
    const metadata = await admin.fetchTopicMetadata({ topics: ['growing'] });
    expect(metadata.topics[0].partitions).toHaveLength(5);

    const refused = await rejection(admin.createPartitions({ topicPartitions: [{ topic: 'growing', count: 3 }] }));
    expect(refused.type).toBe('INVALID_PARTITIONS');
  });

  it('deletes records below an offset: fetchTopicOffsets then shows the new low watermark', async () => {
    await admin.createTopics({ topics: [{ topic: 'trimmed', numPartitions: 1 }] });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'trimmed', acks: -1, messages: Array.from({ length: 5 }, (_, index) => ({ value: `record ${index}` })) });
    await producer.disconnect();

    expect(await admin.fetchTopicOffsets('trimmed')).toEqual([{ partition: 0, offset: '5', high: '5', low: '0' }]);
    await admin.deleteTopicRecords({ topic: 'trimmed', partitions: [{ partition: 0, offset: '3' }] });
    expect(await admin.fetchTopicOffsets('trimmed')).toEqual([{ partition: 0, offset: '5', high: '5', low: '3' }]);

    const outOfRange = await rejection(admin.deleteTopicRecords({ topic: 'trimmed', partitions: [{ partition: 0, offset: '99' }] }));
    expect(outOfRange.cause?.partitions).toEqual([expect.objectContaining({ partition: 0, error: expect.objectContaining({ type: 'OFFSET_OUT_OF_RANGE' }) })]);
    expect(await admin.fetchTopicOffsets('trimmed')).toEqual([{ partition: 0, offset: '5', high: '5', low: '3' }]);
  });

  it('deletes topics, and fails to delete one that does not exist', async () => {
    await admin.createTopics({ topics: [{ topic: 'doomed' }] });
    await admin.deleteTopics({ topics: ['doomed'] });
    expect(await admin.listTopics()).not.toContain('doomed');

    // kafkajs retries UNKNOWN_TOPIC_OR_PARTITION (metadata may lag on a cluster), then gives up with it as the cause.
    const unknown = await rejection(admin.deleteTopics({ topics: ['never-was'] }));
    expect(unknown.cause?.type).toBe('UNKNOWN_TOPIC_OR_PARTITION');
  });
});
