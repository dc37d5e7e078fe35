/**
 * Zig-zag variable-length integers, as RecordBatch v2 records use them (protobuf's encoding):
 * `varint` for int32 values, `varlong` for int64 values read into numbers (exact within ±2^53).
 *
 * Readers return the value and leave the next position in `cursor.position`; a varint that runs
 * past `end` or is longer than its type allows throws a RangeError, which callers turn into their
 * own typed error.
 */

export interface ByteCursor {
  position: number;
}

/** Reads a zig-zag varint (int32) at `cursor.position`, advancing it. */
export function readVarint(bytes: Uint8Array, cursor: ByteCursor, end = bytes.length): number {
  let position = cursor.position;
  let raw = 0;
  let shift = 0;
  for (;;) {
    if (position >= end) throw new RangeError('varint runs past the end of its buffer');
    const byte = bytes[position++];
    raw |= (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) break;
    shift += 7;
    if (shift > 28) throw new RangeError('varint longer than 5 bytes');
  }
  cursor.position = position;
  return (raw >>> 1) ^ -(raw & 1);
}

/** Reads a zig-zag varlong (int64) at `cursor.position` as a number, advancing it. */
export function readVarlong(bytes: Uint8Array, cursor: ByteCursor, end = bytes.length): number {
  let position = cursor.position;
  let raw = 0;
  let multiplier = 1;
  for (;;) {
    if (position >= end) throw new RangeError('varlong runs past the end of its buffer');
    const byte = bytes[position++];
    raw += (byte & 0x7f) * multiplier;
    if ((byte & 0x80) === 0) break;
    multiplier *= 128;
    if (multiplier > 2 ** 63) throw new RangeError('varlong longer than 10 bytes');
  }
  cursor.position = position;
  // Zig-zag decode without 32-bit operators: even → n/2, odd → -(n+1)/2.
  return raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2;
}

/** Bytes a zig-zag varlong (or varint) takes. */
export function sizeOfVarlong(value: number): number {
  let raw = value >= 0 ? value * 2 : -value * 2 - 1;
  let size = 1;
  while (raw >= 128) {
    raw = Math.floor(raw / 128);
    size++;
  }
  return size;
}

/** Writes a zig-zag varlong (or varint) at `position`; returns the position after it. */
export function writeVarlong(bytes: Uint8Array, position: number, value: number): number {
  let raw = value >= 0 ? value * 2 : -value * 2 - 1;
  while (raw >= 128) {
    bytes[position++] = (raw % 128) | 0x80;
    raw = Math.floor(raw / 128);
  }
  bytes[position++] = raw;
  return position;
}
