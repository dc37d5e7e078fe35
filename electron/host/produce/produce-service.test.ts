/**
 * The host's `produce.*` methods against a real broker (startBroker on port 0, a temp data dir),
 * called through the dispatcher as the adapters call them: sends with each partitioner, codec and
 * acks; bad input (a record over max.message.bytes beside good ones, a partition the topic does
 * not have, invalid JSON, text UTF-8 cannot carry, non-UTF-8 header bytes given as hex/base64);
 * bulk with exact counts (cancelled, and with its topic deleted midway); JSON Lines import with
 * bad lines; copy to topic; templates across a host restart; snippets with the broker's address.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readStoredRecords, type StoredRecord } from '../../../broker-core/src/index';
import type { JobProgress, ProduceSettings, ProducedRecord } from '../../contract';
import { createHost } from '../create-host';
import { createContractCaller } from '../contract-caller';
import { murmur2Partition } from './murmur2';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function startedHost(dirs?: { dataDir: string; stateDir: string }, config?: Record<string, string>) {
  const dataDir = dirs?.dataDir ?? mkdtempSync(join(tmpdir(), 'eddy-produce-'));
  const stateDir = dirs?.stateDir ?? mkdtempSync(join(tmpdir(), 'eddy-produce-state-'));
  const host = createHost({ port: 0, dataDir, stateDir, config });
  if (!dirs) {
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    cleanups.push(() => rmSync(stateDir, { recursive: true, force: true }));
  }
  cleanups.push(() => host.stop());
  expect((await host.start()).state).toBe('running');
  const { call, value } = createContractCaller(host.handlers);
  const logs = () => host.broker()!.logs;
  /** Every record stored in a partition, in order. */
  const stored = (topic: string, partition: number): StoredRecord[] => {
    const records: StoredRecord[] = [];
    for (let offset = 0; ; ) {
      const read = logs().read(topic, partition, offset, 8 << 20);
      if (read.records.length === 0) return records;
      const decoded = readStoredRecords(read.records, { fromOffset: offset });
      records.push(...decoded.records);
      offset = decoded.nextOffset;
    }
  };
  const count = (topic: string) => logs().describeTopic(topic).partitions;
  const total = (topic: string) => Array.from({ length: count(topic) }, (_, p) => logs().partitionStats(topic, p).highWatermark).reduce((a, b) => a + b, 0);
  const untilEnded = async (jobId: string): Promise<JobProgress> => {
    for (;;) {
      const progress = await value('produce.jobPoll', { jobId, waitMs: 2000 });
      if (progress.state !== 'running') return progress;
    }
  };
  return { host, call, value, logs, stored, total, untilEnded, dataDir, stateDir };
}

const text = (t: string) => ({ text: t, encoding: 'text' as const });
const settings = (overrides: Partial<ProduceSettings> = {}): ProduceSettings => ({ partitioner: 'murmur2', compression: 'none', acks: -1, ...overrides });
const record = (key: string | null, value: string, extra: Partial<ProducedRecord> = {}): ProducedRecord => ({ key: key === null ? null : text(key), value: text(value), headers: [], ...extra });

describe('produce service', { timeout: 60_000 }, () => {
  it('sends with each partitioner: murmur2 as Kafka hashes keys, round-robin, random, explicit', async () => {
    const started = await startedHost();
    started.logs().createTopic('orders', { partitions: 7 });
    const keys = Array.from({ length: 50 }, (_, i) => `customer-${i}`);
    const hashed = await started.value('produce.send', { topic: 'orders', records: keys.map((key) => record(key, `v-${key}`)), settings: settings() });
    hashed.outcomes.forEach((outcome, i) => {
      expect(outcome).toMatchObject({ partition: murmur2Partition(Buffer.from(keys[i]), 7), error: null });
      const [stored] = started.stored('orders', outcome.partition!).filter((r) => r.offset === outcome.offset);
      expect(stored.key!.toString()).toBe(keys[i]);
    });

    const roundRobin = await started.value('produce.send', { topic: 'orders', records: Array.from({ length: 9 }, (_, i) => record('same', `rr-${i}`)), settings: settings({ partitioner: 'round-robin' }) });
    expect(roundRobin.outcomes.map((o) => o.partition)).toEqual([0, 1, 2, 3, 4, 5, 6, 0, 1]);
    const more = await started.value('produce.send', { topic: 'orders', records: [record('same', 'rr-9')], settings: settings({ partitioner: 'round-robin' }) });
    expect(more.outcomes[0].partition).toBe(2); // goes on across sends

    const random = await started.value('produce.send', { topic: 'orders', records: Array.from({ length: 200 }, (_, i) => record(null, `r-${i}`)), settings: settings({ partitioner: 'random' }) });
    expect(new Set(random.outcomes.map((o) => o.partition)).size).toBe(7);

    const explicit = await started.value('produce.send', { topic: 'orders', records: [record('a', 'x', { partition: 3 }), record('b', 'y', { partition: 5 })], settings: settings({ partitioner: 'explicit' }) });
    expect(explicit.outcomes.map((o) => o.partition)).toEqual([3, 5]);
    expect(started.total('orders')).toBe(50 + 10 + 200 + 2);
  });

  it('sends with each codec and acks, keeping key, value, headers and timestamp', async () => {
    const started = await startedHost();
    started.logs().createTopic('codecs', { partitions: 1 });
    let expectedOffset = 0;
    for (const compression of ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const) {
      for (const acks of [-1, 1, 0] as const) {
        const records: ProducedRecord[] = Array.from({ length: 3 }, (_, i) => ({
          key: text(`${compression}/${acks}/${i}`),
          value: { text: JSON.stringify({ compression, acks, i, pad: 'x'.repeat(200) }), encoding: 'json' },
          headers: [{ key: 'codec', value: text(compression) }, { key: 'nothing', value: null }],
          partition: 0,
          timestamp: 1_700_000_000_000 + i,
        }));
        const sent = await started.value('produce.send', { topic: 'codecs', records, settings: settings({ compression, acks, partitioner: 'explicit' }) });
        expect(sent.outcomes).toEqual([0, 1, 2].map((i) => ({ partition: 0, offset: acks === 0 ? null : expectedOffset + i, error: null })));
        expectedOffset += 3;
      }
    }
    const all = started.stored('codecs', 0);
    expect(all).toHaveLength(45);
    for (const stored of all) {
      const [compression, acks, i] = stored.key!.toString().split('/');
      expect(stored.compression).toBe(compression);
      expect(JSON.parse(stored.value!.toString())).toMatchObject({ compression, acks: Number(acks), i: Number(i) });
      expect(stored.headers).toEqual([{ key: 'codec', value: Buffer.from(compression) }, { key: 'nothing', value: null }]);
      expect(stored.timestamp).toBe(1_700_000_000_000 + Number(i));
    }
  });

  it('refuses bad records one by one and stores the others: too large, no such partition, bad JSON, text UTF-8 cannot carry', async () => {
    const started = await startedHost(undefined, { 'message.max.bytes': '10000' });
    started.logs().createTopic('strict', { partitions: 2 });
    const records: ProducedRecord[] = [
      record('ok-1', 'small', { partition: 0 }),
      record('big', 'x'.repeat(20_000), { partition: 0 }),
      record('ok-2', 'small', { partition: 0 }),
      record('nowhere', 'v', { partition: 5 }),
      { key: text('json'), value: { text: '{"a": 1,', encoding: 'json' }, headers: [], partition: 1 },
      { key: text('lone'), value: text('v'), headers: [{ key: 'h', value: text('bad \uD800 text') }], partition: 1 },
      { key: text('no-partition'), value: text('v'), headers: [] },
      { key: text('bytes'), value: text('v'), headers: [{ key: 'bin', value: { text: 'ff fe 00 80', encoding: 'hex' } }, { key: 'b64', value: { text: '/+AA', encoding: 'base64' } }], partition: 1 },
    ];
    const { outcomes } = await started.value('produce.send', { topic: 'strict', records, settings: settings({ partitioner: 'explicit' }) });
    expect(outcomes[0]).toEqual({ partition: 0, offset: 0, error: null });
    expect(outcomes[1].offset).toBeNull();
    expect(outcomes[1].error).toMatch(/^not stored: 20,\d{3} bytes is over strict's max\.message\.bytes of 10,000$/);
    expect(outcomes[2]).toEqual({ partition: 0, offset: 1, error: null });
    expect(outcomes[3]).toEqual({ partition: 5, offset: null, error: 'not sent: partition 5 does not exist: topic "strict" has 2 partitions (0 to 1)' });
    expect(outcomes[4].error).toMatch(/^not sent: value is not valid JSON: /);
    expect(outcomes[5].error).toBe('not sent: header "h" value is not valid Unicode text (a lone surrogate U+D800 at character 5), so it has no UTF-8 form: give its bytes as hex or base64');
    expect(outcomes[6].error).toBe('not sent: no partition given: the explicit partitioner sends each record to the partition it names');
    expect(outcomes[7]).toEqual({ partition: 1, offset: 0, error: null });
    expect(started.stored('strict', 0).map((r) => r.key!.toString())).toEqual(['ok-1', 'ok-2']);
    const [bytes] = started.stored('strict', 1);
    expect(bytes.headers).toEqual([{ key: 'bin', value: Buffer.from([0xff, 0xfe, 0x00, 0x80]) }, { key: 'b64', value: Buffer.from([0xff, 0xe0, 0x00]) }]);

    const unknown = await started.call('produce.send', { topic: 'missing', records: [record('k', 'v')], settings: settings() });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'REFUSED', reason: 'UNKNOWN_TOPIC', message: 'topic "missing" does not exist' } });
  });

  it('bulk: sends exactly the count from a template with placeholders, at a rate when asked', async () => {
    const started = await startedHost();
    started.logs().createTopic('bulk', { partitions: 3 });
    const template: ProducedRecord = { key: text('k-{{index}}'), value: { text: '{"n": {{index}}, "color": "{{pick red green}}", "r": {{randomInt 1 6}}, "id": "{{uuid}}"}', encoding: 'json' }, headers: [{ key: 'at', value: text('{{timestamp}}') }] };
    const { jobId } = await started.value('produce.bulkStart', { topic: 'bulk', template, settings: settings({ compression: 'lz4' }), count: 25_000, ratePerSecond: null });
    const done = await started.untilEnded(jobId);
    expect(done).toMatchObject({ state: 'done', sent: 25_000, failed: 0, total: 25_000, error: null });
    expect(started.total('bulk')).toBe(25_000);
    const records = [0, 1, 2].flatMap((p) => started.stored('bulk', p).map((r) => ({ p, r })));
    const numbers = records.map(({ r }) => JSON.parse(r.value!.toString()).n as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 25_000 }, (_, i) => i));
    for (const { p, r } of records.slice(0, 500)) {
      expect(p).toBe(murmur2Partition(r.key!, 3));
      const value = JSON.parse(r.value!.toString());
      expect(['red', 'green']).toContain(value.color);
      expect(value.r).toBeGreaterThanOrEqual(1);
      expect(value.r).toBeLessThanOrEqual(6);
      expect(r.key!.toString()).toBe(`k-${value.n}`);
      expect(r.compression).toBe('lz4');
    }

    const startedAt = performance.now();
    const paced = await started.value('produce.bulkStart', { topic: 'bulk', template, settings: settings(), count: 300, ratePerSecond: 1000 });
    expect(await started.untilEnded(paced.jobId)).toMatchObject({ state: 'done', sent: 300 });
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(295); // 300 records at 1,000 a second

    const bad = await started.call('produce.bulkStart', { topic: 'bulk', template: { ...template, value: { text: '{{nope}}', encoding: 'text' } }, settings: settings(), count: 10, ratePerSecond: null });
    expect(bad).toMatchObject({ ok: false, error: { reason: 'INVALID_TEMPLATE', message: expect.stringContaining('{{nope}} in value is not a placeholder') } });
    const badJson = await started.call('produce.bulkStart', { topic: 'bulk', template: { ...template, value: { text: '{"n": {{index}', encoding: 'json' } }, settings: settings(), count: 10, ratePerSecond: null });
    expect(badJson).toMatchObject({ ok: false, error: { reason: 'INVALID_VALUE', message: expect.stringContaining('value is not valid JSON') } });
  });

  it('bulk cancel: stops between batches and reports exactly what the log holds', async () => {
    const started = await startedHost();
    started.logs().createTopic('cancelled', { partitions: 2 });
    const { jobId } = await started.value('produce.bulkStart', { topic: 'cancelled', template: record('k{{index}}', 'v{{index}}'), settings: settings(), count: 100_000_000, ratePerSecond: null });
    while ((await started.value('produce.jobPoll', { jobId, waitMs: 0 })).sent < 20_000) await new Promise((resolve) => setTimeout(resolve, 10));
    const cancelled = await started.value('produce.jobCancel', { jobId });
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.sent).toBeGreaterThanOrEqual(20_000);
    expect(cancelled.sent).toBe(started.total('cancelled'));
    expect(cancelled.error).toBe(`cancelled: ${cancelled.sent.toLocaleString('en-US')} of 100,000,000 records were stored`);
    expect(await started.value('produce.jobPoll', { jobId, waitMs: 0 })).toMatchObject({ state: 'cancelled', sent: cancelled.sent });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(started.total('cancelled')).toBe(cancelled.sent); // nothing arrives after the cancel answered
  });

  it('bulk with its topic deleted midway: fails saying so, with the count stored before', async () => {
    const started = await startedHost();
    started.logs().createTopic('doomed', { partitions: 1 });
    const { jobId } = await started.value('produce.bulkStart', { topic: 'doomed', template: record(null, 'v{{index}}'), settings: settings({ acks: 1 }), count: 100_000_000, ratePerSecond: null });
    while ((await started.value('produce.jobPoll', { jobId, waitMs: 0 })).sent < 10_000) await new Promise((resolve) => setTimeout(resolve, 5));
    const before = started.logs().partitionStats('doomed', 0).highWatermark;
    started.logs().deleteTopic('doomed');
    const ended = await started.untilEnded(jobId);
    expect(ended.state).toBe('failed');
    // Exactly what the log held when it went: appends written before the delete, none after.
    expect(ended.sent).toBe(before);
    expect(ended.error).toBe(`topic "doomed" was deleted while sending: ${before.toLocaleString('en-US')} records were stored before it`);
  });

  it('imports JSON Lines: bad lines reported by number, good ones sent', async () => {
    const started = await startedHost();
    started.logs().createTopic('imported', { partitions: 2 });
    const { jobId } = await started.value('produce.importStart', { topic: 'imported', settings: settings() });
    const lines = [
      '{"key": "a", "value": {"n": 1}, "headers": {"h": "1"}}',
      'not json',
      '{"key": "b", "value": "two", "partition": 1, "timestamp": 1700000000000}',
      '',
      '{"key": "c", "partition": 9}',
      '{"key": "d", "value": "ff00", "valueEncoding": "hex", "partition": 0}',
    ];
    expect(await started.value('produce.importLines', { jobId, firstLine: 1, lines: lines.slice(0, 3) })).toEqual({ accepted: true });
    expect(await started.value('produce.importLines', { jobId, firstLine: 4, lines: lines.slice(3) })).toEqual({ accepted: true });
    const ended = await started.value('produce.importEnd', { jobId });
    expect(ended).toMatchObject({ state: 'done', sent: 3, failed: 0, total: 6, badLineCount: 2 });
    expect(ended.badLines).toEqual([
      { line: 2, reason: expect.stringMatching(/^not JSON: /) },
      { line: 5, reason: 'partition 9 does not exist: topic "imported" has 2 partitions (0 to 1)' },
    ]);
    const one = started.stored('imported', 1);
    expect(one.find((r) => r.key!.toString() === 'b')).toMatchObject({ timestamp: 1_700_000_000_000 });
    const zero = started.stored('imported', 0);
    expect(zero.find((r) => r.key!.toString() === 'd')!.value).toEqual(Buffer.from([0xff, 0x00]));
    const a = [...zero, ...one].find((r) => r.key!.toString() === 'a')!;
    expect(a.value!.toString()).toBe('{"n": 1}');
    expect(await started.value('produce.importLines', { jobId, firstLine: 7, lines: ['{}'] })).toEqual({ accepted: false });
  });

  it('copies chosen records to another topic, keeping key, value, headers and timestamp', async () => {
    const started = await startedHost();
    started.logs().createTopic('source', { partitions: 2 });
    started.logs().createTopic('target', { partitions: 2 });
    const records = Array.from({ length: 40 }, (_, i) => ({ ...record(`k${i}`, `v${i}`, { partition: i % 2, timestamp: 1_600_000_000_000 + i }), headers: [{ key: 'i', value: text(String(i)) }] }));
    await started.value('produce.send', { topic: 'source', records, settings: settings({ partitioner: 'explicit', compression: 'gzip' }) });
    const chosen = [
      { partition: 0, offset: 3 },
      { partition: 1, offset: 0 },
      { partition: 0, offset: 19 },
      { partition: 0, offset: 500 },
    ];
    const { jobId } = await started.value('produce.copyStart', { from: { topic: 'source', records: chosen }, to: { topic: 'target', settings: settings({ partitioner: 'explicit' }) } });
    const ended = await started.untilEnded(jobId);
    expect(ended).toMatchObject({ state: 'done', sent: 3, failed: 1, total: 4 });
    expect(ended.error).toContain('1 chosen record is no longer there (retention, deleted records, or past the end): source-0@500');
    const copied = [...started.stored('target', 0), ...started.stored('target', 1)].map((r) => ({ key: r.key!.toString(), value: r.value!.toString(), timestamp: r.timestamp, headers: r.headers.map((h) => `${h.key}=${h.value}`) }));
    expect(copied).toEqual([
      { key: 'k6', value: 'v6', timestamp: 1_600_000_000_006, headers: ['i=6'] },
      { key: 'k38', value: 'v38', timestamp: 1_600_000_000_038, headers: ['i=38'] },
      { key: 'k1', value: 'v1', timestamp: 1_600_000_000_001, headers: ['i=1'] },
    ]);
  });

  it('keeps templates per topic across a host restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'eddy-produce-'));
    const stateDir = mkdtempSync(join(tmpdir(), 'eddy-produce-state-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    cleanups.push(() => rmSync(stateDir, { recursive: true, force: true }));
    const first = await startedHost({ dataDir, stateDir });
    const template = record('k-{{index}}', 'v');
    await first.value('produce.templateSave', { topic: 'orders', name: 'keyed', template, settings: settings({ compression: 'zstd' }) });
    await first.value('produce.templateSave', { topic: 'orders', name: 'another', template, settings: settings() });
    await first.host.stop();
    const second = await startedHost({ dataDir, stateDir });
    const { templates } = await second.value('produce.templatesList', { topic: 'orders' });
    expect(templates.map((t) => [t.name, t.settings.compression])).toEqual([
      ['another', 'none'],
      ['keyed', 'zstd'],
    ]);
    expect(templates[1].template).toEqual(template);
    expect((await second.value('produce.templateDelete', { topic: 'orders', name: 'keyed' })).templates).toHaveLength(1);
    expect((await second.value('produce.templatesList', { topic: 'other' })).templates).toEqual([]);
  });

  it('gives snippets with the running broker’s address, and refuses a form the form would refuse', async () => {
    const started = await startedHost();
    const address = started.host.status().address!;
    const snippet = await started.value('produce.snippet', { subject: { kind: 'produce', topic: 'orders', record: record('k', 'v'), settings: settings() }, language: 'kafka-python' });
    expect(snippet.bootstrap).toBe(address);
    expect(snippet.code).toContain(`bootstrap_servers="${address}"`);
    const refused = await started.call('produce.snippet', { subject: { kind: 'produce', topic: 'orders', record: { ...record('k', 'v'), value: { text: '{', encoding: 'json' } }, settings: settings() }, language: 'kcat' });
    expect(refused).toMatchObject({ ok: false, error: { reason: 'INVALID_VALUE' } });
  });
});
