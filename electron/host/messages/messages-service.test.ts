/**
 * The host's `messages.*` methods against a real broker (startBroker on port 0, a temp data dir),
 * called through the dispatcher as the adapters call them: pages from every start position and
 * paging both ways across segments and compressed batches, whole records, searches of every kind
 * (with the real worker thread and the predicate sandbox), cancel, exports, and bad input.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRecordBatch, compressRecordBatch, type CompressionCodec } from '../../../broker-core/src/index';
import type { Decoding, MessageRecord, MethodRequest, PageCursor, RecordPage, SearchProgress } from '../../contract';
import { createHost } from '../create-host';
import { createContractCaller } from '../contract-caller';
import { temporaryExportDestinations } from './record-export';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const auto: Decoding = { key: 'auto', value: 'auto' };

async function startedHost() {
  const dataDir = mkdtempSync(join(tmpdir(), 'eddy-messages-'));
  const exportDir = mkdtempSync(join(tmpdir(), 'eddy-exports-'));
  const host = createHost({ port: 0, dataDir, exportDestinations: temporaryExportDestinations(exportDir, (id, name) => `/exports/${id}/${name}`) });
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  cleanups.push(() => rmSync(exportDir, { recursive: true, force: true }));
  cleanups.push(() => host.stop());
  expect((await host.start()).state).toBe('running');
  const { call, value } = createContractCaller(host.handlers);
  const logs = () => host.broker()!.logs;
  return { host, call, value, logs, exportDir };
}

type Started = Awaited<ReturnType<typeof startedHost>>;

/** Appends `count` JSON records to a partition, `perBatch` per batch, compressed by `codec`. */
async function fill(started: Started, topic: string, partition: number, count: number, options: { perBatch?: number; codec?: CompressionCodec; firstTimestamp?: number } = {}) {
  const perBatch = options.perBatch ?? 10;
  for (let first = 0; first < count; first += perBatch) {
    const records = Array.from({ length: Math.min(perBatch, count - first) }, (_, i) => {
      const n = first + i;
      return { key: Buffer.from(`key-${partition}-${n}`), value: Buffer.from(JSON.stringify({ partition, n, even: n % 2 === 0 })), headers: [{ key: 'n', value: Buffer.from(String(n)) }], timestamp: (options.firstTimestamp ?? 1_700_000_000_000) + n * 1000 };
    });
    const batch = await compressRecordBatch(buildRecordBatch(records), options.codec ?? 'none');
    await started.logs().append(topic, partition, batch, { acks: 1 });
  }
}

const offsets = (page: RecordPage) => page.records.map((record) => `${record.partition}:${record.offset}`);

// Each search starts worker threads (from the TypeScript sources here, through tsx: ~1 s on a busy machine).
describe('messages service', { timeout: 60_000 }, () => {
  it('browses one partition from every start position, and pages both ways over segments and codecs without gaps or repeats', async () => {
    const started = await startedHost();
    started.logs().createTopic('orders', { partitions: 1, configs: { 'segment.bytes': String(4 * 1024) } });
    await fill(started, 'orders', 0, 100, { codec: 'none' });
    await fill(started, 'orders', 0, 100, { codec: 'gzip' });
    await fill(started, 'orders', 0, 100, { codec: 'zstd' });
    expect(started.logs().partitionStats('orders', 0).segments).toBeGreaterThanOrEqual(3);

    const newest = await started.value('messages.browse', { topic: 'orders', partitions: null, start: { from: 'newest' }, limit: 50, decode: auto });
    expect(newest.order).toBe('newest-first');
    expect(newest.records.map((record) => record.offset)).toEqual(Array.from({ length: 50 }, (_, i) => 299 - i));
    expect(newest.records[0]).toMatchObject({ partition: 0, offset: 299, compression: 'zstd', key: { as: 'text', text: 'key-0-99' }, value: { as: 'json', text: '{"partition":0,"n":99,"even":false}' }, headers: [{ key: 'n', value: { as: 'json', text: '99' } }] });

    // Older, older, … until the start: every offset once, in order.
    const seen: number[] = [];
    let page: RecordPage = newest;
    for (;;) {
      seen.push(...page.records.map((record) => record.offset));
      if (!page.older) break;
      page = await started.value('messages.page', { topic: 'orders', cursor: page.older, limit: 50, decode: auto });
    }
    expect(seen).toEqual(Array.from({ length: 300 }, (_, i) => 299 - i));

    const oldest = await started.value('messages.browse', { topic: 'orders', partitions: [0], start: { from: 'oldest' }, limit: 120, decode: auto });
    expect(oldest.order).toBe('oldest-first');
    expect(oldest.records.map((record) => record.offset)).toEqual(Array.from({ length: 120 }, (_, i) => i));
    expect(oldest.older).toBeNull();
    const next = await started.value('messages.page', { topic: 'orders', cursor: oldest.newer!, limit: 120, decode: auto });
    expect(next.records.map((record) => record.offset)).toEqual(Array.from({ length: 120 }, (_, i) => 120 + i));
    expect(next.records.map((record) => record.compression)).toContain('gzip');
    const back = await started.value('messages.page', { topic: 'orders', cursor: next.older!, limit: 120, decode: auto });
    expect(back.records.map((record) => record.offset)).toEqual(Array.from({ length: 120 }, (_, i) => i));

    // Inside a compressed batch: from offset 155 exactly (the batch holding it starts at 150).
    const fromOffset = await started.value('messages.browse', { topic: 'orders', partitions: [0], start: { from: 'offset', offset: 155 }, limit: 3, decode: auto });
    expect(fromOffset.records.map((record) => record.offset)).toEqual([155, 156, 157]);
    // By time: record n of each fill has timestamp base + n s; the first at or after base + 50.5 s is offset 51.
    const byTime = await started.value('messages.browse', { topic: 'orders', partitions: [0], start: { from: 'time', timestamp: 1_700_000_050_500 }, limit: 2, decode: auto });
    expect(byTime.records.map((record) => record.offset)).toEqual([51, 52]);
    // A newer page past the end is empty, and its cursor stays (records may still come).
    const end = await started.value('messages.page', { topic: 'orders', cursor: { toward: 'newer', positions: { 0: 300 }, order: 'oldest-first' }, limit: 10, decode: auto });
    expect(end.records).toEqual([]);
    expect(end.newer).toEqual({ toward: 'newer', positions: { 0: 300 }, order: 'oldest-first' });
  });

  it('merges several partitions by time, each one paged on its own', async () => {
    const started = await startedHost();
    started.logs().createTopic('mixed', { partitions: 3 });
    for (const partition of [0, 1, 2]) await fill(started, 'mixed', partition, 30, { firstTimestamp: 1_700_000_000_000 + partition * 100 });
    const first = await started.value('messages.browse', { topic: 'mixed', partitions: null, start: { from: 'oldest' }, limit: 30, decode: auto });
    expect(first.partitions.map((range) => range.partition)).toEqual([0, 1, 2]);
    expect(first.records).toHaveLength(30);
    const timestamps = first.records.map((record) => record.timestamp);
    expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));
    const all: string[] = [...offsets(first)];
    let cursor: PageCursor | null = first.newer;
    for (let i = 0; i < 10 && cursor; i++) {
      const page: RecordPage = await started.value('messages.page', { topic: 'mixed', cursor, limit: 30, decode: auto });
      if (page.records.length === 0) break;
      all.push(...offsets(page));
      cursor = page.newer;
    }
    expect(all.sort()).toEqual([0, 1, 2].flatMap((partition) => Array.from({ length: 30 }, (_, n) => `${partition}:${n}`)).sort());
    const two = await started.value('messages.browse', { topic: 'mixed', partitions: [2, 0], start: { from: 'newest' }, limit: 4, decode: auto });
    expect(new Set(two.records.map((record) => record.partition))).toEqual(new Set([0, 2]));
  });

  it('decodes keys and values by mode, cuts large values in pages and gives them whole on demand', async () => {
    const started = await startedHost();
    started.logs().createTopic('odd', { partitions: 1 });
    const bigJson = JSON.stringify({ items: Array.from({ length: 60_000 }, (_, i) => `item-${i}`) }); // > 1 MiB
    const records = [
      { key: Buffer.from([0, 0, 0, 0, 0, 0, 0x30, 0x39]), value: Buffer.from([0xff, 0xfe, 0xfd]) },
      { key: null, value: Buffer.from(bigJson) },
      { key: Buffer.from('plain'), value: null, headers: [{ key: 'bin', value: Buffer.from([0x00, 0x01]) }, { key: 'nothing', value: null }] },
    ];
    await started.logs().append('odd', 0, buildRecordBatch(records), { acks: 1 });
    const page = await started.value('messages.browse', { topic: 'odd', partitions: null, start: { from: 'oldest' }, limit: 10, decode: { key: 'long', value: 'auto' } });
    expect(page.records[0].key).toEqual({ as: 'long', text: '12345', bytes: 8, truncated: false });
    expect(page.records[0].value).toMatchObject({ as: 'hex', text: 'ff fe fd' });
    expect(page.records[1].key).toMatchObject({ as: 'null' });
    expect(page.records[1].value).toMatchObject({ as: 'json', truncated: true, bytes: bigJson.length });
    expect(page.records[1].value.text.length).toBeLessThanOrEqual(1000);
    expect(page.records[2].key).toMatchObject({ as: 'error', text: 'not an 8-byte big-endian long: 5 bytes' });
    expect(page.records[2].headers).toEqual([
      { key: 'bin', value: { as: 'hex', text: '00 01', bytes: 2, truncated: false } },
      { key: 'nothing', value: { as: 'null', text: '', bytes: 0, truncated: false } },
    ]);
    const whole = await started.value('messages.get', { topic: 'odd', partition: 0, offset: 1, decode: auto });
    expect(whole.record?.value.truncated).toBe(false);
    expect(JSON.parse(whole.record!.value.text)).toEqual(JSON.parse(bigJson));
    expect(whole.record!.value.text.startsWith('{\n  "items": [\n    "item-0",')).toBe(true);
  });

  it('says in words what is wrong: an unknown topic or partition, and an empty partition is just empty', async () => {
    const started = await startedHost();
    started.logs().createTopic('empty', { partitions: 2 });
    const unknown = await started.call('messages.browse', { topic: 'nope', partitions: null, start: { from: 'newest' }, limit: 10, decode: auto });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'REFUSED', reason: 'UNKNOWN_TOPIC', message: 'topic "nope" does not exist' } });
    const badPartition = await started.call('messages.browse', { topic: 'empty', partitions: [5], start: { from: 'newest' }, limit: 10, decode: auto });
    expect(badPartition).toMatchObject({ ok: false, error: { reason: 'UNKNOWN_PARTITION', message: 'topic "empty" has no partition 5 (it has 2)' } });
    const empty = await started.value('messages.browse', { topic: 'empty', partitions: null, start: { from: 'oldest' }, limit: 10, decode: auto });
    expect(empty.records).toEqual([]);
    // An offset past the end is the end; below the log start (records deleted) is the log start.
    await fill(started, 'empty', 0, 20);
    started.logs().deleteRecords('empty', 0, 10);
    const below = await started.value('messages.browse', { topic: 'empty', partitions: [0], start: { from: 'offset', offset: 3 }, limit: 2, decode: auto });
    expect(below.records.map((record) => record.offset)).toEqual([10, 11]);
    const past = await started.value('messages.browse', { topic: 'empty', partitions: [0], start: { from: 'offset', offset: 500 }, limit: 2, decode: auto });
    expect(past.records).toEqual([]);
  });

  async function searchAll(started: Started, request: MethodRequest<'messages.searchStart'>): Promise<{ matches: MessageRecord[]; progress: SearchProgress }> {
    const { searchId } = await started.value('messages.searchStart', request);
    const matches: MessageRecord[] = [];
    for (;;) {
      const polled = await started.value('messages.searchPoll', { searchId, after: matches.length, waitMs: 1000 });
      matches.push(...polled.matches);
      if (polled.progress.state !== 'running' && polled.matches.length === 0) return { matches, progress: polled.progress };
    }
  }

  it('searches with each kind of filter, combined, in a worker', async () => {
    const started = await startedHost();
    started.logs().createTopic('search', { partitions: 2 });
    for (const partition of [0, 1]) await fill(started, 'search', partition, 500, { codec: partition === 0 ? 'lz4' : 'snappy' });
    const range = { topic: 'search', partitions: null, start: { from: 'oldest' as const }, end: { to: 'newest' as const }, decode: auto, limit: 10_000 };
    const contains = await searchAll(started, { ...range, filters: [{ kind: 'contains', field: 'key', text: 'KEY-1-49', caseSensitive: false }] });
    expect(contains.matches.map((match) => match.key.text).sort()).toEqual(['key-1-49', 'key-1-490', 'key-1-491', 'key-1-492', 'key-1-493', 'key-1-494', 'key-1-495', 'key-1-496', 'key-1-497', 'key-1-498', 'key-1-499']);
    expect(contains.progress).toMatchObject({ state: 'done', scanned: 1000, total: 1000, matched: 11, limited: false });
    const regex = await searchAll(started, { ...range, filters: [{ kind: 'regex', field: 'header', header: 'n', pattern: '^7\\d$', flags: '' }] });
    expect(regex.matches).toHaveLength(20);
    const path = await searchAll(started, { ...range, filters: [{ kind: 'jsonPath', path: '$.n', equals: '123' }] });
    expect(path.matches.map((match) => `${match.partition}:${match.offset}`).sort()).toEqual(['0:123', '1:123']);
    const predicate = await searchAll(started, { ...range, filters: [{ kind: 'predicate', source: '(r) => r.value.even && r.value.n > 490 && r.partition === 0' }] });
    expect(predicate.matches.map((match) => match.offset).sort((a, b) => a - b)).toEqual([492, 494, 496, 498]);
    const combined = await searchAll(started, { ...range, filters: [{ kind: 'contains', field: 'value', text: '"even":true', caseSensitive: true }, { kind: 'predicate', source: '(r) => r.value.n < 6' }] });
    expect(combined.matches).toHaveLength(6);
    const limited = await searchAll(started, { ...range, limit: 7, filters: [{ kind: 'contains', field: 'key', text: 'key', caseSensitive: true }] });
    expect(limited.matches).toHaveLength(7);
    expect(limited.progress).toMatchObject({ state: 'done', limited: true, matched: 7 });
  });

  it('reports a predicate that throws or loops with the record, refuses bad filters up front, and cancels', async () => {
    const started = await startedHost();
    started.logs().createTopic('bad', { partitions: 1 });
    await fill(started, 'bad', 0, 200);
    const range = { topic: 'bad', partitions: null, start: { from: 'oldest' as const }, end: { to: 'newest' as const }, decode: auto, limit: 100 };
    const throws = await searchAll(started, { ...range, filters: [{ kind: 'predicate', source: '(r) => { if (r.value.n === 42) throw new Error("no 42"); return false; }' }] });
    expect(throws.progress.state).toBe('failed');
    expect(throws.progress.error).toBe('the predicate threw Error: no 42 on the record at partition 0, offset 42');
    const loops = await searchAll(started, { ...range, filters: [{ kind: 'predicate', source: '(r) => { while (r.value.n === 7) {} return false; }' }] });
    expect(loops.progress.error).toMatch(/^the predicate did not finish within \d+ ms on the record at partition 0, offset 7$/);
    const syntax = await started.call('messages.searchStart', { ...range, filters: [{ kind: 'predicate', source: '(r) => r.value.' }] });
    expect(syntax).toMatchObject({ ok: false, error: { code: 'REFUSED', reason: 'INVALID_PREDICATE' } });
    expect(syntax.ok === false && syntax.error.message).toMatch(/^the predicate does not compile: SyntaxError/);
    const regex = await started.call('messages.searchStart', { ...range, filters: [{ kind: 'regex', field: 'value', pattern: '[', flags: '' }] });
    expect(regex).toMatchObject({ ok: false, error: { reason: 'INVALID_FILTER' } });

    await fill(started, 'bad', 0, 20_000, { perBatch: 500 });
    const { searchId } = await started.value('messages.searchStart', { ...range, filters: [{ kind: 'predicate', source: '(r) => false' }] });
    const cancelled = await started.value('messages.searchCancel', { searchId });
    expect(cancelled.state).toBe('cancelled');
    const after = await started.value('messages.searchPoll', { searchId, after: 0, waitMs: 0 });
    expect(after.progress.state).toBe('cancelled');
    expect(after.progress.scanned).toBeLessThan(20_200);
  });

  it('fails a search whose topic is deleted while it runs, saying so', async () => {
    const started = await startedHost();
    started.logs().createTopic('doomed', { partitions: 1 });
    await fill(started, 'doomed', 0, 200_000, { perBatch: 1000 });
    const { searchId } = await started.value('messages.searchStart', { topic: 'doomed', partitions: null, start: { from: 'oldest' }, end: { to: 'newest' }, decode: auto, limit: 10, filters: [{ kind: 'predicate', source: '(r) => false' }] });
    started.logs().deleteTopic('doomed');
    let progress: SearchProgress;
    do progress = (await started.value('messages.searchPoll', { searchId, after: 0, waitMs: 500 })).progress;
    while (progress.state === 'running');
    expect(progress.state).toBe('failed');
    expect(progress.error).toMatch(/doomed.*(does not exist|deleted)/);
  });

  it('exports the matching records whole, as JSON Lines and as CSV', async () => {
    const started = await startedHost();
    started.logs().createTopic('out', { partitions: 1 });
    const big = 'x'.repeat(5000);
    await started.logs().append('out', 0, buildRecordBatch([
      { key: Buffer.from('a'), value: Buffer.from('{"n":1,\n"text":"multi\\nline"}'), headers: [{ key: 'h', value: Buffer.from('v,1') }] },
      { key: null, value: Buffer.from(big) },
      { key: Buffer.from([0xff]), value: null },
    ]), { acks: 1 });
    const request = { topic: 'out', partitions: null, start: { from: 'oldest' as const }, end: { to: 'newest' as const }, decode: auto, limit: 100, filters: [] };
    const exported = async (format: 'jsonl' | 'csv', limit = 100) => {
      const { exportId, started: began } = await started.value('messages.exportStart', { ...request, format, limit });
      expect(began).toBe(true);
      let progress;
      do progress = await started.value('messages.exportPoll', { exportId: exportId!, waitMs: 1000 });
      while (progress.state === 'running');
      expect(progress).toMatchObject({ state: 'done', written: Math.min(3, limit), downloadUrl: `/exports/${exportId}/out.${format}` });
      const file = started.host.exportFile(exportId!);
      expect(file?.name).toBe(`out.${format}`);
      return readFileSync(file!.path, 'utf8');
    };
    const lines = (await exported('jsonl')).trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines[0]).toMatchObject({ partition: 0, offset: 0, key: 'a', keyEncoding: 'text', value: { n: 1, text: 'multi\nline' }, valueEncoding: 'json', headers: [{ key: 'h', value: 'v,1' }] });
    expect(lines[1]).toMatchObject({ offset: 1, key: null, value: big, valueEncoding: 'text' });
    expect(lines[2]).toMatchObject({ key: 'ff', keyEncoding: 'hex', value: null });
    const csv = await exported('csv');
    const rows = csv.split('\r\n');
    expect(rows[0]).toBe('partition,offset,timestamp,timestampType,key,value,headers');
    expect(rows[1]).toMatch(/^0,0,\d+,CreateTime,a,"{""n"":1,\n""text"":""multi\\nline""}","{""h"":""v,1""}"$/);
    expect(rows[2]).toMatch(new RegExp(`^0,1,\\d+,CreateTime,,${big},\\{\\}$`));
    // A limit inside a chunk cuts at a whole record (the first CSV record spans two lines).
    const two = (await exported('csv', 2)).split('\r\n');
    expect(two).toHaveLength(4); // the header, two records, and the empty rest after the last line break
    expect(two[2]).toMatch(/^0,1,/);
  });
});
