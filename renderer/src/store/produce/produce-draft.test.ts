import { describe, expect, it } from 'vitest';
import type { DecodedField, MessageRecord } from '../../../../electron/contract';
import { bulkSizeOf, draftOfTemplate, emptyDraft, fieldProblem, headerDraft, recordOf, samplePlaceholders, type ProduceDraft } from './produce-draft';
import { draftOfRecord, fieldsToRead } from './record-draft';
import { lineSlices } from './line-slices';

const draft = (patch: Partial<ProduceDraft>): ProduceDraft => ({ ...emptyDraft(), ...patch });
const field = (as: DecodedField['as'], text: string, truncated = false): DecodedField => ({ as, text, bytes: text.length, truncated });

function record(overrides: Partial<MessageRecord> = {}): MessageRecord {
  return {
    partition: 2,
    offset: 41,
    timestamp: 1_700_000_000_000,
    timestampType: 'CreateTime',
    key: field('text', 'order-41'),
    value: field('json', '{"n":41}'),
    headers: [{ key: 'trace', value: field('text', 'abc') }],
    size: 60,
    producerId: -1,
    producerEpoch: -1,
    sequence: -1,
    compression: 'none',
    ...overrides,
  };
}

describe('the produce form', () => {
  it('builds the record it stands for, with null fields, headers, an explicit partition and a time', () => {
    const header = headerDraft('trace', { text: 'ff 00', encoding: 'hex', isNull: false });
    const built = recordOf(
      draft({
        key: { text: 'k', encoding: 'text', isNull: false },
        value: { text: '{"a": 1}', encoding: 'json', isNull: false },
        headers: [header],
        partition: '3',
        timestamp: '2024-05-01T10:00:00',
        settings: { partitioner: 'explicit', compression: 'gzip', acks: 1 },
      }),
    );
    expect(built).toEqual({
      record: {
        key: { text: 'k', encoding: 'text' },
        value: { text: '{"a": 1}', encoding: 'json' },
        headers: [{ key: 'trace', value: { text: 'ff 00', encoding: 'hex' } }],
        partition: 3,
        timestamp: new Date('2024-05-01T10:00:00').getTime(),
      },
    });
    expect(recordOf(draft({ value: { text: 'x', encoding: 'json', isNull: true } }))).toEqual({ record: { key: null, value: null, headers: [] } });
  });

  it('says what is wrong, field by field', () => {
    const header = headerDraft('', { text: 'zz', encoding: 'hex', isNull: false });
    const built = recordOf(draft({ value: { text: '{"a": }', encoding: 'json', isNull: false }, headers: [header], partition: 'two', settings: { partitioner: 'explicit', compression: 'none', acks: -1 } }));
    expect('problems' in built && built.problems).toEqual({
      value: expect.stringMatching(/^The value is not valid JSON: /),
      [`header-key:${header.id}`]: 'A header needs a key.',
      [`header:${header.id}`]: 'The value of header "" is not hex: use the digits 0-9 and a-f (spaces are ignored).',
      partition: 'The partition is a whole number, 0 or more.',
    });
    expect(fieldProblem({ text: 'abc', encoding: 'hex', isNull: false }, 'key')).toBe('The key has an odd number of hex digits: each byte is two.');
    expect(fieldProblem({ text: 'a*b', encoding: 'base64', isNull: false }, 'key')).toMatch(/is not base64/);
    expect(fieldProblem({ text: '  ', encoding: 'json', isNull: false }, 'value')).toBe('The value is not valid JSON: it is empty (choose null for no value)');
  });

  it('checks a template’s JSON with its placeholders filled in', () => {
    expect(samplePlaceholders('{"n": {{index}}, "id": "{{uuid}}", "c": "{{pick red green}}", "r": {{randomInt 5 9}}}')).toBe('{"n": 0, "id": "00000000-0000-4000-8000-000000000000", "c": "red", "r": 5}');
    const good = draft({ value: { text: '{"n": {{index}}}', encoding: 'json', isNull: false } });
    expect('record' in recordOf(good, true)).toBe(true);
    expect('problems' in recordOf(good, false)).toBe(true);
    const bad = draft({ value: { text: '{"n": {{index}}', encoding: 'json', isNull: false } });
    expect(recordOf(bad, true)).toEqual({ problems: { value: expect.stringMatching(/not valid JSON \(with its placeholders filled in\)/) } });
  });

  it('reads the bulk count and rate', () => {
    expect(bulkSizeOf(draft({ count: '500', rate: '' }))).toEqual({ count: 500, ratePerSecond: null });
    expect(bulkSizeOf(draft({ count: '500', rate: '100' }))).toEqual({ count: 500, ratePerSecond: 100 });
    expect(bulkSizeOf(draft({ count: '0', rate: 'fast' }))).toEqual({ problems: { count: expect.any(String), rate: expect.any(String) } });
  });

  it('fills in from a saved template, keeping the count and rate', () => {
    const filled = draftOfTemplate(draft({ count: '7' }), { key: null, value: { text: '{{uuid}}', encoding: 'text' }, headers: [{ key: 'h', value: null }], partition: 1 }, { partitioner: 'explicit', compression: 'lz4', acks: 0 });
    expect(filled).toMatchObject({ key: { isNull: true }, value: { text: '{{uuid}}', encoding: 'text', isNull: false }, partition: '1', count: '7', settings: { compression: 'lz4' } });
    expect(filled.headers).toMatchObject([{ key: 'h', value: { isNull: true } }]);
  });
});

describe('produce again', () => {
  it('maps each decoded field to the encoding that gives its bytes back', () => {
    const { draft: filled, unreadable } = draftOfRecord(emptyDraft(), record({ key: field('hex', 'ff00'), value: field('base64', 'AAE='), headers: [{ key: 'n', value: field('null', '') }] }));
    expect(unreadable).toEqual([]);
    expect(filled).toMatchObject({ key: { text: 'ff00', encoding: 'hex' }, value: { text: 'AAE=', encoding: 'base64' }, partition: '2', timestamp: '' });
    expect(filled.headers[0]).toMatchObject({ key: 'n', value: { isNull: true } });
  });

  it('asks for the record whole when a field is cut, and as hex when a field is a number or not decodable', () => {
    expect(fieldsToRead(record())).toEqual({ whole: false, hex: false });
    expect(fieldsToRead(record({ value: field('json', '{"a":', true) }))).toEqual({ whole: true, hex: false });
    expect(fieldsToRead(record({ key: field('long', '42') }))).toEqual({ whole: false, hex: true });
    const hex = record({ key: field('hex', '000000000000002a') });
    const { draft: filled } = draftOfRecord(emptyDraft(), record({ key: field('long', '42') }), hex);
    expect(filled.key).toEqual({ text: '000000000000002a', encoding: 'hex', isNull: false });
    expect(draftOfRecord(emptyDraft(), record({ key: field('error', 'not 8 bytes') })).unreadable).toEqual(['the key']);
  });
});

describe('lineSlices', () => {
  const collect = async (text: string | Uint8Array, maxLines = 2, maxChars = 1000) => {
    const slices = [];
    for await (const slice of lineSlices(new Blob([text as BlobPart]), { maxLines, maxChars })) slices.push(slice);
    return slices;
  };

  it('numbers lines from 1 across slices, drops \\r, keeps blank lines in place and no trailing empty line', async () => {
    const slices = await collect('{"value":1}\r\n\n{"value":3}\n{"value":4}\n{"value":5}\n');
    expect(slices.map(({ firstLine, lines }) => ({ firstLine, lines }))).toEqual([
      { firstLine: 1, lines: ['{"value":1}', ''] },
      { firstLine: 3, lines: ['{"value":3}', '{"value":4}'] },
      { firstLine: 5, lines: ['{"value":5}'] },
    ]);
    expect(slices.at(-1)!.bytesRead).toBe(50);
    expect((await collect('a\nb')).flatMap((slice) => slice.lines)).toEqual(['a', 'b']);
  });

  it('sends neither a line that is not UTF-8 nor one too long for a request, and says so by number', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('ok\n'), 0xff, 0xfe, 0x0a, ...new TextEncoder().encode(`${'x'.repeat(50)}\nlast`)]);
    const slices = await collect(bytes, 10, 40);
    expect(slices.flatMap((slice) => slice.lines)).toEqual(['ok', '', '', 'last']);
    expect(slices.flatMap((slice) => slice.badLines)).toEqual([
      { line: 2, reason: 'the line is not UTF-8 text' },
      { line: 3, reason: 'the line is 50 characters long, more than the 40 one request to the host can carry' },
    ]);
  });
});
