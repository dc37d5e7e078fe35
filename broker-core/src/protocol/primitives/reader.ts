/**
 * Sans-I/O reader for Kafka's wire primitives (https://kafka.apache.org/protocol#protocol_types).
 *
 * - Big-endian fixed-width integers; `int64` is a `bigint`.
 * - UUIDs are strings in Kafka's own text form: the 16 bytes as unpadded base64url (22 characters,
 *   what Kafka tools print, e.g. the zero UUID is `AAAAAAAAAAAAAAAAAAAAAA` = {@link ZERO_UUID}).
 *   Use {@link ProtocolReader.readUuidBytes} for the raw bytes.
 * - `bytes`/records are returned as `subarray` views into the input buffer (no copy): they stay
 *   valid as long as the caller does not reuse the underlying buffer.
 * - Every length read from the wire is checked against the bytes remaining before anything is
 *   allocated or looped over. Every failure is a {@link ProtocolDecodeError} naming what was being
 *   read and where; no `RangeError` escapes for bad input.
 *
 * The optional `what` argument of each method names the field being read, for error messages.
 */
import { ProtocolDecodeError } from './protocol-decode-error.js';

/** The all-zero UUID in Kafka's text form (base64url of 16 zero bytes). */
export const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';

/** A shared zero-length buffer (the default of `bytes` fields). */
export const EMPTY_BUFFER: Buffer = Buffer.alloc(0);
const MAX_STRING_LENGTH = 0x7fff;
const TWO_POW_28 = 0x10000000;

function describe(kind: string, what: string | undefined): string {
  return what === undefined ? kind : `${kind} ${what}`;
}

export class ProtocolReader {
  readonly buffer: Buffer;
  /** Next byte to read. May be moved by the caller (e.g. to re-read a header). */
  offset: number;
  /** One past the last readable byte. */
  readonly end: number;

  constructor(buffer: Buffer, offset = 0, end = buffer.length) {
    if (!(offset >= 0 && end <= buffer.length && offset <= end)) {
      throw new RangeError(`ProtocolReader: bad bounds offset=${offset} end=${end} length=${buffer.length}`);
    }
    this.buffer = buffer;
    this.offset = offset;
    this.end = end;
  }

  get remaining(): number {
    return this.end - this.offset;
  }

  /** Throws a ProtocolDecodeError at the current offset (or `offset`). */
  fail(message: string, offset: number = this.offset): never {
    throw new ProtocolDecodeError(message, offset);
  }

  private truncated(kind: string, what: string | undefined, needed: number, start: number): never {
    throw new ProtocolDecodeError(
      `Cannot read ${describe(kind, what)}: need ${needed} bytes, ${this.end - start} remaining`,
      start,
    );
  }

  /** Checks that `n` bytes remain, advances past them and returns where they start. */
  private take(n: number, kind: string, what: string | undefined): number {
    const o = this.offset;
    if (n > this.end - o) this.truncated(kind, what, n, o);
    this.offset = o + n;
    return o;
  }

  // ---------------------------------------------------------------- fixed width

  readInt8(what?: string): number {
    const o = this.take(1, 'int8', what);
    return (this.buffer[o] << 24) >> 24;
  }

  readInt16(what?: string): number {
    const o = this.take(2, 'int16', what);
    const b = this.buffer;
    return ((b[o] << 24) | (b[o + 1] << 16)) >> 16;
  }

  readUint16(what?: string): number {
    const o = this.take(2, 'uint16', what);
    const b = this.buffer;
    return (b[o] << 8) | b[o + 1];
  }

  readInt32(what?: string): number {
    const o = this.take(4, 'int32', what);
    const b = this.buffer;
    return (b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3];
  }

  readUint32(what?: string): number {
    const o = this.take(4, 'uint32', what);
    const b = this.buffer;
    return ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
  }

  readInt64(what?: string): bigint {
    const o = this.take(8, 'int64', what);
    return this.buffer.readBigInt64BE(o);
  }

  readFloat64(what?: string): number {
    const o = this.take(8, 'float64', what);
    return this.buffer.readDoubleBE(o);
  }

  /** Any non-zero byte is `true`, as in Kafka. */
  readBool(what?: string): boolean {
    const o = this.take(1, 'bool', what);
    return this.buffer[o] !== 0;
  }

  /** A UUID as Kafka's base64url text (22 characters). */
  readUuid(what?: string): string {
    const o = this.take(16, 'uuid', what);
    return this.buffer.toString('base64url', o, o + 16);
  }

  /** A UUID as a 16-byte view into the input. */
  readUuidBytes(what?: string): Buffer {
    const o = this.take(16, 'uuid', what);
    return this.buffer.subarray(o, o + 16);
  }

  // ---------------------------------------------------------------- varints

  /** Unsigned LEB128, at most 5 bytes, value in [0, 2^32). */
  readUnsignedVarint(what?: string): number {
    const b = this.buffer;
    const end = this.end;
    const start = this.offset;
    let o = start;
    if (o < end) {
      const first = b[o];
      if (first < 0x80) {
        this.offset = o + 1;
        return first;
      }
    }
    let value = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      if (o >= end) this.truncated('unsigned varint', what, o - start + 1, start);
      const byte = b[o++];
      value |= (byte & 0x7f) << shift;
      if (byte < 0x80) {
        this.offset = o;
        return value;
      }
    }
    if (o >= end) this.truncated('unsigned varint', what, o - start + 1, start);
    const last = b[o++];
    if (last > 0x0f) this.fail(`Cannot read ${describe('unsigned varint', what)}: longer than 32 bits`, start);
    this.offset = o;
    return value + last * TWO_POW_28;
  }

  /** Zigzag-encoded signed 32-bit varint. */
  readVarint(what?: string): number {
    const u = this.readUnsignedVarint(what ?? 'varint');
    return (u >>> 1) ^ -(u & 1);
  }

  /**
   * Reads the raw (not yet zigzag-decoded) unsigned varlong if it fits in 7 bytes (49 bits, exact
   * as a double) and returns it; returns -1 without consuming anything if it is longer.
   */
  private readShortUnsignedVarlong(what: string | undefined): number {
    const b = this.buffer;
    const end = this.end;
    const start = this.offset;
    let o = start;
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 7; i++) {
      if (o >= end) this.truncated('varlong', what, o - start + 1, start);
      const byte = b[o++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) {
        this.offset = o;
        return value;
      }
      scale *= 128;
    }
    return -1;
  }

  private readLongUnsignedVarlong(what: string | undefined): bigint {
    const b = this.buffer;
    const end = this.end;
    const start = this.offset;
    let o = start;
    let value = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (o >= end) this.truncated('varlong', what, o - start + 1, start);
      const byte = b[o++];
      if (i === 9 && byte > 0x01) this.fail(`Cannot read ${describe('varlong', what)}: longer than 64 bits`, start);
      value |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) {
        this.offset = o;
        return value;
      }
      shift += 7n;
    }
    return this.fail(`Cannot read ${describe('varlong', what)}: longer than 10 bytes`, start);
  }

  /** Zigzag-encoded signed 64-bit varint. */
  readVarlong(what?: string): bigint {
    const small = this.readShortUnsignedVarlong(what);
    if (small >= 0) return BigInt(small % 2 === 0 ? small / 2 : -(small + 1) / 2);
    const u = this.readLongUnsignedVarlong(what);
    return (u >> 1n) ^ -(u & 1n);
  }

  /** Like {@link readVarlong} but as a number; fails if the value is not a safe integer. */
  readVarlongNumber(what?: string): number {
    const start = this.offset;
    const small = this.readShortUnsignedVarlong(what);
    if (small >= 0) return small % 2 === 0 ? small / 2 : -(small + 1) / 2;
    const u = this.readLongUnsignedVarlong(what);
    const v = (u >> 1n) ^ -(u & 1n);
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
      this.fail(`Cannot read ${describe('varlong', what)}: ${v} is not a safe integer`, start);
    }
    return Number(v);
  }

  // ---------------------------------------------------------------- strings

  private stringBody(length: number, start: number, kind: string, what: string | undefined): string {
    if (length > MAX_STRING_LENGTH) this.fail(`Cannot read ${describe(kind, what)}: length ${length} exceeds 32767`, start);
    const o = this.offset;
    if (length > this.end - o) this.truncated(kind, what, length, o);
    this.offset = o + length;
    return length === 0 ? '' : this.buffer.toString('utf8', o, o + length);
  }

  /** int16 length + UTF-8; null (length -1) is an error. */
  readString(what?: string): string {
    const start = this.offset;
    const length = this.readInt16(what);
    if (length < 0) this.fail(`Cannot read ${describe('string', what)}: length ${length} (null not allowed)`, start);
    return this.stringBody(length, start, 'string', what);
  }

  /** int16 length (-1 = null) + UTF-8. */
  readNullableString(what?: string): string | null {
    const start = this.offset;
    const length = this.readInt16(what);
    if (length < 0) {
      if (length === -1) return null;
      this.fail(`Cannot read ${describe('nullable string', what)}: negative length ${length}`, start);
    }
    return this.stringBody(length, start, 'nullable string', what);
  }

  /** Unsigned varint length+1 + UTF-8; null (0) is an error. */
  readCompactString(what?: string): string {
    const start = this.offset;
    const n = this.readUnsignedVarint(what);
    if (n === 0) this.fail(`Cannot read ${describe('compact string', what)}: null not allowed`, start);
    return this.stringBody(n - 1, start, 'compact string', what);
  }

  /** Unsigned varint length+1 (0 = null) + UTF-8. */
  readCompactNullableString(what?: string): string | null {
    const start = this.offset;
    const n = this.readUnsignedVarint(what);
    if (n === 0) return null;
    return this.stringBody(n - 1, start, 'compact nullable string', what);
  }

  // ---------------------------------------------------------------- bytes

  /** `length` raw bytes as a view. */
  readRawBytes(length: number, what?: string): Buffer {
    if (length === 0) return EMPTY_BUFFER;
    const o = this.take(length, 'bytes', what);
    return this.buffer.subarray(o, o + length);
  }

  /** Advances past `length` bytes. */
  skip(length: number, what?: string): void {
    this.take(length, 'skipped bytes', what);
  }

  private bytesBody(length: number, start: number, kind: string, what: string | undefined): Buffer {
    const o = this.offset;
    if (length > this.end - o) this.truncated(kind, what, length, o);
    if (length === 0) return EMPTY_BUFFER;
    this.offset = o + length;
    return this.buffer.subarray(o, o + length);
  }

  /** int32 length + bytes (view); null (-1) is an error. */
  readBytes(what?: string): Buffer {
    const start = this.offset;
    const length = this.readInt32(what);
    if (length < 0) this.fail(`Cannot read ${describe('bytes', what)}: length ${length} (null not allowed)`, start);
    return this.bytesBody(length, start, 'bytes', what);
  }

  /** int32 length (-1 = null) + bytes (view). Also the non-flexible encoding of records. */
  readNullableBytes(what?: string): Buffer | null {
    const start = this.offset;
    const length = this.readInt32(what);
    if (length < 0) {
      if (length === -1) return null;
      this.fail(`Cannot read ${describe('nullable bytes', what)}: negative length ${length}`, start);
    }
    return this.bytesBody(length, start, 'nullable bytes', what);
  }

  /** Unsigned varint length+1 + bytes (view); null (0) is an error. */
  readCompactBytes(what?: string): Buffer {
    const start = this.offset;
    const n = this.readUnsignedVarint(what);
    if (n === 0) this.fail(`Cannot read ${describe('compact bytes', what)}: null not allowed`, start);
    return this.bytesBody(n - 1, start, 'compact bytes', what);
  }

  /** Unsigned varint length+1 (0 = null) + bytes (view). Also the flexible encoding of records. */
  readCompactNullableBytes(what?: string): Buffer | null {
    const start = this.offset;
    const n = this.readUnsignedVarint(what);
    if (n === 0) return null;
    return this.bytesBody(n - 1, start, 'compact nullable bytes', what);
  }

  // ---------------------------------------------------------------- arrays

  private checkArrayLength(length: number, minElementSize: number, start: number, kind: string, what: string | undefined): number {
    const min = minElementSize >= 1 ? minElementSize : 1;
    const available = this.end - this.offset;
    if (length > available / min) {
      this.fail(
        `Cannot read ${describe(kind, what)}: ${length} elements need at least ${length * min} bytes, ${available} remaining`,
        start,
      );
    }
    return length;
  }

  /**
   * int32 element count of a non-nullable array. `minElementSize` is the fewest bytes one element
   * can take (at least 1 is assumed): the count is rejected unless count × that many bytes remain.
   */
  readArrayLength(minElementSize = 1, what?: string): number {
    const start = this.offset;
    const length = this.readInt32(what);
    if (length < 0) this.fail(`Cannot read ${describe('array', what)}: length ${length} (null not allowed)`, start);
    return this.checkArrayLength(length, minElementSize, start, 'array', what);
  }

  /** Like {@link readArrayLength} but returns -1 for a null array. */
  readNullableArrayLength(minElementSize = 1, what?: string): number {
    const start = this.offset;
    const length = this.readInt32(what);
    if (length < 0) {
      if (length === -1) return -1;
      this.fail(`Cannot read ${describe('nullable array', what)}: negative length ${length}`, start);
    }
    return this.checkArrayLength(length, minElementSize, start, 'nullable array', what);
  }

  /** Unsigned varint count+1 of a non-nullable compact array. */
  readCompactArrayLength(minElementSize = 1, what?: string): number {
    const start = this.offset;
    const n = this.readUnsignedVarint(what);
    if (n === 0) this.fail(`Cannot read ${describe('compact array', what)}: null not allowed`, start);
    return this.checkArrayLength(n - 1, minElementSize, start, 'compact array', what);
  }

  /** Like {@link readCompactArrayLength} but returns -1 for a null array (count+1 = 0). */
  readCompactNullableArrayLength(minElementSize = 1, what?: string): number {
    const start = this.offset;
    const n = this.readUnsignedVarint(what);
    if (n === 0) return -1;
    return this.checkArrayLength(n - 1, minElementSize, start, 'compact nullable array', what);
  }

  /** Convenience for hand-written code: an int32-counted array. */
  readArray<T>(readElement: (reader: ProtocolReader) => T, minElementSize = 1, what?: string): T[] {
    return this.readElements(this.readArrayLength(minElementSize, what), readElement);
  }

  readNullableArray<T>(readElement: (reader: ProtocolReader) => T, minElementSize = 1, what?: string): T[] | null {
    const n = this.readNullableArrayLength(minElementSize, what);
    return n < 0 ? null : this.readElements(n, readElement);
  }

  readCompactArray<T>(readElement: (reader: ProtocolReader) => T, minElementSize = 1, what?: string): T[] {
    return this.readElements(this.readCompactArrayLength(minElementSize, what), readElement);
  }

  readCompactNullableArray<T>(readElement: (reader: ProtocolReader) => T, minElementSize = 1, what?: string): T[] | null {
    const n = this.readCompactNullableArrayLength(minElementSize, what);
    return n < 0 ? null : this.readElements(n, readElement);
  }

  private readElements<T>(n: number, readElement: (reader: ProtocolReader) => T): T[] {
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(readElement(this));
    return out;
  }

  // ---------------------------------------------------------------- tagged fields

  /** Number of tagged fields in a section (each needs at least 2 bytes: tag and size). */
  readTaggedFieldCount(what?: string): number {
    const start = this.offset;
    const n = this.readUnsignedVarint(what);
    const available = this.end - this.offset;
    if (n > available / 2) {
      this.fail(`Cannot read tagged fields${what === undefined ? '' : ` of ${what}`}: ${n} fields need at least ${n * 2} bytes, ${available} remaining`, start);
    }
    return n;
  }

  /** Reads a tagged field's size (after its tag) and returns the offset where the field ends. */
  readTaggedFieldEnd(what?: string): number {
    const start = this.offset;
    const size = this.readUnsignedVarint(what);
    if (size > this.end - this.offset) {
      this.fail(`Cannot read tagged field${what === undefined ? '' : ` of ${what}`}: size ${size}, ${this.end - this.offset} remaining`, start);
    }
    return this.offset + size;
  }

  /**
   * Ends a tagged field that ends at `end`: fails if the decoder read past it, skips whatever
   * it did not read (or the whole field if it was unknown).
   */
  finishTaggedField(end: number, tag: number, what?: string): void {
    if (this.offset > end) {
      this.fail(`Tagged field ${tag}${what === undefined ? '' : ` of ${what}`} is longer than its declared size`, end);
    }
    this.offset = end;
  }

  /** Skips a whole tagged-field section (count, then tag/size/data for each). */
  skipTaggedFields(what?: string): void {
    const n = this.readTaggedFieldCount(what);
    for (let i = 0; i < n; i++) {
      this.readUnsignedVarint(what);
      this.offset = this.readTaggedFieldEnd(what);
    }
  }
}
