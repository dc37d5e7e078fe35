/**
 * The Messages view's work in the built app: a search runs in the bundled worker thread
 * (dist/workers/search-worker.js, started by dist/main/index.js), and an export asks where to save
 * in the platform's save dialog first (a cancel starts nothing) and then writes the file chosen.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterEach, expect, it } from 'vitest';
import type { ContractResult, ExportProgress, SearchProgress } from '../contract';
import { launchApp, loopbackPort, type LaunchedApp } from './launched-app';

let app: LaunchedApp | null = null;
const scratch: string[] = [];
afterEach(async () => {
  await app?.dispose();
  app = null;
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function appWithRecords(env: Record<string, string> = {}): Promise<LaunchedApp> {
  app = launchApp({ env });
  await app.main.ready();
  const port = loopbackPort(await app.running());
  const kafka = new Kafka({ clientId: 'shell-messages', brokers: [`localhost:${port}`], logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: 'orders', messages: Array.from({ length: 200 }, (_, i) => ({ key: `k${i}`, value: JSON.stringify({ n: i }) })) });
  await producer.disconnect();
  return app;
}

function value<T>(result: ContractResult<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const range = { topic: 'orders', partitions: null, start: { from: 'oldest' }, end: { to: 'newest' }, decode: { key: 'auto', value: 'auto' } };

it('runs a search in the bundled worker thread', async () => {
  const launched = await appWithRecords();
  expect(existsSync(join(launched.appDir, 'dist/workers/search-worker.js'))).toBe(true);
  const { searchId } = value<{ searchId: string }>(await launched.call('messages.searchStart', { ...range, limit: 10, filters: [{ kind: 'predicate', source: '(r) => r.value.n % 50 === 7' }] }));
  let progress: SearchProgress;
  let matches: Array<{ offset: number }> = [];
  do {
    const polled = value<{ matches: Array<{ offset: number }>; progress: SearchProgress }>(await launched.call('messages.searchPoll', { searchId, after: matches.length, waitMs: 1000 }));
    matches = [...matches, ...polled.matches];
    progress = polled.progress;
  } while (progress.state === 'running');
  expect(progress).toMatchObject({ state: 'done', scanned: 200, matched: 4, error: null });
  expect(matches.map((match) => match.offset)).toEqual([7, 57, 107, 157]);
});

it('asks where to save an export; a cancel starts nothing, a file chosen gets the records', async () => {
  const cancelled = await appWithRecords();
  expect(value(await cancelled.call('messages.exportStart', { ...range, filters: [], format: 'jsonl', limit: 1000 }))).toEqual({ exportId: null, started: false });
  const asked = (await cancelled.main.calls()).filter((call) => call.target === 'dialog' && call.method === 'showSaveDialog');
  expect(asked).toHaveLength(1);
  expect(String((asked[0].args[0] as { defaultPath: string }).defaultPath).endsWith('orders.jsonl')).toBe(true);
  await cancelled.dispose();
  app = null;

  const dir = mkdtempSync(join(tmpdir(), 'eddy-shell-export-'));
  scratch.push(dir);
  const chosen = join(dir, 'picked.jsonl');
  const launched = await appWithRecords({ EDDY_STAND_IN_SAVE_PATH: chosen });
  const { exportId } = value<{ exportId: string }>(await launched.call('messages.exportStart', { ...range, filters: [], format: 'jsonl', limit: 1000 }));
  let progress: ExportProgress;
  do progress = value<ExportProgress>(await launched.call('messages.exportPoll', { exportId, waitMs: 1000 }));
  while (progress.state === 'running');
  expect(progress).toMatchObject({ state: 'done', written: 200, path: chosen, downloadUrl: null });
  const lines = readFileSync(chosen, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
  expect(lines.map((line) => line.value.n)).toEqual(Array.from({ length: 200 }, (_, i) => i));
});
