import { describe, expect, it } from 'vitest';
import { ImportLineError, parseImportLine } from './import-line';
import { rawMembers } from './json-members';

describe('parseImportLine', () => {
  it('reads key, value, headers, partition and timestamp', () => {
    expect(parseImportLine('{"key":"k1","value":"hello","headers":{"trace":"abc","n":7},"partition":2,"timestamp":1700000000000}')).toEqual({
      key: Buffer.from('k1'),
      value: Buffer.from('hello'),
      headers: [
        { key: 'trace', value: Buffer.from('abc') },
        { key: 'n', value: Buffer.from('7') },
      ],
      partition: 2,
      timestamp: 1_700_000_000_000,
    });
  });

  it('sends a JSON value as written (big integers and spacing kept), null and absent as null', () => {
    const record = parseImportLine('{"value": {"id": 12345678901234567890, "list": [1, {"a": "}"}]} , "key": null}')!;
    expect(record.value!.toString()).toBe('{"id": 12345678901234567890, "list": [1, {"a": "}"}]}');
    expect(record.key).toBeNull();
    expect(parseImportLine('{"value": 3.10}')!.value!.toString()).toBe('3.10');
    expect(parseImportLine('{}')).toEqual({ key: null, value: null, headers: [], partition: undefined, timestamp: undefined });
  });

  it('reads the messages export’s lines back to the same bytes (encodings, header list, extra members)', () => {
    const line = '{"partition":0,"offset":5,"timestamp":1700000000001,"timestampType":"CreateTime","key":"00 01 ff","value":"aGk=","keyEncoding":"hex","valueEncoding":"base64","headers":[{"key":"a","value":"1"},{"key":"a","value":null}]}';
    expect(parseImportLine(line)).toEqual({
      key: Buffer.from([0, 1, 0xff]),
      value: Buffer.from('hi'),
      headers: [
        { key: 'a', value: Buffer.from('1') },
        { key: 'a', value: null },
      ],
      partition: 0,
      timestamp: 1_700_000_000_001,
    });
  });

  it('skips blank lines and says what is wrong with a bad one', () => {
    expect(parseImportLine('   ')).toBeNull();
    const reason = (line: string) => {
      try {
        parseImportLine(line);
      } catch (error) {
        expect(error).toBeInstanceOf(ImportLineError);
        return (error as Error).message;
      }
      return 'no error';
    };
    expect(reason('{"key": "a",')).toMatch(/^not JSON: /);
    expect(reason('[1, 2]')).toBe('the line is a list, not a JSON object');
    expect(reason('{"partition": -1}')).toBe('partition is number -1, not a whole number ≥ 0');
    expect(reason('{"timestamp": "yesterday"}')).toBe('timestamp is string "yesterday", not a whole number ≥ 0');
    expect(reason('{"headers": "x"}')).toBe('headers is string "x", not an object or a list');
    expect(reason('{"headers": [{"value": 1}]}')).toBe('headers[0] is an object, not {"key": "name", "value": …}');
    expect(reason('{"value": "zz", "valueEncoding": "hex"}')).toBe('value is not valid hex: "z" at digit 1 is not a hex digit');
    expect(reason('{"value": "x", "valueEncoding": "long"}')).toBe('valueEncoding "long" is not one of "text", "json", "hex", "base64"');
    expect(reason('{"headers": {"h": "\\udc00"}}')).toMatch(/^header "h" value is not valid Unicode text/);
  });
});

describe('rawMembers', () => {
  it('gives each member’s text as written, escapes and nesting included', () => {
    const members = rawMembers(' { "a\\"b" : "x\\\\\\"}" , "n":-1.5e3,"o":{"p":[{}]},"t":true } ');
    expect(Object.fromEntries(members)).toEqual({ 'a"b': '"x\\\\\\"}"', n: '-1.5e3', o: '{"p":[{}]}', t: 'true' });
  });
});
