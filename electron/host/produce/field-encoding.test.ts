import { describe, expect, it } from 'vitest';
import { encodeField, FieldEncodingError, utf8Of } from './field-encoding';

describe('encodeField', () => {
  it('sends text as UTF-8 and null as no bytes', () => {
    expect(encodeField({ text: 'héllo ✓', encoding: 'text' }, 'value')).toEqual(Buffer.from('héllo ✓', 'utf8'));
    expect(encodeField({ text: '', encoding: 'text' }, 'value')).toEqual(Buffer.alloc(0));
    expect(encodeField(null, 'value')).toBeNull();
  });

  it('sends JSON as typed, after checking it parses', () => {
    expect(encodeField({ text: '{ "a": 1 }', encoding: 'json' }, 'value')).toEqual(Buffer.from('{ "a": 1 }'));
    expect(() => encodeField({ text: '{"a": 1,}', encoding: 'json' }, 'value')).toThrow(/^value is not valid JSON: /);
    expect(() => encodeField({ text: '  ', encoding: 'json' }, 'key')).toThrow(/key is not valid JSON: .*it is empty: choose null/);
  });

  it('decodes base64, standard or URL-safe, padded or not, ignoring whitespace', () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x3f]);
    expect(encodeField({ text: bytes.toString('base64'), encoding: 'base64' }, 'value')).toEqual(bytes);
    expect(encodeField({ text: bytes.toString('base64url'), encoding: 'base64' }, 'value')).toEqual(bytes);
    expect(encodeField({ text: '//4A\n gD8=', encoding: 'base64' }, 'value')).toEqual(bytes);
    expect(() => encodeField({ text: 'ab!c', encoding: 'base64' }, 'header "h" value')).toThrow('header "h" value is not valid base64: "!" at character 3 is not a base64 digit');
    expect(() => encodeField({ text: 'abcde', encoding: 'base64' }, 'value')).toThrow('its length does not make whole bytes');
    expect(() => encodeField({ text: 'ab=cd', encoding: 'base64' }, 'value')).toThrow('"=" is only allowed at the end');
  });

  it('decodes hex pairs, with spaces as the messages view shows them', () => {
    expect(encodeField({ text: 'ff fe fd', encoding: 'hex' }, 'value')).toEqual(Buffer.from([0xff, 0xfe, 0xfd]));
    expect(encodeField({ text: '0xC3A9', encoding: 'hex' }, 'value')).toEqual(Buffer.from('é'));
    expect(() => encodeField({ text: 'abc', encoding: 'hex' }, 'key')).toThrow('key is not valid hex: 3 digits is not a whole number of bytes');
    expect(() => encodeField({ text: 'zz', encoding: 'hex' }, 'key')).toThrow('key is not valid hex: "z" at digit 1 is not a hex digit');
  });

  it('refuses text UTF-8 cannot carry instead of replacing it', () => {
    expect(() => utf8Of('ok\uD800', 'header key')).toThrow(FieldEncodingError);
    expect(() => encodeField({ text: 'a\uDC00b', encoding: 'text' }, 'header "x" value')).toThrow('header "x" value is not valid Unicode text (a lone surrogate U+DC00 at character 2), so it has no UTF-8 form: give its bytes as hex or base64');
    expect(utf8Of('😀', 'value')).toEqual(Buffer.from([0xf0, 0x9f, 0x98, 0x80]));
  });
});
