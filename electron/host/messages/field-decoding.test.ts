import { describe, expect, it } from 'vitest';
import { decodeField, prettyJson } from './field-decoding';

const preview = { maxChars: 1000 };

describe('decodeField', () => {
  it('auto: JSON first, then UTF-8 text, then hex; null stays null', () => {
    expect(decodeField(Buffer.from('{"id": 12345678901234567890}'), 'auto', preview)).toEqual({ as: 'json', text: '{"id": 12345678901234567890}', bytes: 28, truncated: false });
    expect(decodeField(Buffer.from('héllo\tworld\n'), 'auto', preview)).toMatchObject({ as: 'text', text: 'héllo\tworld\n' });
    expect(decodeField(Buffer.from([0xff, 0xfe, 0x00, 0x41]), 'auto', preview)).toMatchObject({ as: 'hex', text: 'ff fe 00 41' });
    expect(decodeField(Buffer.from('a\u0001b'), 'auto', preview)).toMatchObject({ as: 'hex' }); // control characters: binary
    expect(decodeField(null, 'auto', preview)).toEqual({ as: 'null', text: '', bytes: 0, truncated: false });
    expect(decodeField(Buffer.alloc(0), 'auto', preview)).toMatchObject({ as: 'text', text: '', bytes: 0 });
    expect(decodeField(Buffer.from('123abc'), 'auto', preview)).toMatchObject({ as: 'text' }); // starts like a number, is not JSON
  });

  it('explicit modes: string, json (an error in place when not JSON), hex, base64, int and long', () => {
    expect(decodeField(Buffer.from([0x68, 0xff, 0x69]), 'string', preview)).toMatchObject({ as: 'text', text: 'h\ufffdi' });
    expect(decodeField(Buffer.from('not json'), 'json', preview)).toMatchObject({ as: 'error', text: 'not valid JSON: not json' });
    expect(decodeField(Buffer.from([0xc3, 0x28]), 'json', preview)).toMatchObject({ as: 'error', text: 'not valid UTF-8: c3 28' });
    expect(decodeField(Buffer.from('hi'), 'base64', preview)).toMatchObject({ as: 'base64', text: 'aGk=' });
    expect(decodeField(Buffer.from([0, 0, 1, 0]), 'int', preview)).toMatchObject({ as: 'int', text: '256' });
    expect(decodeField(Buffer.from([0xff, 0xff, 0xff, 0xfe]), 'int', preview)).toMatchObject({ as: 'int', text: '-2' });
    expect(decodeField(Buffer.from([0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), 'long', preview)).toMatchObject({ as: 'long', text: '9223372036854775807' });
    expect(decodeField(Buffer.from('abc'), 'int', preview)).toMatchObject({ as: 'error', text: 'not a 4-byte big-endian int: 3 bytes' });
    expect(decodeField(Buffer.from('abc'), 'long', preview)).toMatchObject({ as: 'error' });
  });

  it('cuts previews and says so; a 2 MiB value is judged by its start', () => {
    const long = Buffer.from('x'.repeat(5000));
    expect(decodeField(long, 'auto', { maxChars: 100 })).toEqual({ as: 'text', text: 'x'.repeat(100), bytes: 5000, truncated: true });
    const hex = decodeField(Buffer.alloc(1000, 0xab), 'hex', { maxChars: 30 });
    expect(hex.truncated).toBe(true);
    expect(hex.text.length).toBeLessThanOrEqual(30);
    const huge = Buffer.from(`{"items": [${'1,'.repeat(1024 * 1024)}1]}`);
    const started = performance.now();
    const shown = decodeField(huge, 'auto', { maxChars: 200 });
    expect(performance.now() - started).toBeLessThan(50);
    expect(shown).toMatchObject({ as: 'json', truncated: true, bytes: huge.length });
    expect(shown.text.startsWith('{"items": [1,1,')).toBe(true);
    // A multi-byte character cut at the prefix's end still decodes as text.
    const accents = Buffer.from('é'.repeat(100_000));
    expect(decodeField(accents, 'auto', { maxChars: 10 })).toMatchObject({ as: 'text', text: 'é'.repeat(10), truncated: true });
  });

  it('pretty-prints JSON for the detail view without touching numbers or strings', () => {
    expect(prettyJson('{"a":1,"b":[true,{"c":"x, y: {z}"}],"big":12345678901234567890,"e":{},"f":[]}')).toBe(
      '{\n  "a": 1,\n  "b": [\n    true,\n    {\n      "c": "x, y: {z}"\n    }\n  ],\n  "big": 12345678901234567890,\n  "e": {},\n  "f": []\n}',
    );
    expect(decodeField(Buffer.from('{"a":"q\\"uote"}'), 'auto', { maxChars: 1000, pretty: true }).text).toBe('{\n  "a": "q\\"uote"\n}');
  });
});
