/**
 * Copy as code, run: every generated snippet (produce.snippet through the dispatcher) is run by
 * its real client — kafka-python and confluent-kafka-python with /usr/bin/python3, kafkajs with
 * node, kcat with sh — against the app's broker. A produce snippet must store the identical record
 * (key, value, headers, partition, and the timestamp where the client can set one: kcat cannot);
 * a consume snippet must start at the identical position (the first record it prints per
 * partition is the one expected).
 *
 * Codecs are those each client has here without extra packages: kafka-python and kafkajs gzip,
 * librdkafka (confluent-kafka, kcat) all of them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProduceSettings, ProducedRecord, SnippetLanguage, SnippetSubject } from '../../contract';
import { murmur2Partition } from '../produce/murmur2';
import { runProgram, startHostUnderTest, type HostUnderTest } from './host-under-test';

const LANGUAGES: SnippetLanguage[] = ['kafka-python', 'confluent-kafka-python', 'kafkajs', 'kcat'];
const NODE_PATH = join(import.meta.dirname, '../../../node_modules');

interface ProduceCase {
  name: string;
  record: ProducedRecord;
  settings: ProduceSettings;
  /** Codec per language (what that client has here). */
  codec?: Partial<Record<SnippetLanguage, ProduceSettings['compression']>>;
}

const text = (t: string) => ({ text: t, encoding: 'text' as const });

const produceCases: ProduceCase[] = [
  {
    name: 'text with quotes, newlines and non-ASCII; headers (a null one, a repeated name); explicit partition; timestamp; acks=all',
    record: {
      key: text(`it's "k" $HOME \\n ✓`),
      value: { text: '{"msg": "line 1\\nline 2", "quote": "\'", "price": 12.50, "emoji": "😀"}\n', encoding: 'json' },
      headers: [{ key: 'trace-id', value: text('abc=1 %s') }, { key: 'empty', value: text('') }, { key: 'none', value: null }, { key: 'trace-id', value: text('second') }],
      partition: 2,
      timestamp: 1_700_000_123_456,
    },
    settings: { partitioner: 'explicit', compression: 'gzip', acks: -1 },
    codec: { 'confluent-kafka-python': 'zstd', kcat: 'lz4' },
  },
  {
    name: 'bytes that are not UTF-8 (NUL, 0xff) in key, value and a header; murmur2; acks=1',
    record: { key: { text: '00 ff 10 80 0a', encoding: 'hex' }, value: { text: Buffer.from([0, 1, 2, 0xfe, 0xff, 0x1e, 0x1f, 10, 13, 0x27]).toString('base64'), encoding: 'base64' }, headers: [{ key: 'bin', value: { text: 'c3 28 ff 0a', encoding: 'hex' } }], timestamp: 1_600_000_000_000 },
    settings: { partitioner: 'murmur2', compression: 'none', acks: 1 },
    codec: { 'confluent-kafka-python': 'snappy', kcat: 'zstd' },
  },
  {
    name: 'a tombstone (null value) keyed by murmur2',
    record: { key: text('customer-42'), value: null, headers: [] },
    settings: { partitioner: 'murmur2', compression: 'none', acks: -1 },
  },
];

function runnerFor(language: SnippetLanguage, file: string): [string, string[], NodeJS.ProcessEnv] {
  if (language === 'kafkajs') return [process.execPath, [file], { NODE_PATH }];
  if (language === 'kcat') return ['sh', [file], {}];
  return ['/usr/bin/python3', [file], {}];
}

const extension = (language: SnippetLanguage) => (language === 'kafkajs' ? 'cjs' : language === 'kcat' ? 'sh' : 'py');

describe('snippets run by their real clients', () => {
  let test: HostUnderTest;
  let scratch: string;
  let topics = 0;
  beforeAll(async () => {
    test = await startHostUnderTest();
    scratch = mkdtempSync(join(tmpdir(), 'eddy-snippets-'));
  });
  afterAll(async () => {
    await test.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  async function snippetFile(subject: SnippetSubject, language: SnippetLanguage): Promise<string> {
    const { code, bootstrap } = await test.value('produce.snippet', { subject, language });
    expect(bootstrap).toBe(test.bootstrap);
    const file = join(scratch, `snippet-${++topics}.${extension(language)}`);
    writeFileSync(file, code);
    return file;
  }

  for (const language of LANGUAGES) {
    describe(language, () => {
      it.each(produceCases)('produce: $name', async ({ record, settings, codec }) => {
        const topic = `produced-${language}-${++topics}`;
        test.host.broker()!.logs.createTopic(topic, { partitions: 3 });
        const compression = codec?.[language] ?? (settings.compression === 'none' ? 'none' : language === 'kafka-python' || language === 'kafkajs' ? 'gzip' : settings.compression);
        const subject: SnippetSubject = { kind: 'produce', topic, record, settings: { ...settings, compression } };
        const file = await snippetFile(subject, language);
        const [command, args, env] = runnerFor(language, file);
        const run = await runProgram(command, args, { timeoutMs: 45_000, env });
        expect(run.code, `${run.stderr}\n${run.stdout}`).toBe(0);

        // What the app itself would store for this form: the same record.
        const reference = `reference-${topics}`;
        test.host.broker()!.logs.createTopic(reference, { partitions: 3 });
        const [sent] = (await test.value('produce.send', { topic: reference, records: [record], settings: { ...settings, compression } })).outcomes;
        expect(sent.error).toBeNull();
        const expected = test.stored(reference, sent.partition!)[0];

        const found = [0, 1, 2].flatMap((partition) => test.stored(topic, partition).map((stored) => ({ partition, stored })));
        expect(found).toHaveLength(1);
        const [{ partition, stored }] = found;
        expect(stored.key).toEqual(expected.key);
        expect(stored.value).toEqual(expected.value);
        // kafka-python and kafkajs cannot send a null header value: their snippets say so and send it empty.
        const nullAsEmpty = language === 'kafka-python' || language === 'kafkajs';
        const expectedHeaders = expected.headers.map((header) => (header.value === null && nullAsEmpty ? { key: header.key, value: Buffer.alloc(0) } : header));
        if (language === 'kafkajs') {
          // kafkajs groups headers by name (the snippet says so): the same headers, a repeated name's values together, in order.
          const grouped = (headers: typeof stored.headers) => headers.map((header, i) => ({ header, i })).sort((a, b) => (a.header.key < b.header.key ? -1 : a.header.key > b.header.key ? 1 : a.i - b.i)).map(({ header }) => header);
          expect(grouped(stored.headers)).toEqual(grouped(expectedHeaders));
        } else {
          expect(stored.headers).toEqual(expectedHeaders);
        }
        if (settings.partitioner === 'murmur2') expect(partition).toBe(murmur2Partition(expected.key!, 3));
        expect(partition).toBe(sent.partition);
        if (record.timestamp !== undefined && language !== 'kcat') expect(stored.timestamp).toBe(record.timestamp);
        // The clients' snippets print where the record went (kcat's producer prints nothing).
        if (language !== 'kcat') expect(run.stdout).toContain(`partition ${partition} offset`);
      });
    });
  }

  describe('consume from a position', () => {
    const topic = 'positioned';
    const base = 1_700_000_000_000;
    beforeAll(async () => {
      test.host.broker()!.logs.createTopic(topic, { partitions: 3 });
      const records = [0, 1, 2].flatMap((partition) => Array.from({ length: 10 }, (_, i) => ({ key: text(`p${partition}-k${i}`), value: text(`p${partition}-v${i}`), headers: [], partition, timestamp: base + i * 1000 })));
      await test.value('produce.send', { topic, records, settings: { partitioner: 'explicit', compression: 'none', acks: -1 } });
    });

    const firstOffsets = (lines: string[]) => {
      const first = new Map<number, number>();
      for (const line of lines) {
        const match = /^partition (\d+) offset (\d+) /.exec(line);
        if (match && !first.has(Number(match[1]))) first.set(Number(match[1]), Number(match[2]));
      }
      return first;
    };

    const positions: Array<{ name: string; partitions: number[] | null; start: Extract<SnippetSubject, { kind: 'consume' }>['start']; expected: Map<number, number> }> = [
      { name: 'oldest, every partition', partitions: null, start: { from: 'oldest' }, expected: new Map([[0, 0], [1, 0], [2, 0]]) },
      { name: 'offset 5 of partition 1', partitions: [1], start: { from: 'offset', offset: 5 }, expected: new Map([[1, 5]]) },
      { name: 'a time, partitions 0 and 2', partitions: [2, 0], start: { from: 'time', timestamp: base + 6500 }, expected: new Map([[0, 7], [2, 7]]) },
    ];

    for (const language of LANGUAGES) {
      it.each(positions)(`${language}: $name`, async ({ partitions, start, expected }) => {
        const file = await snippetFile({ kind: 'consume', topic, partitions, start }, language);
        const [command, args, env] = runnerFor(language, file);
        const run = await runProgram(command, args, { timeoutMs: 45_000, env, enough: (lines) => firstOffsets(lines).size >= expected.size });
        expect(firstOffsets(run.lines), `${run.stderr}\n${run.stdout}`).toEqual(expected);
        const line = run.lines.find((candidate) => candidate.startsWith(`partition ${[...expected.keys()][0]} offset ${[...expected.values()][0]} `))!;
        expect(line).toContain(`p${[...expected.keys()][0]}-v${[...expected.values()][0]}`);
      });

      it(`${language}: newest — only records produced after it started`, async () => {
        const newest = `newest-${language}`;
        test.host.broker()!.logs.createTopic(newest, { partitions: 1 });
        await test.value('produce.send', { topic: newest, records: Array.from({ length: 5 }, (_, i) => ({ key: null, value: text(`old-${i}`), headers: [], partition: 0 })), settings: { partitioner: 'explicit', compression: 'none', acks: -1 } });
        const file = await snippetFile({ kind: 'consume', topic: newest, partitions: null, start: { from: 'newest' } }, language);
        const [command, args, env] = runnerFor(language, file);
        let n = 0;
        const run = await runProgram(command, args, {
          timeoutMs: 45_000,
          env,
          enough: (lines) => firstOffsets(lines).size > 0,
          whileRunning: async () => {
            await test.value('produce.send', { topic: newest, records: [{ key: null, value: text(`new-${n++}`), headers: [], partition: 0 }], settings: { partitioner: 'explicit', compression: 'none', acks: -1 } });
          },
        });
        const first = firstOffsets(run.lines).get(0);
        expect(first, `${run.stderr}\n${run.stdout}`).toBeGreaterThanOrEqual(5);
      });
    }
  });
});
