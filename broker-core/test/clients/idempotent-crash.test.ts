/**
 * An idempotent producer (confluent-kafka-python, librdkafka 2.0.2, acks=all) keeps producing
 * while the broker process is SIGKILLed and started again on the same port and data directory.
 * librdkafka retries what was in flight with the same producer id and sequence numbers; the
 * restarted broker rebuilds its producers' state from the log (storage/partition-producers.ts), so
 * every retry of a batch it had already written is acknowledged at its original offset, not
 * stored again. In the end every record was delivered, and the log holds each exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchListening } from '../support/broker-output';
import { runProcess, systemPython } from '../support/run-process';
import { tempDataDir } from '../support/temp-broker';

const repo = join(import.meta.dirname, '..', '..', '..');
const RECORDS = 20_000;

// Paced at ~5,000 records/s, so the kill, once a fifth of the records are stored, finds requests in flight.
const produceScript = `
import json, sys, time
from confluent_kafka import Producer
bootstrap, topic, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
producer = Producer({'bootstrap.servers': bootstrap, 'enable.idempotence': True, 'acks': 'all', 'linger.ms': 5,
                     'message.timeout.ms': 120000, 'reconnect.backoff.max.ms': 200, 'log_level': 0})
outcomes = {'ok': 0, 'errors': []}
def report(err, msg):
    if err is None:
        outcomes['ok'] += 1
    else:
        outcomes['errors'].append(str(err))
for i in range(count):
    while True:
        try:
            producer.produce(topic, value=f'm-{i}'.encode(), partition=i % 3, on_delivery=report)
            break
        except BufferError:
            producer.poll(0.05)
    if i % 50 == 49:
        producer.poll(0)
        time.sleep(0.01)
outcomes['remaining'] = producer.flush(120)
print(json.dumps(outcomes))
`;

/** Records stored in the topic's three partitions so far (their high watermarks, from kcat's query mode). */
async function storedRecords(bootstrap: string, topic: string): Promise<number> {
  const query = await runProcess('kcat', ['-Q', '-b', bootstrap, ...[0, 1, 2].flatMap((partition) => ['-t', `${topic}:${partition}:-1`])], { timeoutMs: 10_000 });
  return [...query.stdout.matchAll(/offset (\d+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

interface RunningBroker {
  child: ChildProcess;
  output: () => string;
}

async function startBroker(port: number, dataDir: string): Promise<RunningBroker> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repo, 'broker-core', 'src', 'cli.ts'), '--port', String(port), '--data-dir', dataDir, '--config', 'num.partitions=3'], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { output, listening } = watchListening(child, 'broker');
  await listening;
  return { child, output };
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.on('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('confluent-kafka idempotent producer across a broker crash', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  it('delivers every record exactly once although the broker was SIGKILLed mid-stream', { timeout: 180_000 }, async () => {
    const dataDir = tempDataDir();
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const bootstrap = `127.0.0.1:${port}`;
    const first = await startBroker(port, dataDir);
    cleanups.push(() => first.child.kill('SIGKILL'));

    const producing = runProcess(systemPython, ['-c', produceScript, bootstrap, 'crash-idem', String(RECORDS)], { timeoutMs: 170_000 });
    await expect.poll(() => storedRecords(bootstrap, 'crash-idem'), { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(RECORDS / 5);
    await killed(first.child);
    const second = await startBroker(port, dataDir);
    cleanups.push(() => second.child.kill('SIGKILL'));

    const produced = await producing;
    expect(produced.timedOut, produced.stderr).toBe(false);
    const outcomes = JSON.parse(produced.stdout.trim().split('\n').pop()!) as { ok: number; errors: string[]; remaining: number };
    expect(outcomes).toEqual({ ok: RECORDS, errors: [], remaining: 0 });
    // The kill landed mid-stream: the restarted broker had idempotent appends to take.
    expect(second.output()).toMatch(/crash-idem-\d: rebuilt idempotent producer state from the log \(1 producer/);

    const consumed = await runProcess('kcat', ['-C', '-b', bootstrap, '-t', 'crash-idem', '-e', '-q', '-f', '%s\\n'], { timeoutMs: 60_000 });
    const values = consumed.stdout.split('\n').filter(Boolean);
    const counts = new Map<string, number>();
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
    const duplicated = [...counts].filter(([, count]) => count > 1).map(([value]) => value);
    expect(duplicated.slice(0, 10)).toEqual([]);
    expect(counts.size).toBe(RECORDS);
    expect(values).toHaveLength(RECORDS);
  });
});
