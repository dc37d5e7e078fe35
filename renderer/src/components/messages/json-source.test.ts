import { describe, expect, it } from 'vitest';
import { childPath, formatJsonNode, parseJsonTree } from './json-source';

describe('parseJsonTree', () => {
  it('reads every kind of value, keeping numbers as written and keys in order', () => {
    const tree = parseJsonTree(' {"id": 9007199254740993, "b": [1.5e3, -0, true, false, null], "a": {"s": "x\\"y\\u00e9"}} ');
    expect(tree).toEqual({
      kind: 'object',
      entries: [
        ['id', { kind: 'number', text: '9007199254740993' }],
        ['b', { kind: 'array', items: [{ kind: 'number', text: '1.5e3' }, { kind: 'number', text: '-0' }, { kind: 'boolean', value: true }, { kind: 'boolean', value: false }, { kind: 'null' }] }],
        ['a', { kind: 'object', entries: [['s', { kind: 'string', value: 'x"yé' }]] }],
      ],
    });
  });

  it('refuses what is not exactly one JSON value', () => {
    for (const text of ['', '{', '{"a":1,}', '[1 2]', "{'a':1}", '01', '1 2', 'nul', '"a\nb"', '{"a":1} x']) expect(parseJsonTree(text)).toBeNull();
  });

  it('refuses nesting deeper than it shows, instead of overflowing the stack', () => {
    expect(parseJsonTree('['.repeat(10_000) + ']'.repeat(10_000))).toBeNull();
    expect(parseJsonTree('['.repeat(100) + ']'.repeat(100))).not.toBeNull();
  });

  it('names paths as JSON path does, and writes nodes back as indented JSON', () => {
    expect(childPath('$', 'customer')).toBe('$.customer');
    expect(childPath('$.items', 3)).toBe('$.items[3]');
    expect(childPath('$', 'odd key')).toBe('$["odd key"]');
    const tree = parseJsonTree('{"id":9007199254740993,"tags":["a"],"empty":{}}')!;
    expect(formatJsonNode(tree)).toBe('{\n  "id": 9007199254740993,\n  "tags": [\n    "a"\n  ],\n  "empty": {}\n}');
  });
});
