/**
 * Answers as Apache Kafka gives them, each found by a real client that an earlier answer
 * confused (issue 15), with that client:
 * - a Fetch partition error carries an empty record set (librdkafka could not parse a null one,
 *   so `auto.offset.reset` never applied: a consumer out of range was stuck for good);
 * - ListOffsets naming one partition twice gets INVALID_REQUEST for it (raw protocol: no client
 *   sends that on purpose);
 * - deprecated topic configs that tools still set (`message.format.version`, …) are accepted;
 * - a new group forms at once (`group.initial.rebalance.delay.ms` 0, as Kafka's shipped
 *   server.properties sets it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRecordBatch } from '../../src/records/record-batch-builder';
import { ErrorCode } from '../../src/protocol/generated/errors';
import { ListOffsetsApi } from '../../src/protocol/generated/index';
import { AdminConnection } from '../admin/admin-connection';
import { runProcess, systemPython } from '../support/run-process';
import { startTempBroker, type TempBroker } from '../support/temp-broker';

/** Consumes partition 0 from an assigned offset with the given auto.offset.reset; prints JSON. */
const outOfRangeScript = `
import json, sys, time
from confluent_kafka import Consumer, TopicPartition, KafkaError
bootstrap, topic, reset = sys.argv[1], sys.argv[2], sys.argv[3]
consumer = Consumer({'bootstrap.servers': bootstrap, 'group.id': 'parity-' + reset, 'auto.offset.reset': reset,
                     'enable.auto.commit': False, 'log_level': 0})
consumer.assign([TopicPartition(topic, 0, 1000)])
values, errors = [], []
deadline = time.time() + 20
while time.time() < deadline and len(values) < 10 and not errors:
    message = consumer.poll(0.2)
    if message is None:
        continue
    if message.error():
        errors.append(message.error().name())
    else:
        values.append(message.value().decode())
consumer.close()
print(json.dumps({'values': values, 'errors': errors}))
`;

/** Sets topic configs with AlterConfigs (confluent-kafka's alter_configs), then describes them. */
const alterConfigsScript = `
import json, sys
from confluent_kafka.admin import AdminClient, ConfigResource
bootstrap, topic = sys.argv[1], sys.argv[2]
admin = AdminClient({'bootstrap.servers': bootstrap})
resource = ConfigResource('topic', topic, set_config={'message.format.version': '2.8-IV1', 'message.timestamp.difference.max.ms': '60000',
                                                      'message.downconversion.enable': 'false'})
outcome = {}
try:
    admin.alter_configs([resource])[resource].result(timeout=10)
    outcome['altered'] = True
except Exception as error:
    outcome['altered'] = str(error)
described = admin.describe_configs([ConfigResource('topic', topic)])[ConfigResource('topic', topic)].result(timeout=10)
outcome['described'] = {name: described[name].value for name in ('message.format.version', 'message.timestamp.difference.max.ms', 'message.downconversion.enable')}
print(json.dumps(outcome))
`;

/** Subscribes a librdkafka consumer to a topic and reports how long the first assignment took. */
const firstAssignmentScript = `
import json, sys, time
from confluent_kafka import Consumer
bootstrap, topic = sys.argv[1], sys.argv[2]
assigned = []
started = time.time()
consumer = Consumer({'bootstrap.servers': bootstrap, 'group.id': 'parity-formation', 'log_level': 0})
consumer.subscribe([topic], on_assign=lambda c, partitions: assigned.append(time.time() - started))
while not assigned and time.time() - started < 20:
    consumer.poll(0.05)
consumer.close()
print(json.dumps({'seconds': assigned[0] if assigned else None}))
`;

function lastJsonLine(stdout: string): Record<string, unknown> {
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

describe('Kafka parity found by real clients', () => {
  let temp: TempBroker;
  beforeAll(async () => {
    temp = await startTempBroker();
    temp.broker.logs.createTopic('ten', { partitions: 1 });
    for (let i = 0; i < 10; i++) await temp.broker.logs.append('ten', 0, buildRecordBatch([{ value: Buffer.from(`v${i}`) }]), { acks: 1 });
  });
  afterAll(() => temp.stop());

  it('a librdkafka consumer out of range sees OFFSET_OUT_OF_RANGE as an error with auto.offset.reset=error', async () => {
    const run = await runProcess(systemPython, ['-c', outOfRangeScript, temp.bootstrap, 'ten', 'error'], { timeoutMs: 40_000 });
    expect(run.code, run.stderr).toBe(0);
    const outcome = lastJsonLine(run.stdout);
    expect(outcome.values).toEqual([]);
    expect(outcome.errors).toEqual(['_AUTO_OFFSET_RESET']);
    expect(run.stderr).not.toMatch(/Protocol parse failure/);
  });

  it('a librdkafka consumer out of range is reset to the earliest offset with auto.offset.reset=earliest', async () => {
    const run = await runProcess(systemPython, ['-c', outOfRangeScript, temp.bootstrap, 'ten', 'earliest'], { timeoutMs: 40_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(lastJsonLine(run.stdout)).toEqual({ values: Array.from({ length: 10 }, (_, i) => `v${i}`), errors: [] });
  });

  it('answers INVALID_REQUEST for a partition named twice in one ListOffsets request, and the others normally', async () => {
    const connection = await AdminConnection.open(temp.broker.port);
    try {
      for (const version of [1, 5, 9]) {
        const partition = (partitionIndex: number, timestamp: bigint) => ({ partitionIndex, currentLeaderEpoch: -1, timestamp, maxNumOffsets: 1 });
        const response = await connection.call(ListOffsetsApi, version, {
          replicaId: -1,
          isolationLevel: 0,
          timeoutMs: 1000,
          topics: [
            { name: 'ten', partitions: [partition(0, -1n)] },
            { name: 'other', partitions: [partition(0, -1n)] },
            { name: 'ten', partitions: [partition(0, -2n)] },
          ],
        });
        const answers = response.topics.map((topic) => [topic.name, topic.partitions[0].errorCode, topic.partitions[0].offset]);
        expect(answers, `v${version}`).toEqual([
          ['ten', ErrorCode.INVALID_REQUEST, -1n],
          ['other', ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1n],
          ['ten', ErrorCode.INVALID_REQUEST, -1n],
        ]);
      }
    } finally {
      connection.close();
    }
  });

  it('accepts the deprecated topic configs tools still set (AlterConfigs from confluent-kafka) and describes them', async () => {
    temp.broker.logs.createTopic('deprecated-configs', { partitions: 1 });
    const run = await runProcess(systemPython, ['-c', alterConfigsScript, temp.bootstrap, 'deprecated-configs'], { timeoutMs: 30_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(lastJsonLine(run.stdout)).toEqual({
      altered: true,
      described: { 'message.format.version': '2.8-IV1', 'message.timestamp.difference.max.ms': '60000', 'message.downconversion.enable': 'false' },
    });
  });

  it('forms a new group at once: a librdkafka consumer gets its first assignment well within the old 3 s delay', async () => {
    temp.broker.logs.createTopic('formation', { partitions: 2 });
    const run = await runProcess(systemPython, ['-c', firstAssignmentScript, temp.bootstrap, 'formation'], { timeoutMs: 40_000 });
    expect(run.code, run.stderr).toBe(0);
    const { seconds } = lastJsonLine(run.stdout) as { seconds: number | null };
    expect(seconds).not.toBeNull();
    // With the code default (3000 ms) the first generation could not form before 3 s.
    expect(seconds!).toBeLessThan(2.5);
  });
});
