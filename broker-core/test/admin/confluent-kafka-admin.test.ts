/**
 * confluent-kafka-python's AdminClient (librdkafka 2.0.2, run by /usr/bin/python3) against a fresh
 * broker: create_topics (with configs and validate_only), describe_configs (topic and broker),
 * alter_configs, create_partitions and delete_topics, checked by what the broker then holds and
 * what librdkafka reports; and the Kafka errors a user would hit (an existing topic, replication
 * factor 3, an unknown config, a shrink, an unknown topic).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess, systemPython } from '../support/run-process';
import { startTempBroker, type TempBroker } from '../support/temp-broker';

/** An AdminClient, a way to wait on a future and report librdkafka's error name, metadata, JSON out. */
const PRELUDE = `
import json, sys
from confluent_kafka import KafkaException
from confluent_kafka.admin import AdminClient, NewTopic, NewPartitions, ConfigResource, ConfigSource
admin = AdminClient({"bootstrap.servers": sys.argv[1], "client.id": "eddy-admin-test"})
TIMEOUT = 20
def outcome(future):
    try:
        value = future.result(timeout=TIMEOUT)
        return {"ok": None if value is None else str(value)}
    except KafkaException as error:
        return {"error": error.args[0].name(), "message": error.args[0].str()}
def only(futures):
    [future] = futures.values()
    return outcome(future)
def each(futures):
    return {name: outcome(future) for name, future in futures.items()}
def partitions_of(topic):
    topics = admin.list_topics(timeout=TIMEOUT).topics
    return sorted(topics[topic].partitions.keys()) if topic in topics else None
def source_name(source):
    return source.name if hasattr(source, "name") else ConfigSource(source).name
def described(resource, names):
    [future] = admin.describe_configs([resource]).values()
    try:
        entries = future.result(timeout=TIMEOUT)
    except KafkaException as error:
        return {"error": error.args[0].name()}
    return {name: {"value": entries[name].value, "source": source_name(entries[name].source), "read_only": entries[name].is_read_only,
                   "default": entries[name].is_default, "sensitive": entries[name].is_sensitive,
                   "synonyms": [[synonym.name, synonym.value, source_name(synonym.source)] for synonym in entries[name].synonyms.values()]}
            for name in names if name in entries}
`;

async function runPython(bootstrap: string, body: string): Promise<Record<string, unknown>> {
  const result = await runProcess(systemPython, ['-c', `${PRELUDE}\n${body}\n`, bootstrap], { timeoutMs: 60_000 });
  expect(result.timedOut, result.stderr).toBe(false);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

describe('confluent-kafka-python AdminClient', () => {
  let temp: TempBroker;
  beforeAll(async () => {
    temp = await startTempBroker({ config: { 'num.partitions': '2' } });
  });
  afterAll(() => temp?.stop());

  it('creates topics and describes their configs; validate_only creates nothing; Kafka errors for the rest', async () => {
    const seen = await runPython(
      temp.bootstrap,
      `
created = only(admin.create_topics([NewTopic("ck-orders", num_partitions=3, replication_factor=1, config={"retention.ms": "1000", "cleanup.policy": "delete"})]))
defaulted = only(admin.create_topics([NewTopic("ck-defaulted", num_partitions=-1, replication_factor=-1)]))
validated = only(admin.create_topics([NewTopic("ck-validated", num_partitions=1, replication_factor=1)], validate_only=True))
print(json.dumps({
    "created": created, "defaulted": defaulted, "validated": validated,
    "partitions": partitions_of("ck-orders"), "defaulted_partitions": partitions_of("ck-defaulted"),
    "validated_partitions": partitions_of("ck-validated"),
    "configs": described(ConfigResource("topic", "ck-orders"), ["retention.ms", "cleanup.policy"]),
    "existing": only(admin.create_topics([NewTopic("ck-orders", num_partitions=1, replication_factor=1)])),
    "replicated": only(admin.create_topics([NewTopic("ck-replicated", num_partitions=1, replication_factor=3)])),
    "unknown_config": only(admin.create_topics([NewTopic("ck-bad-config", num_partitions=1, replication_factor=1, config={"retention.days": "7"})])),
    "invalid_name": only(admin.create_topics([NewTopic("ck bad name", num_partitions=1, replication_factor=1)])),
    "missing": described(ConfigResource("topic", "ck-missing"), ["retention.ms"]),
}))`,
    );
    expect(seen.created).toEqual({ ok: null });
    expect(seen.defaulted).toEqual({ ok: null });
    expect(seen.validated).toEqual({ ok: null });
    expect(seen.partitions).toEqual([0, 1, 2]);
    expect(seen.defaulted_partitions).toEqual([0, 1]);
    expect(seen.validated_partitions).toBeNull();
    expect(seen.configs).toEqual({
      'retention.ms': {
        value: '1000',
        source: 'DYNAMIC_TOPIC_CONFIG',
        read_only: false,
        default: false,
        sensitive: false,
        synonyms: [
          ['retention.ms', '1000', 'DYNAMIC_TOPIC_CONFIG'],
          ['log.retention.ms', '604800000', 'DEFAULT_CONFIG'],
        ],
      },
      'cleanup.policy': {
        value: 'delete',
        source: 'DYNAMIC_TOPIC_CONFIG',
        read_only: false,
        default: false,
        sensitive: false,
        synonyms: [
          ['cleanup.policy', 'delete', 'DYNAMIC_TOPIC_CONFIG'],
          ['log.cleanup.policy', 'delete', 'DEFAULT_CONFIG'],
        ],
      },
    });
    expect(seen.existing).toMatchObject({ error: 'TOPIC_ALREADY_EXISTS', message: expect.stringContaining('ck-orders') });
    expect(seen.replicated).toMatchObject({ error: 'INVALID_REPLICATION_FACTOR', message: expect.stringContaining('only 1 broker(s)') });
    expect(seen.unknown_config).toMatchObject({ error: 'INVALID_CONFIG', message: expect.stringContaining('retention.days') });
    expect(seen.invalid_name).toMatchObject({ error: 'TOPIC_EXCEPTION' });
    expect(seen.missing).toEqual({ error: 'UNKNOWN_TOPIC_OR_PART' });
  });

  it('describes the broker configs, with the static setting and its default as synonyms', async () => {
    const seen = await runPython(
      temp.bootstrap,
      `print(json.dumps({"broker": described(ConfigResource("broker", "${temp.broker.nodeId}"), ["num.partitions", "auto.create.topics.enable"])}))`,
    );
    expect(seen.broker).toEqual({
      'num.partitions': {
        value: '2',
        source: 'STATIC_BROKER_CONFIG',
        read_only: true,
        default: false,
        sensitive: false,
        // The broker sends two synonyms, both named num.partitions (static "2", then default "1"),
        // as Kafka does; confluent-kafka keeps synonyms in a dict by name, so only the last is left.
        synonyms: [['num.partitions', '1', 'DEFAULT_CONFIG']],
      },
      'auto.create.topics.enable': {
        value: 'true',
        source: 'DEFAULT_CONFIG',
        read_only: true,
        default: true,
        sensitive: false,
        synonyms: [['auto.create.topics.enable', 'true', 'DEFAULT_CONFIG']],
      },
    });
  });

  it('alters topic configs, grows and deletes topics, with Kafka errors for a shrink, a broker config and an unknown topic', async () => {
    const seen = await runPython(
      temp.bootstrap,
      `
created = each(admin.create_topics([NewTopic("ck-altered", num_partitions=1, replication_factor=1), NewTopic("ck-doomed", num_partitions=1, replication_factor=1)]))
altered = only(admin.alter_configs([ConfigResource("topic", "ck-altered", set_config={"retention.ms": "60000", "segment.ms": "3600000"})]))
grown = only(admin.create_partitions([NewPartitions("ck-altered", 3)]))
grow_validated = only(admin.create_partitions([NewPartitions("ck-altered", 6)], validate_only=True))
deleted = only(admin.delete_topics(["ck-doomed"]))
print(json.dumps({
    "created": created, "altered": altered,
    "configs": {name: [entry["value"], entry["source"]] for name, entry in described(ConfigResource("topic", "ck-altered"), ["retention.ms", "segment.ms"]).items()},
    "grown": grown, "grow_validated": grow_validated, "partitions": partitions_of("ck-altered"),
    "deleted": deleted, "deleted_partitions": partitions_of("ck-doomed"),
    "shrink": only(admin.create_partitions([NewPartitions("ck-altered", 2)])),
    "broker_config": only(admin.alter_configs([ConfigResource("broker", "${temp.broker.nodeId}", set_config={"num.partitions": "4"})])),
    "unknown_topic": only(admin.delete_topics(["ck-never-was"])),
}))`,
    );
    expect(seen.created).toEqual({ 'ck-altered': { ok: null }, 'ck-doomed': { ok: null } });
    expect(seen.altered).toEqual({ ok: null });
    expect(seen.configs).toEqual({ 'retention.ms': ['60000', 'DYNAMIC_TOPIC_CONFIG'], 'segment.ms': ['3600000', 'DYNAMIC_TOPIC_CONFIG'] });
    expect(seen.grown).toEqual({ ok: null });
    expect(seen.grow_validated).toEqual({ ok: null });
    expect(seen.partitions).toEqual([0, 1, 2]);
    expect(seen.deleted).toEqual({ ok: null });
    expect(seen.deleted_partitions).toBeNull();
    expect(seen.shrink).toMatchObject({ error: 'INVALID_PARTITIONS', message: expect.stringContaining('would not be an increase') });
    expect(seen.broker_config).toMatchObject({ error: 'INVALID_REQUEST', message: expect.stringContaining('Cannot update these configs dynamically: num.partitions') });
    expect(seen.unknown_topic).toMatchObject({ error: 'UNKNOWN_TOPIC_OR_PART' });
  });
});
