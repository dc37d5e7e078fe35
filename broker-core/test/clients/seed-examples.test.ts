/**
 * The Python examples our users start from, run as written by Debian's python3 (kafka-python
 * 2.0.2), against a fresh broker with default settings.
 */
import { spawn } from 'node:child_process';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { decodeBatches } from '../../src/records/record-batch-decoder';
import { runProcess, systemPython } from '../support/run-process';
import { startMockCluster } from '../support/mock-cluster';
import { seedExample } from '../support/seed-example';
import { startTempBroker, type TempBroker } from '../support/temp-broker';

let temp: TempBroker;
beforeEach(async () => {
  temp = await startTempBroker();
});
afterEach(() => temp.stop());

function recordsOf(topic: string): Array<{ offset: number; key: string; value: string }> {
  const out: Array<{ offset: number; key: string; value: string }> = [];
  let offset = 0;
  for (;;) {
    const read = temp.broker.logs.read(topic, 0, offset, 1 << 20);
    if (read.records.length === 0) return out;
    for (const batch of decodeBatches(read.records)) {
      for (const record of batch.records ?? []) out.push({ offset: record.offset, key: String(record.key), value: String(record.value) });
    }
    offset = read.nextOffset;
  }
}

it('consumer.py, started first, prints the ten records producer.py sends', async () => {
  const consumer = spawn(systemPython, ['-u', seedExample('consumer.py', temp.bootstrap)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  consumer.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  consumer.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  try {
    // The consumer is ready once it has auto-created test_topic and found its end (auto_offset_reset=latest).
    await expect.poll(() => temp.broker.logs.hasTopic('test_topic'), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => temp.broker.connections().some((connection) => connection.requestCount > 3), { timeout: 20_000 }).toBe(true);
    const producer = await runProcess(systemPython, [seedExample('producer.py', temp.bootstrap)], { timeoutMs: 30_000 });
    expect(producer.code, producer.stderr).toBe(0);
    const expected = Array.from({ length: 10 }, (_, i) => `offset: ${i}, value: ${i}`).join('\n');
    await expect.poll(() => printed.trim(), { timeout: 20_000 }).toBe(expected);
  } finally {
    consumer.kill('SIGKILL');
  }
}, 90_000);

it('dead_letter.py does what it does against a reference broker: sends ten records, then fails at seek_to_end', async () => {
  // As written, the script calls seek_to_end() before its consumer has been assigned any
  // partition; kafka-python raises there, so the final send to dead_letter_topic is never reached.
  // The same script against librdkafka's mock cluster shows what a Kafka broker makes of it.
  const mock = await startMockCluster();
  let reference;
  try {
    reference = await runProcess(systemPython, ['-u', seedExample('dead_letter.py', mock.bootstrap)], { timeoutMs: 30_000 });
  } finally {
    mock.stop();
  }
  const ours = await runProcess(systemPython, ['-u', seedExample('dead_letter.py', temp.bootstrap)], { timeoutMs: 30_000 });
  const lastLine = (text: string) => text.trim().split('\n').pop();
  expect(reference.timedOut).toBe(false);
  expect({ code: ours.code, stdout: ours.stdout, error: lastLine(ours.stderr) }).toEqual({ code: reference.code, stdout: reference.stdout, error: lastLine(reference.stderr) });
  expect(lastLine(ours.stderr)).toBe('AssertionError: No partitions are currently assigned');
  expect(recordsOf('test_topic').map(({ key, value }) => `${key}=${value}`)).toEqual(Array.from({ length: 10 }, (_, i) => `${i}=${i}`));
  expect(temp.broker.logs.hasTopic('dead_letter_topic')).toBe(false);
}, 90_000);
