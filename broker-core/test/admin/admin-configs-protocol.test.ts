/**
 * The config admin APIs at every served version, and the resources and cases no installed client
 * sends: DescribeConfigs v0–v4 (isDefault, sources, synonyms, types, documentation; BROKER by id
 * and "", BROKER_LOGGER, unknown types), AlterConfigs v0–v2 and IncrementalAlterConfigs v0–v1
 * (validateOnly, duplicate keys, unknown operations, refused broker configs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/protocol/generated/errors';
import { AlterConfigsApi, CreateTopicsApi, DescribeConfigsApi, IncrementalAlterConfigsApi, type DescribeConfigsRequestDescribeConfigsResource } from '../../src/protocol/generated/index';
import { startTempBroker, type TempBroker } from '../support/temp-broker';
import { AdminConnection } from './admin-connection';

const TOPIC = 2;
const BROKER = 4;
const BROKER_LOGGER = 8;
const CLIENT_METRICS = 16;
/** Kafka's config source and type ids. */
const TOPIC_CONFIG = 1;
const DEFAULT_CONFIG = 5;
const LONG = 5;
const BOOLEAN = 1;

const SET = 0;
const DELETE = 1;
const APPEND = 2;
const SUBTRACT = 3;

describe('config admin APIs on the wire', () => {
  let temp: TempBroker;
  let connection: AdminConnection;
  let nodeId: string;

  const describeConfigs = (resources: DescribeConfigsRequestDescribeConfigsResource[], version = 4, includeSynonyms = false, includeDocumentation = false) =>
    connection.call(DescribeConfigsApi, version, { resources, includeSynonyms, includeDocumentation });
  const valuesOf = async (topic: string, names: string[]) => {
    const { results } = await describeConfigs([{ resourceType: TOPIC, resourceName: topic, configurationKeys: names }]);
    return Object.fromEntries(results[0].configs.map((config) => [config.name, config.value]));
  };
  const alterConfigs = (version: number, resources: { resourceType: number; resourceName: string; configs: { name: string; value: string | null }[] }[], validateOnly = false) =>
    connection.call(AlterConfigsApi, version, { resources, validateOnly });
  const incremental = (
    version: number,
    resources: { resourceType: number; resourceName: string; configs: { name: string; configOperation: number; value: string | null }[] }[],
    validateOnly = false,
  ) => connection.call(IncrementalAlterConfigsApi, version, { resources, validateOnly });

  beforeAll(async () => {
    temp = await startTempBroker();
    nodeId = String(temp.broker.nodeId);
    connection = await AdminConnection.open(temp.broker.port);
    const created = await connection.call(CreateTopicsApi, 7, {
      timeoutMs: 10_000,
      validateOnly: false,
      topics: ['configured', 'altered', 'incremental'].map((name) => ({ name, numPartitions: 1, replicationFactor: 1, assignments: [], configs: [{ name: 'retention.ms', value: '1000' }] })),
    });
    expect(created.topics.map((topic) => topic.errorCode)).toEqual([0, 0, 0]);
  });
  afterAll(async () => {
    connection?.close();
    await temp?.stop();
  });

  it('DescribeConfigs v0–v4 on a topic: isDefault (v0), source and synonyms (v1+), type and documentation (v3+)', async () => {
    for (let version = 0; version <= 4; version++) {
      const wanted: DescribeConfigsRequestDescribeConfigsResource = { resourceType: TOPIC, resourceName: 'configured', configurationKeys: ['retention.ms', 'preallocate', 'no.such.config'] };
      const plain = await describeConfigs([wanted], version, false, false);
      const rich = await describeConfigs([wanted], version, true, true);
      for (const response of [plain, rich]) {
        expect(response.results, `DescribeConfigs v${version}`).toHaveLength(1);
        expect(response.results[0]).toMatchObject({ errorCode: ErrorCode.NONE, errorMessage: null, resourceType: TOPIC, resourceName: 'configured' });
        expect(response.results[0].configs.map((config) => [config.name, config.value, config.readOnly, config.isSensitive])).toEqual([
          ['preallocate', 'false', false, false],
          ['retention.ms', '1000', false, false],
        ]);
      }
      const [preallocate, retention] = rich.results[0].configs;
      if (version === 0) {
        expect([retention.isDefault, preallocate.isDefault]).toEqual([false, true]);
        continue;
      }
      expect([retention.configSource, preallocate.configSource]).toEqual([TOPIC_CONFIG, DEFAULT_CONFIG]);
      expect(plain.results[0].configs.every((config) => config.synonyms.length === 0)).toBe(true);
      expect(retention.synonyms).toEqual([
        { name: 'retention.ms', value: '1000', source: TOPIC_CONFIG },
        { name: 'log.retention.ms', value: '604800000', source: DEFAULT_CONFIG },
      ]);
      if (version >= 3) {
        expect([retention.configType, preallocate.configType]).toEqual([LONG, BOOLEAN]);
        expect(retention.documentation).toEqual(expect.any(String));
        expect(plain.results[0].configs.every((config) => config.documentation === null)).toBe(true);
      }
    }
  });

  it('DescribeConfigs: all configs for null or empty keys; per-resource errors for unknown, illegal or unsupported resources', async () => {
    const { results } = await describeConfigs([
      { resourceType: TOPIC, resourceName: 'configured', configurationKeys: null },
      { resourceType: TOPIC, resourceName: 'configured', configurationKeys: [] },
      { resourceType: TOPIC, resourceName: 'missing', configurationKeys: null },
      { resourceType: TOPIC, resourceName: 'no way', configurationKeys: null },
      { resourceType: BROKER, resourceName: nodeId, configurationKeys: ['num.partitions', 'node.id'] },
      { resourceType: BROKER, resourceName: '', configurationKeys: null },
      { resourceType: BROKER, resourceName: '99', configurationKeys: null },
      { resourceType: BROKER, resourceName: 'one', configurationKeys: null },
      { resourceType: BROKER_LOGGER, resourceName: nodeId, configurationKeys: null },
      { resourceType: CLIENT_METRICS, resourceName: 'subscription', configurationKeys: null },
    ]);
    expect(results.map((result) => [result.resourceType, result.resourceName, result.errorCode])).toEqual([
      [TOPIC, 'configured', ErrorCode.NONE],
      [TOPIC, 'configured', ErrorCode.NONE],
      [TOPIC, 'missing', ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
      [TOPIC, 'no way', ErrorCode.INVALID_TOPIC_EXCEPTION],
      [BROKER, nodeId, ErrorCode.NONE],
      [BROKER, '', ErrorCode.NONE],
      [BROKER, '99', ErrorCode.INVALID_REQUEST],
      [BROKER, 'one', ErrorCode.INVALID_REQUEST],
      [BROKER_LOGGER, nodeId, ErrorCode.INVALID_REQUEST],
      [CLIENT_METRICS, 'subscription', ErrorCode.INVALID_REQUEST],
    ]);
    expect(results[0].configs.length).toBeGreaterThan(30);
    expect(results[1].configs).toHaveLength(results[0].configs.length);
    expect(results[0].configs.map((config) => config.name)).toEqual(expect.arrayContaining(['cleanup.policy', 'dlq.enable', 'segment.bytes']));
    expect(results[4].configs.map((config) => [config.name, config.value, config.readOnly, config.configSource])).toEqual([
      ['node.id', nodeId, true, DEFAULT_CONFIG],
      ['num.partitions', '1', true, DEFAULT_CONFIG],
    ]);
    expect(results[5].configs).toEqual([]); // no dynamic cluster-wide defaults
    expect(results[6].errorMessage).toBe(`Unexpected broker id, expected ${nodeId} or empty string, but received 99`);
    expect(results[7].errorMessage).toBe('Broker id must be an integer, but it is: one');
    for (const failed of [results[2], results[3], ...results.slice(6)]) expect(failed.configs).toEqual([]);
  });

  it('AlterConfigs v0–v2 replaces the overrides; validateOnly changes nothing; duplicates and bad values are refused', async () => {
    for (let version = 0; version <= 2; version++) {
      const value = String(1000 * (version + 2));
      const { responses } = await alterConfigs(version, [{ resourceType: TOPIC, resourceName: 'altered', configs: [{ name: 'retention.ms', value }] }]);
      expect(responses, `AlterConfigs v${version}`).toEqual([{ errorCode: ErrorCode.NONE, errorMessage: null, resourceType: TOPIC, resourceName: 'altered' }]);
      expect(await valuesOf('altered', ['retention.ms'])).toEqual({ 'retention.ms': value });
    }
    const validated = await alterConfigs(2, [{ resourceType: TOPIC, resourceName: 'altered', configs: [{ name: 'retention.ms', value: '1' }] }], true);
    expect(validated.responses[0].errorCode).toBe(ErrorCode.NONE);
    expect(await valuesOf('altered', ['retention.ms'])).toEqual({ 'retention.ms': '4000' });

    const { responses } = await alterConfigs(2, [
      { resourceType: TOPIC, resourceName: 'altered', configs: [{ name: 'retention.ms', value: '1' }, { name: 'retention.ms', value: '2' }] },
      { resourceType: TOPIC, resourceName: 'altered', configs: [{ name: 'retention.ms', value: 'soon' }] },
      { resourceType: TOPIC, resourceName: 'altered', configs: [{ name: 'retention.eventually', value: '1' }] },
      { resourceType: TOPIC, resourceName: 'missing', configs: [] },
      { resourceType: BROKER, resourceName: nodeId, configs: [{ name: 'num.partitions', value: '3' }] },
      { resourceType: BROKER, resourceName: '', configs: [] },
      { resourceType: BROKER_LOGGER, resourceName: nodeId, configs: [{ name: 'kafka', value: 'DEBUG' }] },
    ]);
    expect(responses.map((response) => response.errorCode)).toEqual([
      ErrorCode.INVALID_REQUEST,
      ErrorCode.INVALID_CONFIG,
      ErrorCode.INVALID_CONFIG,
      ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
      ErrorCode.INVALID_REQUEST,
      ErrorCode.NONE,
      ErrorCode.INVALID_REQUEST,
    ]);
    expect(responses[0].errorMessage).toContain('duplicate config keys');
    expect(responses[1].errorMessage).toContain('retention.ms');
    expect(responses[2].errorMessage).toContain('retention.eventually');
    expect(responses[4].errorMessage).toContain('Cannot update these configs dynamically: num.partitions');
    expect(await valuesOf('altered', ['retention.ms'])).toEqual({ 'retention.ms': '4000' });
  });

  it('IncrementalAlterConfigs v0–v1: SET, DELETE, APPEND and SUBTRACT, all or nothing per resource', async () => {
    for (let version = 0; version <= 1; version++) {
      const { responses } = await incremental(version, [
        {
          resourceType: TOPIC,
          resourceName: 'incremental',
          configs: [
            { name: 'segment.ms', configOperation: SET, value: String(60_000 * (version + 1)) },
            { name: 'retention.ms', configOperation: DELETE, value: null },
          ],
        },
      ]);
      expect(responses, `IncrementalAlterConfigs v${version}`).toEqual([{ errorCode: ErrorCode.NONE, errorMessage: null, resourceType: TOPIC, resourceName: 'incremental' }]);
      expect(await valuesOf('incremental', ['segment.ms', 'retention.ms'])).toEqual({ 'segment.ms': String(60_000 * (version + 1)), 'retention.ms': '604800000' });
    }

    await incremental(1, [{ resourceType: TOPIC, resourceName: 'incremental', configs: [{ name: 'cleanup.policy', configOperation: APPEND, value: 'compact' }] }]);
    expect(await valuesOf('incremental', ['cleanup.policy'])).toEqual({ 'cleanup.policy': 'delete,compact' });
    await incremental(1, [{ resourceType: TOPIC, resourceName: 'incremental', configs: [{ name: 'cleanup.policy', configOperation: SUBTRACT, value: 'delete' }] }]);
    expect(await valuesOf('incremental', ['cleanup.policy'])).toEqual({ 'cleanup.policy': 'compact' });

    const validated = await incremental(1, [{ resourceType: TOPIC, resourceName: 'incremental', configs: [{ name: 'segment.ms', configOperation: SET, value: '1' }] }], true);
    expect(validated.responses[0].errorCode).toBe(ErrorCode.NONE);
    expect(await valuesOf('incremental', ['segment.ms'])).toEqual({ 'segment.ms': '120000' });

    const { responses } = await incremental(1, [
      { resourceType: TOPIC, resourceName: 'incremental', configs: [{ name: 'segment.ms', configOperation: SET, value: '1' }, { name: 'segment.ms', configOperation: DELETE, value: null }] },
      { resourceType: TOPIC, resourceName: 'incremental', configs: [{ name: 'segment.ms', configOperation: SET, value: '1' }, { name: 'retention.ms', configOperation: 9, value: '1' }] },
      { resourceType: TOPIC, resourceName: 'incremental', configs: [{ name: 'segment.ms', configOperation: SET, value: null }] },
      { resourceType: TOPIC, resourceName: 'incremental', configs: [{ name: 'segment.ms', configOperation: SET, value: '1' }, { name: 'segment.bytes', configOperation: APPEND, value: '5' }] },
      { resourceType: TOPIC, resourceName: 'missing', configs: [] },
      { resourceType: BROKER, resourceName: nodeId, configs: [{ name: 'log.retention.ms', configOperation: SET, value: '1' }] },
      { resourceType: BROKER, resourceName: '', configs: [] },
      { resourceType: BROKER_LOGGER, resourceName: nodeId, configs: [{ name: 'root', configOperation: SET, value: 'DEBUG' }] },
    ]);
    expect(responses.map((response) => response.errorCode)).toEqual([
      ErrorCode.INVALID_REQUEST,
      ErrorCode.INVALID_REQUEST,
      ErrorCode.INVALID_REQUEST,
      ErrorCode.INVALID_CONFIG,
      ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
      ErrorCode.INVALID_REQUEST,
      ErrorCode.NONE,
      ErrorCode.INVALID_REQUEST,
    ]);
    expect(responses[1].errorMessage).toContain('Unknown config operation type 9');
    expect(responses[2].errorMessage).toContain('Null value not supported');
    expect(responses[5].errorMessage).toContain('Cannot update these configs dynamically: log.retention.ms');
    expect(await valuesOf('incremental', ['segment.ms', 'segment.bytes'])).toEqual({ 'segment.ms': '120000', 'segment.bytes': '1073741824' });
  });
});
