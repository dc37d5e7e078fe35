import { describe, expect, it } from 'vitest';
import { contains, formatVersions, hull, intersect, MAX_VERSION, parseFieldType, parseMessage, parseVersions, SpecError, stripJsonComments } from './parse-spec.js';

describe('version ranges', () => {
  it('parses "N+", "A-B", "N" and "none"', () => {
    expect(parseVersions('0+')).toEqual({ min: 0, max: MAX_VERSION });
    expect(parseVersions('3+')).toEqual({ min: 3, max: MAX_VERSION });
    expect(parseVersions('1-3')).toEqual({ min: 1, max: 3 });
    expect(parseVersions('8-10')).toEqual({ min: 8, max: 10 });
    expect(parseVersions('4')).toEqual({ min: 4, max: 4 });
    expect(parseVersions('none')).toBeNull();
  });

  it('rejects malformed ranges', () => {
    for (const bad of ['', '+', '3-', '-1', '3-1', 'a', '1.5', '0+1', '99999+']) {
      expect(() => parseVersions(bad)).toThrow(SpecError);
    }
  });

  it('intersects, hulls, tests membership and formats', () => {
    expect(intersect(parseVersions('0+'), parseVersions('3-5'))).toEqual({ min: 3, max: 5 });
    expect(intersect(parseVersions('0-2'), parseVersions('3+'))).toBeNull();
    expect(intersect(null, parseVersions('0+'))).toBeNull();
    expect(hull(parseVersions('0-1'), parseVersions('5-6'))).toEqual({ min: 0, max: 6 });
    expect(contains(parseVersions('1-3'), 3)).toBe(true);
    expect(contains(parseVersions('1-3'), 4)).toBe(false);
    expect(contains(null, 0)).toBe(false);
    expect(['0+', '1-3', '4', 'none'].map((t) => formatVersions(parseVersions(t)))).toEqual(['0+', '1-3', '4', 'none']);
  });
});

describe('stripJsonComments', () => {
  it('removes // comments but not // inside strings', () => {
    const text = [
      '// Licensed to the Apache Software Foundation',
      '{',
      '  "name": "http://example", // trailing',
      '  "about": "a \\" // still string",',
      '  // whole line',
      '  "x": 1',
      '}',
    ].join('\n');
    expect(JSON.parse(stripJsonComments(text))).toEqual({ name: 'http://example', about: 'a " // still string', x: 1 });
  });
});

describe('parseMessage', () => {
  const spec = `
    // comment
    {
      "apiKey": 99, "type": "request", "name": "FooRequest",
      "validVersions": "0-3", "flexibleVersions": "2+",
      "fields": [
        { "name": "Items", "type": "[]Item", "versions": "0+", "nullableVersions": "1+", "fields": [
          { "name": "Id", "type": "int32", "versions": "0+", "mapKey": true }
        ]},
        { "name": "Ref", "type": "Shared", "versions": "1+" },
        { "name": "Extra", "type": "string", "versions": "2+", "taggedVersions": "2+", "tag": "0", "default": "x" },
        { "name": "timeoutMs", "type": "int32", "versions": "0+", "default": "0x10" }
      ],
      "commonStructs": [
        { "name": "Shared", "versions": "0+", "fields": [ { "name": "A", "type": "[]uuid", "versions": "0+" } ] }
      ]
    }`;

  it('builds the model, including commonStructs, string tags and lower-case field names', () => {
    const m = parseMessage(spec, 'FooRequest.json');
    expect(m.apiKey).toBe(99);
    expect(m.validVersions).toEqual({ min: 0, max: 3 });
    expect(m.flexibleVersions).toEqual({ min: 2, max: MAX_VERSION });
    expect([...m.structs.keys()]).toEqual(['Item', 'Shared']);
    expect(m.fields[0].type).toEqual({ kind: 'array', element: { kind: 'struct', name: 'Item' } });
    expect(m.fields[0].nullableVersions).toEqual({ min: 1, max: MAX_VERSION });
    expect(m.fields[1].type).toEqual({ kind: 'struct', name: 'Shared' });
    expect(m.fields[2].tag).toBe(0);
    expect(m.fields[2].defaultText).toBe('x');
    expect(m.fields[3].name).toBe('timeoutMs');
    expect(m.structs.get('Item')!.fields[0].mapKey).toBe(true);
    expect(m.structs.get('Shared')!.fields[0].type).toEqual({ kind: 'array', element: { kind: 'primitive', name: 'uuid' } });
  });

  it('parses field types', () => {
    expect(parseFieldType('records')).toEqual({ kind: 'primitive', name: 'records' });
    expect(parseFieldType('[]int64')).toEqual({ kind: 'array', element: { kind: 'primitive', name: 'int64' } });
    expect(() => parseFieldType('float32')).toThrow(SpecError);
  });

  it('rejects inconsistent definitions', () => {
    const base = (fields: string, extra = ''): string =>
      `{"type":"request","apiKey":1,"name":"X","validVersions":"0-1","flexibleVersions":"1+","fields":[${fields}]${extra}}`;
    expect(() => parseMessage(base('{"name":"A","type":"Missing","versions":"0+"}'), 'x')).toThrow(/not defined/);
    expect(() => parseMessage(base('{"name":"A","type":"int32","versions":"0+","nullableVersions":"0+"}'), 'x')).toThrow(/cannot be nullable/);
    expect(() => parseMessage(base('{"name":"A","type":"int32","versions":"0+","tag":0}'), 'x')).toThrow(/go together/);
    expect(() => parseMessage(base('{"name":"A","type":"int32","versions":"0+","tag":0,"taggedVersions":"0+"}'), 'x')).toThrow(/flexibleVersions/);
    expect(() => parseMessage(base('{"name":"A","type":"int32","versions":"0+"},{"name":"A","type":"int32","versions":"0+"}'), 'x')).toThrow(/duplicate/);
    expect(() => parseMessage('{ not json', 'x')).toThrow(SpecError);
  });
});
