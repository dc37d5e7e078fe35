/**
 * kafka-python 2.0.2's KafkaAdminClient (run by /usr/bin/python3) against a fresh broker:
 * create_topics, describe_configs, alter_configs, create_partitions and delete_topics, and what a
 * topic created by another client (kafkajs) looks like from kafka-python. Each scenario is one
 * Python program that prints one JSON line; the refusals a user would hit are the exceptions
 * kafka-python raises for Kafka's error codes.
 */
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess, systemPython } from '../support/run-process';
import { startTempBroker, type TempBroker } from '../support/temp-broker';

/** Helpers every scenario uses: an admin client, a call that reports the exception's class, JSON out. */
const PRELUDE = `
import json, sys
from kafka import KafkaAdminClient, KafkaConsumer
from kafka.admin import NewTopic, NewPartitions, ConfigResource, ConfigResourceType
admin = KafkaAdminClient(bootstrap_servers=sys.argv[1], client_id="eddy-admin-test", request_timeout_ms=10000)
def attempt(call):
    try:
        return {"ok": call()}
    except Exception as error:
        return {"error": type(error).__name__, "errno": getattr(error, "errno", None)}
def partitions_of(topic):
    consumer = KafkaConsumer(bootstrap_servers=sys.argv[1], client_id="eddy-admin-test")
    try:
        return sorted(consumer.partitions_for_topic(topic) or [])
    finally:
        consumer.close()
def configs_of(resource_type, name, keys=None, synonyms=False):
    [response] = admin.describe_configs([ConfigResource(resource_type, name, dict.fromkeys(keys) if keys else None)], include_synonyms=synonyms)
    [(error_code, error_message, _, resource_name, entries)] = response.resources
    return {"error_code": error_code, "error_message": error_message, "name": resource_name,
            "configs": {entry[0]: {"value": entry[1], "read_only": entry[2], "source": entry[3], "sensitive": entry[4],
                                   "synonyms": [list(synonym) for synonym in entry[5]]} for entry in entries}}
`;

async function runPython(bootstrap: string, body: string): Promise<Record<string, unknown>> {
  const result = await runProcess(systemPython, ['-c', `${PRELUDE}\n${body}\nadmin.close()\n`, bootstrap], { timeoutMs: 45_000 });
  expect(result.timedOut, result.stderr).toBe(false);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

/** Kafka's config source ids (DescribeConfigs v1+). */
const DYNAMIC_TOPIC_CONFIG = 1;
const STATIC_BROKER_CONFIG = 4;
const DEFAULT_CONFIG = 5;

describe('kafka-python KafkaAdminClient', () => {
  let temp: TempBroker;
  beforeAll(async () => {
    temp = await startTempBroker({ config: { 'log.retention.ms': '86400000' } });
  });
  afterAll(() => temp?.stop());

  it('sees a topic kafkajs created: 3 partitions in metadata, retention.ms=1000 from DYNAMIC_TOPIC_CONFIG', async () => {
    const kafka = new Kafka({ clientId: 'eddy-admin-test', brokers: [temp.bootstrap], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic: 'from-kafkajs', numPartitions: 3, configEntries: [{ name: 'retention.ms', value: '1000' }] }] });
    } finally {
      await admin.disconnect();
    }

    const seen = await runPython(
      temp.bootstrap,
      `print(json.dumps({"partitions": partitions_of("from-kafkajs"), "described": configs_of(ConfigResourceType.TOPIC, "from-kafkajs", ["retention.ms", "segment.bytes"], synonyms=True)}))`,
    );
    expect(seen.partitions).toEqual([0, 1, 2]);
    expect(seen.described).toEqual({
      error_code: 0,
      error_message: null,
      name: 'from-kafkajs',
      configs: {
        'retention.ms': {
          value: '1000',
          read_only: false,
          source: DYNAMIC_TOPIC_CONFIG,
          sensitive: false,
          synonyms: [
            ['retention.ms', '1000', DYNAMIC_TOPIC_CONFIG],
            ['log.retention.ms', '86400000', STATIC_BROKER_CONFIG],
            ['log.retention.ms', '604800000', DEFAULT_CONFIG],
          ],
        },
        'segment.bytes': {
          value: '1073741824',
          read_only: false,
          source: DEFAULT_CONFIG,
          sensitive: false,
          synonyms: [['log.segment.bytes', '1073741824', DEFAULT_CONFIG]],
        },
      },
    });
  });

  it('creates topics (with configs, validate_only) and gets Kafka errors for an existing topic, replication factor 3 and an invalid name', async () => {
    const outcome = await runPython(
      temp.bootstrap,
      `
created = admin.create_topics([NewTopic("py-orders", num_partitions=2, replication_factor=1, topic_configs={"cleanup.policy": "delete", "max.message.bytes": "2000000"})])
validated = admin.create_topics([NewTopic("py-validated", num_partitions=4, replication_factor=1)], validate_only=True)
print(json.dumps({
    "created": [list(error) for error in created.topic_errors],
    "validated": [list(error) for error in validated.topic_errors],
    "partitions": partitions_of("py-orders"),
    "validated_exists": "py-validated" in admin.list_topics(),
    "configs": configs_of(ConfigResourceType.TOPIC, "py-orders", ["max.message.bytes"])["configs"],
    "existing": attempt(lambda: admin.create_topics([NewTopic("py-orders", num_partitions=1, replication_factor=1)])),
    "replicated": attempt(lambda: admin.create_topics([NewTopic("py-replicated", num_partitions=1, replication_factor=3)])),
    "invalid_name": attempt(lambda: admin.create_topics([NewTopic("no/slashes", num_partitions=1, replication_factor=1)])),
    "unknown_config": attempt(lambda: admin.create_topics([NewTopic("py-bad-config", num_partitions=1, replication_factor=1, topic_configs={"retention.weeks": "2"})])),
    "topics": sorted(admin.list_topics()),
}))`,
    );
    expect(outcome.created).toEqual([['py-orders', 0, null]]);
    expect(outcome.validated).toEqual([['py-validated', 0, null]]);
    expect(outcome.partitions).toEqual([0, 1]);
    expect(outcome.validated_exists).toBe(false);
    expect(outcome.configs).toMatchObject({ 'max.message.bytes': { value: '2000000', source: DYNAMIC_TOPIC_CONFIG } });
    expect(outcome.existing).toEqual({ error: 'TopicAlreadyExistsError', errno: 36 });
    expect(outcome.replicated).toEqual({ error: 'InvalidReplicationFactorError', errno: 38 });
    expect(outcome.invalid_name).toEqual({ error: 'InvalidTopicError', errno: 17 });
    expect(outcome.unknown_config).toEqual({ error: 'InvalidConfigurationError', errno: 40 });
    expect(outcome.topics).not.toContain('py-replicated');
    expect(outcome.topics).not.toContain('py-bad-config');
  });

  it('describes broker configs, alters topic configs, and is refused when altering broker configs or an unknown topic', async () => {
    const outcome = await runPython(
      temp.bootstrap,
      `
admin.create_topics([NewTopic("py-altered", num_partitions=1, replication_factor=1, topic_configs={"retention.ms": "5000"})])
broker = configs_of(ConfigResourceType.BROKER, "${temp.broker.nodeId}", ["num.partitions", "log.retention.ms"])
altered = admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, "py-altered", {"retention.bytes": "1048576"})])
after = configs_of(ConfigResourceType.TOPIC, "py-altered", ["retention.ms", "retention.bytes"])
broker_refused = admin.alter_configs([ConfigResource(ConfigResourceType.BROKER, "${temp.broker.nodeId}", {"num.partitions": "3"})])
unknown = admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, "py-missing", {"retention.ms": "1"})])
bad_value = admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, "py-altered", {"retention.ms": "tomorrow"})])
missing = configs_of(ConfigResourceType.TOPIC, "py-missing")
print(json.dumps({
    "broker": broker["configs"],
    "altered": [list(resource) for resource in altered.resources],
    "after": {name: [entry["value"], entry["source"]] for name, entry in after["configs"].items()},
    "broker_refused": [list(resource) for resource in broker_refused.resources],
    "unknown": [list(resource)[:1] for resource in unknown.resources],
    "bad_value": [list(resource)[:1] for resource in bad_value.resources],
    "missing": [missing["error_code"], missing["configs"]],
}))`,
    );
    expect(outcome.broker).toEqual({
      'num.partitions': { value: '1', read_only: true, source: DEFAULT_CONFIG, sensitive: false, synonyms: [] },
      'log.retention.ms': { value: '86400000', read_only: true, source: STATIC_BROKER_CONFIG, sensitive: false, synonyms: [] },
    });
    expect(outcome.altered).toEqual([[0, null, 2, 'py-altered']]);
    // AlterConfigs replaces the whole set of overrides: retention.ms is back to the broker's value.
    expect(outcome.after).toEqual({ 'retention.ms': ['86400000', STATIC_BROKER_CONFIG], 'retention.bytes': ['1048576', DYNAMIC_TOPIC_CONFIG] });
    const [[code, message, type, name]] = outcome.broker_refused as [[number, string, number, string]];
    expect([code, type, name]).toEqual([42, 4, String(temp.broker.nodeId)]);
    expect(message).toContain('num.partitions');
    expect(message).toContain('--config');
    expect(outcome.unknown).toEqual([[3]]);
    expect(outcome.bad_value).toEqual([[40]]);
    expect(outcome.missing).toEqual([3, {}]);
  });

  it('grows and deletes topics, and gets Kafka errors for a shrink and for deleting an unknown topic', async () => {
    const outcome = await runPython(
      temp.bootstrap,
      `
admin.create_topics([NewTopic("py-growing", num_partitions=1, replication_factor=1), NewTopic("py-doomed", num_partitions=1, replication_factor=1)])
grown = admin.create_partitions({"py-growing": NewPartitions(4)})
grown_partitions = partitions_of("py-growing")
shrink = attempt(lambda: admin.create_partitions({"py-growing": NewPartitions(2)}))
deleted = admin.delete_topics(["py-doomed"])
print(json.dumps({
    "grown": [list(error) for error in grown.topic_errors],
    "grown_partitions": grown_partitions,
    "shrink": shrink,
    "deleted": [list(error) for error in deleted.topic_error_codes],
    "topics": sorted(admin.list_topics()),
    "unknown": attempt(lambda: admin.delete_topics(["py-never-was"])),
}))`,
    );
    expect(outcome.grown).toEqual([['py-growing', 0, null]]);
    expect(outcome.grown_partitions).toEqual([0, 1, 2, 3]);
    expect(outcome.shrink).toEqual({ error: 'InvalidPartitionsError', errno: 37 });
    expect(outcome.deleted).toEqual([['py-doomed', 0]]);
    expect(outcome.topics).toContain('py-growing');
    expect(outcome.topics).not.toContain('py-doomed');
    expect(outcome.unknown).toEqual({ error: 'UnknownTopicOrPartitionError', errno: 3 });
  });

  it('kafkajs sees the configs kafka-python altered (TOPIC resource via DescribeConfigs v2)', async () => {
    await runPython(
      temp.bootstrap,
      `
admin.create_topics([NewTopic("py-shared", num_partitions=1, replication_factor=1)])
admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, "py-shared", {"message.timestamp.type": "LogAppendTime"})])
print(json.dumps({}))`,
    );
    const kafka = new Kafka({ clientId: 'eddy-admin-test', brokers: [temp.bootstrap], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const described = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'py-shared', configNames: ['message.timestamp.type'] }] });
      expect(described.resources[0].configEntries).toEqual([expect.objectContaining({ configName: 'message.timestamp.type', configValue: 'LogAppendTime', configSource: DYNAMIC_TOPIC_CONFIG })]);
    } finally {
      await admin.disconnect();
    }
  });
});
