import { describe, expect, it } from 'vitest';
import { ProtocolReader, ZERO_UUID } from './reader.js';
import { ProtocolEncodeError, ProtocolWriter, sizeOfUnsignedVarint } from './writer.js';

const bytesOf = (fn: (w: ProtocolWriter) => void): number[] => {
  const w = new ProtocolWriter(4);
  fn(w);
  return [...w.finish()];
};

describe('ProtocolWriter', () => {
  it('writes fixed-width values big-endian and round-trips boundaries', () => {
    expect(bytesOf((w) => w.writeInt16(-2))).toEqual([0xff, 0xfe]);
    expect(bytesOf((w) => w.writeInt32(0x01020304))).toEqual([1, 2, 3, 4]);
    expect(bytesOf((w) => w.writeUint32(0xfffffffe))).toEqual([0xff, 0xff, 0xff, 0xfe]);
    expect(bytesOf((w) => w.writeInt64(-(2n ** 63n)))).toEqual([0x80, 0, 0, 0, 0, 0, 0, 0]);
    expect(bytesOf((w) => w.writeBool(true))).toEqual([1]);

    const w = new ProtocolWriter(1);
    const int8 = [-128, -1, 0, 127];
    const int16 = [-32768, -1, 0, 32767];
    const uint16 = [0, 65535];
    const int32 = [-2147483648, -1, 0, 2147483647];
    const uint32 = [0, 4294967295];
    const int64 = [-(2n ** 63n), -1n, 0n, 2n ** 63n - 1n];
    const float64 = [0, -1.5, Math.PI, Number.MAX_VALUE, Infinity];
    for (const v of int8) w.writeInt8(v);
    for (const v of int16) w.writeInt16(v);
    for (const v of uint16) w.writeUint16(v);
    for (const v of int32) w.writeInt32(v);
    for (const v of uint32) w.writeUint32(v);
    for (const v of int64) w.writeInt64(v);
    for (const v of float64) w.writeFloat64(v);
    const r = new ProtocolReader(w.finish());
    expect(int8.map(() => r.readInt8())).toEqual(int8);
    expect(int16.map(() => r.readInt16())).toEqual(int16);
    expect(uint16.map(() => r.readUint16())).toEqual(uint16);
    expect(int32.map(() => r.readInt32())).toEqual(int32);
    expect(uint32.map(() => r.readUint32())).toEqual(uint32);
    expect(int64.map(() => r.readInt64())).toEqual(int64);
    expect(float64.map(() => r.readFloat64())).toEqual(float64);
    expect(r.remaining).toBe(0);
  });

  it('refuses values that do not fit instead of wrapping', () => {
    const w = new ProtocolWriter();
    expect(() => w.writeInt8(128)).toThrow(ProtocolEncodeError);
    expect(() => w.writeInt16(32768)).toThrow(ProtocolEncodeError);
    expect(() => w.writeUint16(-1)).toThrow(ProtocolEncodeError);
    expect(() => w.writeInt32(2 ** 31)).toThrow(ProtocolEncodeError);
    expect(() => w.writeInt32(1.5)).toThrow(ProtocolEncodeError);
    expect(() => w.writeUint32(2 ** 32)).toThrow(ProtocolEncodeError);
    expect(() => w.writeInt64(2n ** 63n)).toThrow(ProtocolEncodeError);
    expect(() => w.writeUnsignedVarint(-1)).toThrow(ProtocolEncodeError);
    expect(() => w.writeVarlong(2n ** 64n)).toThrow(ProtocolEncodeError);
    expect(() => w.writeVarlongNumber(2 ** 60)).toThrow(ProtocolEncodeError);
    expect(() => w.writeString('x'.repeat(40000))).toThrow(ProtocolEncodeError);
    expect(w.length).toBe(0);
  });

  it('writes UUIDs from base64url text and rejects malformed ones', () => {
    const bytes = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
    const w = new ProtocolWriter();
    w.writeUuid(bytes.toString('base64url'));
    w.writeUuid(ZERO_UUID);
    w.writeUuidBytes(bytes);
    expect(w.finish()).toEqual(Buffer.concat([bytes, Buffer.alloc(16), bytes]));
    expect(() => new ProtocolWriter().writeUuid('not a uuid')).toThrow(ProtocolEncodeError);
    expect(() => new ProtocolWriter().writeUuid('!!!!!!!!!!!!!!!!!!!!!!')).toThrow(ProtocolEncodeError);
    expect(() => new ProtocolWriter().writeUuidBytes(Buffer.alloc(15))).toThrow(ProtocolEncodeError);
  });

  it('writes strings in all four encodings, short and long, ASCII and not', () => {
    expect(bytesOf((w) => w.writeString('ab'))).toEqual([0, 2, 0x61, 0x62]);
    expect(bytesOf((w) => w.writeNullableString(null))).toEqual([0xff, 0xff]);
    expect(bytesOf((w) => w.writeCompactString('ab'))).toEqual([3, 0x61, 0x62]);
    expect(bytesOf((w) => w.writeCompactNullableString(null))).toEqual([0]);
    expect(bytesOf((w) => w.writeString(''))).toEqual([0, 0]);
    expect(bytesOf((w) => w.writeCompactString(''))).toEqual([1]);
    for (const s of ['é字😀', 'a'.repeat(42), 'é'.repeat(42), 'x'.repeat(200), '字'.repeat(10000), 'y'.repeat(32767)]) {
      const w = new ProtocolWriter(2);
      w.writeString(s);
      w.writeCompactString(s);
      const r = new ProtocolReader(w.finish());
      expect(r.readString()).toBe(s);
      expect(r.readCompactString()).toBe(s);
      expect(r.remaining).toBe(0);
    }
  });

  it('writes bytes and appends raw buffers', () => {
    expect(bytesOf((w) => w.writeBytes(Buffer.from([9])))).toEqual([0, 0, 0, 1, 9]);
    expect(bytesOf((w) => w.writeNullableBytes(null))).toEqual([0xff, 0xff, 0xff, 0xff]);
    expect(bytesOf((w) => w.writeCompactBytes(Buffer.from([9])))).toEqual([2, 9]);
    expect(bytesOf((w) => w.writeCompactNullableBytes(null))).toEqual([0]);
    const big = Buffer.alloc(100_000, 7);
    const w = new ProtocolWriter(8);
    w.writeInt8(1);
    w.writeRawBytes(big);
    const out = w.finish();
    expect(out.length).toBe(100_001);
    expect(out.subarray(1).equals(big)).toBe(true);
  });

  it('writes arrays via the convenience helpers', () => {
    expect(bytesOf((w) => w.writeArray([1, 2], (x, v) => x.writeInt8(v)))).toEqual([0, 0, 0, 2, 1, 2]);
    expect(bytesOf((w) => w.writeArray(null, (x, v: number) => x.writeInt8(v)))).toEqual([0xff, 0xff, 0xff, 0xff]);
    expect(bytesOf((w) => w.writeCompactArray([1], (x, v) => x.writeInt8(v)))).toEqual([2, 1]);
    expect(bytesOf((w) => w.writeCompactArray(null, (x, v: number) => x.writeInt8(v)))).toEqual([0]);
  });

  it('reserves and patches an int32 size prefix', () => {
    const w = new ProtocolWriter(2);
    const mark = w.beginSizePrefix();
    w.writeInt32(7);
    w.writeString('hello');
    w.endSizePrefix(mark);
    const out = w.finish();
    expect(out.readInt32BE(0)).toBe(out.length - 4);
    const w2 = new ProtocolWriter();
    const p = w2.reserveInt32();
    w2.patchInt32(p, -5);
    expect([...w2.finish()]).toEqual([0xff, 0xff, 0xff, 0xfb]);
  });

  it('patches tagged-field sizes, moving data when the size needs more than one byte', () => {
    for (const size of [0, 1, 127, 128, 300, 16383, 16384, 70000]) {
      const w = new ProtocolWriter(4);
      w.writeUnsignedVarint(1); // count
      w.writeUnsignedVarint(9); // tag
      const mark = w.beginTaggedField();
      const data = Buffer.alloc(size);
      for (let i = 0; i < size; i++) data[i] = i & 0xff;
      w.writeRawBytes(data);
      w.endTaggedField(mark);
      w.writeInt8(-1);
      const out = w.finish();
      expect(out.length).toBe(1 + 1 + sizeOfUnsignedVarint(size) + size + 1);
      const r = new ProtocolReader(out);
      expect(r.readTaggedFieldCount()).toBe(1);
      expect(r.readUnsignedVarint()).toBe(9);
      const end = r.readTaggedFieldEnd();
      expect(end - r.offset).toBe(size);
      expect(r.readRawBytes(size).equals(data)).toBe(true);
      r.finishTaggedField(end, 9);
      expect(r.readInt8()).toBe(-1);
    }
  });

  it('finish() hands over the bytes and starts afresh', () => {
    const w = new ProtocolWriter();
    w.writeInt8(1);
    const first = w.finish();
    w.writeInt8(2);
    const second = w.finish();
    expect([...first]).toEqual([1]);
    expect([...second]).toEqual([2]);
    expect(new ProtocolWriter().finish().length).toBe(0);
  });
});

describe('ProtocolWriter splicing of large byte runs', () => {
  const big = Buffer.alloc(40_000, 7);
  const write = (writer: ProtocolWriter) => {
    const mark = writer.beginSizePrefix();
    writer.writeInt32(42);
    writer.writeCompactNullableBytes(big);
    writer.writeInt16(7);
    writer.writeNullableBytes(big);
    writer.writeEmptyTaggedFields();
    writer.endSizePrefix(mark);
  };

  it('hands large runs out by reference and produces the same bytes as copying', () => {
    const copying = new ProtocolWriter();
    write(copying);
    const expected = copying.finish();
    const splicing = new ProtocolWriter(64, { spliceThreshold: 16_384 });
    write(splicing);
    expect(splicing.length).toBe(expected.length);
    const chunks = splicing.finishChunks();
    expect(chunks.filter((chunk) => chunk === big)).toHaveLength(2);
    expect(Buffer.concat(chunks)).toEqual(expected);
    expect(expected.readInt32BE(0)).toBe(expected.length - 4);
  });

  it('finish() joins the chunks into one buffer', () => {
    const splicing = new ProtocolWriter(64, { spliceThreshold: 16_384 });
    write(splicing);
    const copying = new ProtocolWriter();
    write(copying);
    expect(splicing.finish()).toEqual(copying.finish());
  });

  it('refuses a spliced run inside a tagged field rather than mis-sizing it', () => {
    const writer = new ProtocolWriter(64, { spliceThreshold: 16 });
    const mark = writer.beginTaggedField();
    writer.writeRawBytes(Buffer.alloc(32));
    expect(() => writer.endTaggedField(mark)).toThrow(/tagged field/);
  });
});
