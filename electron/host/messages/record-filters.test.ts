import { describe, expect, it } from 'vitest';
import type { Decoding, RecordFilter } from '../../contract';
import type { RecordFields } from './record-dto';
import { compileFilters, FilterError, parseJsonPath } from './record-filters';

const auto: Decoding = { key: 'auto', value: 'auto' };

function record(key: string | null, value: string | Buffer | null, headers: Array<[string, string | null]> = []): RecordFields {
  return {
    offset: 0,
    timestamp: 0,
    timestampType: 'CreateTime',
    key: key === null ? null : Buffer.from(key),
    value: value === null ? null : Buffer.isBuffer(value) ? value : Buffer.from(value),
    headers: headers.map(([headerKey, headerValue]) => ({ key: headerKey, value: headerValue === null ? null : Buffer.from(headerValue) })),
    size: 0,
    producerId: -1,
    producerEpoch: -1,
    sequence: -1,
    compression: 'none',
  };
}

const matches = (filters: RecordFilter[], candidate: RecordFields, decoding = auto) => compileFilters(filters, decoding)!(candidate);

describe('record filters', () => {
  it('contains: in the key, the value or a header, with or without case', () => {
    const order = record('customer-42', '{"status":"Shipped"}', [['trace', 'abc-123'], ['source', 'web']]);
    expect(matches([{ kind: 'contains', field: 'value', text: 'shipped', caseSensitive: false }], order)).toBe(true);
    expect(matches([{ kind: 'contains', field: 'value', text: 'shipped', caseSensitive: true }], order)).toBe(false);
    expect(matches([{ kind: 'contains', field: 'key', text: '-42', caseSensitive: true }], order)).toBe(true);
    expect(matches([{ kind: 'contains', field: 'header', header: 'trace', text: 'abc', caseSensitive: true }], order)).toBe(true);
    expect(matches([{ kind: 'contains', field: 'header', header: 'source', text: 'abc', caseSensitive: true }], order)).toBe(false);
    expect(matches([{ kind: 'contains', field: 'header', text: 'web', caseSensitive: true }], order)).toBe(true); // any header
    expect(matches([{ kind: 'contains', field: 'key', text: 'x', caseSensitive: true }], record(null, 'x'))).toBe(false);
  });

  it('matches what the view shows: a binary value is searched as its hex text', () => {
    const binary = record('k', Buffer.from([0xde, 0xad, 0xbe, 0xef]));
    expect(matches([{ kind: 'contains', field: 'value', text: 'de ad', caseSensitive: true }], binary)).toBe(true);
    expect(matches([{ kind: 'contains', field: 'value', text: '3q2+7w==', caseSensitive: true }], binary, { key: 'auto', value: 'base64' })).toBe(true);
  });

  it('regex, and a bad one refused with the reason', () => {
    expect(matches([{ kind: 'regex', field: 'key', pattern: '^customer-\\d+$', flags: '' }], record('customer-42', 'v'))).toBe(true);
    expect(matches([{ kind: 'regex', field: 'key', pattern: '^CUSTOMER', flags: 'i' }], record('customer-42', 'v'))).toBe(true);
    expect(() => compileFilters([{ kind: 'regex', field: 'key', pattern: '(unclosed', flags: '' }], auto)).toThrow(FilterError);
    expect(() => compileFilters([{ kind: 'regex', field: 'key', pattern: '(unclosed', flags: '' }], auto)).toThrow(/does not compile/);
  });

  it('JSON path equal to a JSON literal or to text', () => {
    const order = record('k', '{"customer":{"id":42,"tags":["vip","new"],"name":"Ada"},"total":99.5,"paid":true,"note":null}');
    const path = (p: string, equals: string) => matches([{ kind: 'jsonPath', path: p, equals }], order);
    expect(path('$.customer.id', '42')).toBe(true);
    expect(path('$.customer.id', '43')).toBe(false);
    expect(path('$.customer.tags[0]', '"vip"')).toBe(true);
    expect(path('$.customer.tags[0]', 'vip')).toBe(true); // not a JSON literal: compared as text
    expect(path("$['customer'].name", 'Ada')).toBe(true);
    expect(path('$.paid', 'true')).toBe(true);
    expect(path('$.note', 'null')).toBe(true);
    expect(path('$.customer.tags', '["vip","new"]')).toBe(true);
    expect(path('$.missing', 'null')).toBe(false);
    expect(path('customer.id', '42')).toBe(true); // the leading $ may be left out
    expect(matches([{ kind: 'jsonPath', path: '$.a', equals: '1' }], record('k', 'not json'))).toBe(false);
    expect(() => parseJsonPath('$.a[')).toThrow(/cannot be read/);
  });

  it('every filter must match; the predicate is not theirs to run', () => {
    const order = record('customer-42', '{"status":"shipped"}');
    expect(matches([{ kind: 'contains', field: 'key', text: '42', caseSensitive: true }, { kind: 'jsonPath', path: '$.status', equals: 'shipped' }], order)).toBe(true);
    expect(matches([{ kind: 'contains', field: 'key', text: '43', caseSensitive: true }, { kind: 'jsonPath', path: '$.status', equals: 'shipped' }], order)).toBe(false);
    expect(compileFilters([{ kind: 'predicate', source: '() => true' }], auto)).toBeNull();
  });
});
