import { describe, expect, it } from 'vitest';
import { ProtocolDecodeError } from './protocol-decode-error.js';
import { ProtocolReader, ZERO_UUID } from './reader.js';
import { ProtocolWriter } from './writer.js';

const r = (...bytes: number[]): ProtocolReader => new ProtocolReader(Buffer.from(bytes));

function decodeError(fn: () => unknown): ProtocolDecodeError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ProtocolDecodeError);
    return e as ProtocolDecodeError;
  }
  throw new Error('expected a ProtocolDecodeError');
}

describe('ProtocolReader fixed-width', () => {
  it('reads big-endian integers with sign', () => {
    expect(r(0x80).readInt8()).toBe(-128);
    expect(r(0x7f).readInt8()).toBe(127);
    expect(r(0xff, 0xff).readInt16()).toBe(-1);
    expect(r(0x80, 0x00).readInt16()).toBe(-32768);
    expect(r(0xff, 0xff).readUint16()).toBe(65535);
    expect(r(0x80, 0, 0, 0).readInt32()).toBe(-2147483648);
    expect(r(0x7f, 0xff, 0xff, 0xff).readInt32()).toBe(2147483647);
    expect(r(0xff, 0xff, 0xff, 0xff).readUint32()).toBe(4294967295);
    expect(r(0x80, 0, 0, 0, 0, 0, 0, 0).readInt64()).toBe(-(2n ** 63n));
    expect(r(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe).readInt64()).toBe(-2n);
    expect(r(0x3f, 0xf0, 0, 0, 0, 0, 0, 0).readFloat64()).toBe(1);
    expect(r(0).readBool()).toBe(false);
    expect(r(2).readBool()).toBe(true);
  });

  it('reads UUIDs as base64url text, zero UUID included', () => {
    const bytes = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
    const reader = new ProtocolReader(Buffer.concat([bytes, Buffer.alloc(16)]));
    expect(reader.readUuid()).toBe(bytes.toString('base64url'));
    expect(reader.readUuid()).toBe(ZERO_UUID);
    expect(new ProtocolReader(bytes).readUuidBytes()).toEqual(bytes);
  });

  it('throws ProtocolDecodeError (never RangeError) on truncation, naming the field and offset', () => {
    const reader = new ProtocolReader(Buffer.from([1, 2, 3]), 1);
    const e = decodeError(() => reader.readInt32('Foo.bar'));
    expect(e.message).toContain('int32 Foo.bar');
    expect(e.message).toContain('at offset 1');
    expect(e.offset).toBe(1);
    expect(reader.offset).toBe(1);
    const empty = (): ProtocolReader => new ProtocolReader(Buffer.alloc(0));
    for (const read of [
      (x: ProtocolReader) => x.readInt8(),
      (x: ProtocolReader) => x.readInt16(),
      (x: ProtocolReader) => x.readUint16(),
      (x: ProtocolReader) => x.readUint32(),
      (x: ProtocolReader) => x.readInt64(),
      (x: ProtocolReader) => x.readFloat64(),
      (x: ProtocolReader) => x.readBool(),
      (x: ProtocolReader) => x.readUuid(),
      (x: ProtocolReader) => x.readUnsignedVarint(),
      (x: ProtocolReader) => x.readVarint(),
      (x: ProtocolReader) => x.readVarlong(),
      (x: ProtocolReader) => x.readString(),
      (x: ProtocolReader) => x.readCompactNullableString(),
      (x: ProtocolReader) => x.readBytes(),
      (x: ProtocolReader) => x.readCompactBytes(),
      (x: ProtocolReader) => x.readArrayLength(),
      (x: ProtocolReader) => x.readTaggedFieldCount(),
      (x: ProtocolReader) => x.skipTaggedFields(),
    ]) {
      decodeError(() => read(empty()));
    }
    // A reader over a window of a bigger buffer must not read past its end.
    decodeError(() => new ProtocolReader(Buffer.from([1, 2, 3, 4, 5, 6]), 0, 3).readInt32());
  });
});

describe('ProtocolReader varints', () => {
  // Vectors: protobuf/Kafka zigzag encoding.
  const varints: [number, number[]][] = [
    [0, [0x00]],
    [-1, [0x01]],
    [1, [0x02]],
    [-2, [0x03]],
    [63, [0x7e]],
    [-64, [0x7f]],
    [64, [0x80, 0x01]],
    [300, [0xd8, 0x04]],
    [2147483647, [0xfe, 0xff, 0xff, 0xff, 0x0f]],
    [-2147483648, [0xff, 0xff, 0xff, 0xff, 0x0f]],
  ];
  it.each(varints)('varint %d', (value, bytes) => {
    const reader = r(...bytes);
    expect(reader.readVarint()).toBe(value);
    expect(reader.remaining).toBe(0);
    const w = new ProtocolWriter();
    w.writeVarint(value);
    expect([...w.finish()]).toEqual(bytes);
  });

  const uvarints: [number, number[]][] = [
    [0, [0x00]],
    [127, [0x7f]],
    [128, [0x80, 0x01]],
    [300, [0xac, 0x02]],
    [16383, [0xff, 0x7f]],
    [16384, [0x80, 0x80, 0x01]],
    [4294967295, [0xff, 0xff, 0xff, 0xff, 0x0f]],
  ];
  it.each(uvarints)('unsigned varint %d', (value, bytes) => {
    const reader = r(...bytes);
    expect(reader.readUnsignedVarint()).toBe(value);
    expect(reader.remaining).toBe(0);
    const w = new ProtocolWriter();
    w.writeUnsignedVarint(value);
    expect([...w.finish()]).toEqual(bytes);
  });

  const varlongs: [bigint, number[]][] = [
    [0n, [0x00]],
    [-1n, [0x01]],
    [1n, [0x02]],
    [150n, [0xac, 0x02]],
    [2n ** 48n, [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]],
    [2n ** 63n - 1n, [0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]],
    [-(2n ** 63n), [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]],
  ];
  it.each(varlongs)('varlong %d', (value, bytes) => {
    const reader = r(...bytes);
    expect(reader.readVarlong()).toBe(value);
    expect(reader.remaining).toBe(0);
    const w = new ProtocolWriter();
    w.writeVarlong(value);
    expect([...w.finish()]).toEqual(bytes);
  });

  it('round-trips varlongs as bigint and number around every size boundary', () => {
    const values: bigint[] = [];
    for (let bits = 0n; bits <= 63n; bits++) {
      const p = 2n ** bits;
      values.push(p - 1n, p, -p, -p + 1n);
    }
    for (const v of values) {
      if (v > 2n ** 63n - 1n || v < -(2n ** 63n)) continue;
      const w = new ProtocolWriter();
      w.writeVarlong(v);
      const bytes = w.finish();
      expect(new ProtocolReader(bytes).readVarlong()).toBe(v);
      const safe = v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER);
      if (safe) {
        expect(new ProtocolReader(bytes).readVarlongNumber()).toBe(Number(v));
        const wn = new ProtocolWriter();
        wn.writeVarlongNumber(Number(v));
        expect(wn.finish()).toEqual(bytes);
      } else {
        expect(() => new ProtocolReader(bytes).readVarlongNumber()).toThrow(ProtocolDecodeError);
      }
    }
  });

  it('rejects over-long and truncated varints', () => {
    decodeError(() => r(0xff, 0xff, 0xff, 0xff, 0x10).readUnsignedVarint());
    decodeError(() => r(0xff, 0xff, 0xff, 0xff, 0xff, 0x01).readUnsignedVarint());
    decodeError(() => r(0x80, 0x80).readUnsignedVarint());
    decodeError(() => r(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02).readVarlong());
    decodeError(() => r(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).readVarlong());
    decodeError(() => r(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80).readVarlong());
  });
});

describe('ProtocolReader strings and bytes', () => {
  it('reads strings in all four encodings', () => {
    const abc = [0x61, 0x62, 0x63];
    expect(r(0, 3, ...abc).readString()).toBe('abc');
    expect(r(0, 0).readString()).toBe('');
    expect(r(0xff, 0xff).readNullableString()).toBeNull();
    expect(r(4, ...abc).readCompactString()).toBe('abc');
    expect(r(1).readCompactString()).toBe('');
    expect(r(0).readCompactNullableString()).toBeNull();
    expect(r(0, 2, 0xc3, 0xa9).readString()).toBe('é');
  });

  it('rejects null where not allowed, negative and oversized lengths', () => {
    expect(decodeError(() => r(0xff, 0xff).readString('T.name')).message).toContain('null not allowed');
    decodeError(() => r(0).readCompactString());
    decodeError(() => r(0xff, 0xfe).readNullableString());
    decodeError(() => r(0, 5, 0x61).readString());
    decodeError(() => r(0xff, 0xff, 0xff, 0xff).readBytes());
    decodeError(() => r(0xff, 0xff, 0xff, 0xfe).readNullableBytes());
    decodeError(() => r(0).readCompactBytes());
    // Compact string longer than 32767 bytes is refused before looking at the data.
    decodeError(() => r(0x81, 0x80, 0x02).readCompactString());
  });

  it('returns bytes as views into the input (no copy)', () => {
    const buf = Buffer.from([0, 0, 0, 3, 7, 8, 9, 4, 1, 2, 3]);
    const reader = new ProtocolReader(buf);
    const a = reader.readBytes();
    expect([...a]).toEqual([7, 8, 9]);
    expect(a.buffer).toBe(buf.buffer);
    expect(a.byteOffset).toBe(buf.byteOffset + 4);
    const b = reader.readCompactNullableBytes()!;
    expect([...b]).toEqual([1, 2, 3]);
    expect(b.buffer).toBe(buf.buffer);
    expect(r(0xff, 0xff, 0xff, 0xff).readNullableBytes()).toBeNull();
    expect(r(0).readCompactNullableBytes()).toBeNull();
    expect(r(0, 0, 0, 0).readBytes().length).toBe(0);
  });
});

describe('ProtocolReader arrays and malicious lengths', () => {
  it('reads arrays and nullable arrays', () => {
    expect(r(0, 0, 0, 2, 0, 1, 0, 2).readArray((x) => x.readInt16(), 2)).toEqual([1, 2]);
    expect(r(3, 0, 1, 0, 2).readCompactArray((x) => x.readInt16(), 2)).toEqual([1, 2]);
    expect(r(0xff, 0xff, 0xff, 0xff).readNullableArray((x) => x.readInt16())).toBeNull();
    expect(r(0).readCompactNullableArray((x) => x.readInt16())).toBeNull();
    expect(r(0xff, 0xff, 0xff, 0xff).readNullableArrayLength()).toBe(-1);
    decodeError(() => r(0xff, 0xff, 0xff, 0xff).readArrayLength());
    decodeError(() => r(0).readCompactArrayLength());
    decodeError(() => r(0xff, 0xff, 0xff, 0xfe).readNullableArrayLength());
  });

  it('rejects huge element counts before allocating or calling the element reader', () => {
    let calls = 0;
    const element = (x: ProtocolReader): number => {
      calls++;
      return x.readInt8();
    };
    // 2^31-1 elements claimed, 8 bytes present.
    const e = decodeError(() => r(0x7f, 0xff, 0xff, 0xff, 1, 2, 3, 4, 5, 6, 7, 8).readArray(element, 1, 'Foo.items'));
    expect(e.message).toContain('Foo.items');
    expect(e.message).toContain('2147483647 elements');
    // Compact: 2^32-2 elements claimed.
    decodeError(() => r(0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2).readCompactArray(element));
    // 3 elements of at least 4 bytes each need 12 bytes; 11 remain.
    decodeError(() => new ProtocolReader(Buffer.concat([Buffer.from([0, 0, 0, 3]), Buffer.alloc(11)])).readArray(element, 4));
    expect(calls).toBe(0);
    // Exactly enough is fine.
    expect(new ProtocolReader(Buffer.concat([Buffer.from([0, 0, 0, 3]), Buffer.alloc(12)])).readArrayLength(4)).toBe(3);
  });

  it('rejects huge string and bytes lengths without reading', () => {
    decodeError(() => r(0x7f, 0xff, 0x61).readString());
    decodeError(() => r(0x7f, 0xff, 0xff, 0xff, 1).readBytes());
    decodeError(() => r(0xff, 0xff, 0xff, 0xff, 0x0f, 1).readCompactNullableBytes());
  });
});

describe('ProtocolReader tagged fields', () => {
  it('skips unknown tagged fields', () => {
    // 2 fields: tag 5 size 3, tag 200 (2-byte varint) size 1; then an int8 after the section.
    const reader = r(2, 5, 3, 9, 9, 9, 0xc8, 0x01, 1, 7, 42);
    reader.skipTaggedFields();
    expect(reader.readInt8()).toBe(42);
  });

  it('rejects counts and sizes that do not fit', () => {
    decodeError(() => r(3, 0, 0, 0, 0).readTaggedFieldCount());
    decodeError(() => r(1, 0, 5, 1, 2).skipTaggedFields());
    decodeError(() => r(0xff, 0xff, 0xff, 0xff, 0x0f).skipTaggedFields());
  });

  it('finishTaggedField skips what a decoder left and refuses overruns', () => {
    const reader = r(1, 2, 3, 4, 5);
    const end = 3;
    reader.readInt8();
    reader.finishTaggedField(end, 0);
    expect(reader.offset).toBe(3);
    reader.readInt16();
    expect(() => reader.finishTaggedField(4, 0)).toThrow(ProtocolDecodeError);
  });
});
