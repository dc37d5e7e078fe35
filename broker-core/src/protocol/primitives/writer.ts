/**
 * Growable writer for Kafka's wire primitives, the mirror of {@link ProtocolReader}.
 *
 * - Integers are range-checked (a value that does not fit throws {@link ProtocolEncodeError}
 *   instead of silently wrapping); `int64` takes a `bigint`.
 * - UUIDs are Kafka's base64url text form (22 characters), as returned by the reader.
 * - Size prefixes: {@link beginSizePrefix}/{@link endSizePrefix} reserve and patch an int32 (a frame
 *   size); {@link beginTaggedField}/{@link endTaggedField} do the same for a tagged field's unsigned
 *   varint size.
 * - {@link finish} returns a view of the bytes written (no copy) and detaches it: the writer starts
 *   over with a fresh buffer if used again.
 */
import { ZERO_UUID } from './reader.js';

/** Thrown when a value cannot be encoded (out of range, null where not allowed, bad UUID, …). */
export class ProtocolEncodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolEncodeError';
  }
}

/** For generated code: a null in a field that is not nullable in the version being written. */
export function nullValueError(field: string, version: number): ProtocolEncodeError {
  return new ProtocolEncodeError(`${field} is null but not nullable in version ${version}`);
}

const EMPTY_BUFFER: Buffer = Buffer.alloc(0);
const MAX_STRING_LENGTH = 0x7fff;
const TWO_POW_32 = 0x100000000;
const TWO_POW_52 = 2 ** 52;
const TWO_POW_52_BIG = 2n ** 52n;

/** Bytes an unsigned varint of `value` (0 ≤ value < 2^32) takes. */
export function sizeOfUnsignedVarint(value: number): number {
  if (value < 0x80) return 1;
  if (value < 0x4000) return 2;
  if (value < 0x200000) return 3;
  if (value < 0x10000000) return 4;
  return 5;
}

/** A large byte run kept by reference: logically inserted at `at` in the writer's buffer. */
interface Splice {
  at: number;
  bytes: Uint8Array;
}

export interface ProtocolWriterOptions {
  /**
   * Byte runs (bytes, records) of at least this many bytes are not copied into the output but
   * kept by reference and handed out by {@link ProtocolWriter.finishChunks} between the copied
   * parts, so stored record batches go to the socket without a copy. Default: never.
   */
  spliceThreshold?: number;
}

export class ProtocolWriter {
  private buf: Buffer;
  private pos = 0;
  private readonly initialCapacity: number;
  private readonly spliceThreshold: number;
  private splices: Splice[] = [];
  private splicedBytes = 0;

  constructor(initialCapacity = 256, options: ProtocolWriterOptions = {}) {
    this.initialCapacity = initialCapacity > 0 ? initialCapacity : 256;
    this.buf = Buffer.allocUnsafe(this.initialCapacity);
    this.spliceThreshold = options.spliceThreshold ?? Number.POSITIVE_INFINITY;
  }

  /** Bytes written so far (spliced runs included). */
  get length(): number {
    return this.pos + this.splicedBytes;
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    const needed = this.pos + n;
    if (needed <= this.buf.length) return;
    let capacity = this.buf.length * 2;
    if (capacity < needed) capacity = needed;
    if (capacity < this.initialCapacity) capacity = this.initialCapacity;
    const next = Buffer.allocUnsafe(capacity);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /**
   * The bytes written, as one buffer: a view (no copy) unless runs were spliced, which are then
   * joined. The writer then starts over with a new buffer.
   */
  finish(): Buffer {
    const chunks = this.finishChunks();
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
  }

  /** The bytes written as consecutive chunks: views of the buffer and the spliced runs as given. */
  finishChunks(): Buffer[] {
    const chunks: Buffer[] = [];
    let from = 0;
    for (const splice of this.splices) {
      if (splice.at > from) chunks.push(this.buf.subarray(from, splice.at));
      chunks.push(Buffer.isBuffer(splice.bytes) ? splice.bytes : Buffer.from(splice.bytes.buffer, splice.bytes.byteOffset, splice.bytes.length));
      from = splice.at;
    }
    if (this.pos > from || chunks.length === 0) chunks.push(this.buf.subarray(from, this.pos));
    this.buf = EMPTY_BUFFER;
    this.pos = 0;
    this.splices = [];
    this.splicedBytes = 0;
    return chunks;
  }

  /** Spliced bytes logically placed at or after `position`. */
  private splicedFrom(position: number): number {
    let total = 0;
    for (const splice of this.splices) if (splice.at >= position) total += splice.bytes.length;
    return total;
  }

  // ---------------------------------------------------------------- fixed width

  writeInt8(value: number): void {
    if (((value << 24) >> 24) !== value) throw new ProtocolEncodeError(`int8 out of range: ${value}`);
    this.ensure(1);
    this.buf[this.pos++] = value & 0xff;
  }

  writeInt16(value: number): void {
    if (((value << 16) >> 16) !== value) throw new ProtocolEncodeError(`int16 out of range: ${value}`);
    this.ensure(2);
    const b = this.buf;
    const o = this.pos;
    b[o] = (value >>> 8) & 0xff;
    b[o + 1] = value & 0xff;
    this.pos = o + 2;
  }

  writeUint16(value: number): void {
    if ((value & 0xffff) !== value) throw new ProtocolEncodeError(`uint16 out of range: ${value}`);
    this.ensure(2);
    const b = this.buf;
    const o = this.pos;
    b[o] = value >>> 8;
    b[o + 1] = value & 0xff;
    this.pos = o + 2;
  }

  writeInt32(value: number): void {
    if ((value | 0) !== value) throw new ProtocolEncodeError(`int32 out of range: ${value}`);
    this.ensure(4);
    this.putInt32(this.pos, value);
    this.pos += 4;
  }

  writeUint32(value: number): void {
    if (value >>> 0 !== value) throw new ProtocolEncodeError(`uint32 out of range: ${value}`);
    this.ensure(4);
    this.putInt32(this.pos, value | 0);
    this.pos += 4;
  }

  private putInt32(o: number, value: number): void {
    const b = this.buf;
    b[o] = (value >>> 24) & 0xff;
    b[o + 1] = (value >>> 16) & 0xff;
    b[o + 2] = (value >>> 8) & 0xff;
    b[o + 3] = value & 0xff;
  }

  writeInt64(value: bigint): void {
    if (BigInt.asIntN(64, value) !== value) throw new ProtocolEncodeError(`int64 out of range: ${value}`);
    this.ensure(8);
    this.buf.writeBigInt64BE(value, this.pos);
    this.pos += 8;
  }

  writeFloat64(value: number): void {
    this.ensure(8);
    this.buf.writeDoubleBE(value, this.pos);
    this.pos += 8;
  }

  writeBool(value: boolean): void {
    this.ensure(1);
    this.buf[this.pos++] = value ? 1 : 0;
  }

  /** A UUID in Kafka's base64url text form (22 characters). */
  writeUuid(value: string): void {
    this.ensure(16);
    if (value === ZERO_UUID) {
      this.buf.fill(0, this.pos, this.pos + 16);
    } else if (value.length !== 22 || this.buf.write(value, this.pos, 16, 'base64url') !== 16) {
      throw new ProtocolEncodeError(`Not a base64url UUID: ${JSON.stringify(value)}`);
    }
    this.pos += 16;
  }

  /** A UUID given as its 16 bytes. */
  writeUuidBytes(value: Uint8Array): void {
    if (value.length !== 16) throw new ProtocolEncodeError(`UUID must be 16 bytes, got ${value.length}`);
    this.writeRawBytes(value);
  }

  // ---------------------------------------------------------------- varints

  /** Unsigned LEB128 of a value in [0, 2^32). */
  writeUnsignedVarint(value: number): void {
    if (value >>> 0 !== value) throw new ProtocolEncodeError(`unsigned varint out of range: ${value}`);
    this.ensure(5);
    this.pos = this.putUnsignedVarint(this.pos, value);
  }

  private putUnsignedVarint(o: number, value: number): number {
    const b = this.buf;
    while (value >= 0x80) {
      b[o++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    b[o++] = value;
    return o;
  }

  /** Zigzag signed 32-bit varint. */
  writeVarint(value: number): void {
    if ((value | 0) !== value) throw new ProtocolEncodeError(`varint out of range: ${value}`);
    this.writeUnsignedVarint(((value << 1) ^ (value >> 31)) >>> 0);
  }

  /** Zigzag signed 64-bit varint. */
  writeVarlong(value: bigint): void {
    if (value < TWO_POW_52_BIG && value > -TWO_POW_52_BIG) {
      this.writeSmallVarlong(Number(value));
      return;
    }
    if (BigInt.asIntN(64, value) !== value) throw new ProtocolEncodeError(`varlong out of range: ${value}`);
    let u = BigInt.asUintN(64, (value << 1n) ^ (value >> 63n));
    this.ensure(10);
    const b = this.buf;
    let o = this.pos;
    while (u >= 0x80n) {
      b[o++] = Number(u & 0x7fn) | 0x80;
      u >>= 7n;
    }
    b[o++] = Number(u);
    this.pos = o;
  }

  /** Zigzag signed 64-bit varint of a safe integer given as a number. */
  writeVarlongNumber(value: number): void {
    if (!Number.isSafeInteger(value)) throw new ProtocolEncodeError(`varlong is not a safe integer: ${value}`);
    if (value < TWO_POW_52 && value > -TWO_POW_52) this.writeSmallVarlong(value);
    else this.writeVarlong(BigInt(value));
  }

  /** |value| < 2^52, so the zigzag value is below 2^53 and exact as a double. */
  private writeSmallVarlong(value: number): void {
    let u = value >= 0 ? value * 2 : -value * 2 - 1;
    this.ensure(10);
    const b = this.buf;
    let o = this.pos;
    while (u >= TWO_POW_32) {
      b[o++] = (u % 128) | 0x80;
      u = Math.floor(u / 128);
    }
    while (u >= 0x80) {
      b[o++] = (u & 0x7f) | 0x80;
      u >>>= 7;
    }
    b[o++] = u;
    this.pos = o;
  }

  // ---------------------------------------------------------------- strings

  /** int16 length + UTF-8. */
  writeString(value: string): void {
    const maxBytes = value.length * 3;
    if (maxBytes <= MAX_STRING_LENGTH) {
      // Fast path: write the string, then its (certainly int16-sized) length in front.
      this.ensure(2 + maxBytes);
      const o = this.pos;
      const n = maxBytes === 0 ? 0 : this.buf.write(value, o + 2, 'utf8');
      this.buf[o] = n >>> 8;
      this.buf[o + 1] = n & 0xff;
      this.pos = o + 2 + n;
      return;
    }
    const n = Buffer.byteLength(value, 'utf8');
    if (n > MAX_STRING_LENGTH) throw new ProtocolEncodeError(`string too long: ${n} bytes (max 32767)`);
    this.writeInt16(n);
    this.ensure(n);
    this.pos += this.buf.write(value, this.pos, 'utf8');
  }

  /** int16 length (-1 for null) + UTF-8. */
  writeNullableString(value: string | null): void {
    if (value === null) this.writeInt16(-1);
    else this.writeString(value);
  }

  /** Unsigned varint length+1 + UTF-8. */
  writeCompactString(value: string): void {
    const maxBytes = value.length * 3;
    if (maxBytes < 0x7f) {
      // Fast path: length+1 certainly fits in one varint byte.
      this.ensure(1 + maxBytes);
      const o = this.pos;
      const n = maxBytes === 0 ? 0 : this.buf.write(value, o + 1, 'utf8');
      this.buf[o] = n + 1;
      this.pos = o + 1 + n;
      return;
    }
    const n = Buffer.byteLength(value, 'utf8');
    if (n > MAX_STRING_LENGTH) throw new ProtocolEncodeError(`string too long: ${n} bytes (max 32767)`);
    this.writeUnsignedVarint(n + 1);
    this.ensure(n);
    this.pos += this.buf.write(value, this.pos, 'utf8');
  }

  /** Unsigned varint length+1 (0 for null) + UTF-8. */
  writeCompactNullableString(value: string | null): void {
    if (value === null) this.writeUnsignedVarint(0);
    else this.writeCompactString(value);
  }

  // ---------------------------------------------------------------- bytes

  /** Appends `value` as is: one copy into the output, or by reference when it is large enough to splice. */
  writeRawBytes(value: Uint8Array): void {
    const n = value.length;
    if (n === 0) return;
    if (n >= this.spliceThreshold) {
      this.splices.push({ at: this.pos, bytes: value });
      this.splicedBytes += n;
      return;
    }
    this.ensure(n);
    this.buf.set(value, this.pos);
    this.pos += n;
  }

  /** int32 length + bytes. */
  writeBytes(value: Uint8Array): void {
    this.writeInt32(value.length);
    this.writeRawBytes(value);
  }

  /** int32 length (-1 for null) + bytes. Also the non-flexible encoding of records. */
  writeNullableBytes(value: Uint8Array | null): void {
    if (value === null) this.writeInt32(-1);
    else this.writeBytes(value);
  }

  /** Unsigned varint length+1 + bytes. */
  writeCompactBytes(value: Uint8Array): void {
    this.writeUnsignedVarint(value.length + 1);
    this.writeRawBytes(value);
  }

  /** Unsigned varint length+1 (0 for null) + bytes. Also the flexible encoding of records. */
  writeCompactNullableBytes(value: Uint8Array | null): void {
    if (value === null) this.writeUnsignedVarint(0);
    else this.writeCompactBytes(value);
  }

  // ---------------------------------------------------------------- arrays

  /** int32 element count; -1 means null. */
  writeArrayLength(length: number): void {
    this.writeInt32(length);
  }

  /** Unsigned varint count+1; -1 means null (written as 0). */
  writeCompactArrayLength(length: number): void {
    this.writeUnsignedVarint(length + 1);
  }

  /** Convenience for hand-written code: an int32-counted array (null → -1). */
  writeArray<T>(items: readonly T[] | null, writeElement: (writer: ProtocolWriter, item: T) => void): void {
    if (items === null) {
      this.writeInt32(-1);
      return;
    }
    this.writeInt32(items.length);
    for (let i = 0; i < items.length; i++) writeElement(this, items[i]);
  }

  /** Convenience for hand-written code: a compact array (null → 0). */
  writeCompactArray<T>(items: readonly T[] | null, writeElement: (writer: ProtocolWriter, item: T) => void): void {
    if (items === null) {
      this.writeUnsignedVarint(0);
      return;
    }
    this.writeUnsignedVarint(items.length + 1);
    for (let i = 0; i < items.length; i++) writeElement(this, items[i]);
  }

  // ---------------------------------------------------------------- size prefixes

  /** Reserves an int32 (zeroed) and returns its position, for {@link patchInt32}. */
  reserveInt32(): number {
    this.ensure(4);
    const o = this.pos;
    this.putInt32(o, 0);
    this.pos = o + 4;
    return o;
  }

  /** Overwrites the int32 at `position` (from {@link reserveInt32}). */
  patchInt32(position: number, value: number): void {
    if ((value | 0) !== value) throw new ProtocolEncodeError(`int32 out of range: ${value}`);
    if (position < 0 || position + 4 > this.pos) throw new RangeError(`patchInt32: bad position ${position}`);
    this.putInt32(position, value);
  }

  /** Reserves an int32 size prefix; pass the result to {@link endSizePrefix}. */
  beginSizePrefix(): number {
    return this.reserveInt32();
  }

  /** Patches the prefix reserved at `mark` with the number of bytes written after it. */
  endSizePrefix(mark: number): void {
    this.patchInt32(mark, this.pos - mark - 4 + this.splicedFrom(mark + 4));
  }

  /** Writes an empty tagged-field section (count 0). */
  writeEmptyTaggedFields(): void {
    this.ensure(1);
    this.buf[this.pos++] = 0;
  }

  /**
   * Starts a tagged field's data (call after writing its tag): reserves one byte for the unsigned
   * varint size and returns a mark for {@link endTaggedField}.
   */
  beginTaggedField(): number {
    this.ensure(1);
    const mark = this.pos;
    this.buf[this.pos++] = 0;
    return mark;
  }

  /** Writes the size of the data written since {@link beginTaggedField}, moving it if needed. */
  endTaggedField(mark: number): void {
    const dataStart = mark + 1;
    if (this.splicedFrom(dataStart) > 0) throw new ProtocolEncodeError('a spliced byte run inside a tagged field is not supported');
    const size = this.pos - dataStart;
    if (size < 0x80) {
      this.buf[mark] = size;
      return;
    }
    const extra = sizeOfUnsignedVarint(size) - 1;
    this.ensure(extra);
    this.buf.copyWithin(dataStart + extra, dataStart, this.pos);
    this.putUnsignedVarint(mark, size);
    this.pos += extra;
  }
}
