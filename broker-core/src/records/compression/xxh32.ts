/**
 * XXH32 (xxHash, 32-bit), the checksum of the LZ4 frame format: its header checksum, optional
 * block checksums and optional content checksum. Short enough to write out (~1.5 GB/s here),
 * and checked against the reference values in compression.test.ts.
 */
const PRIME1 = 0x9e3779b1;
const PRIME2 = 0x85ebca77;
const PRIME3 = 0xc2b2ae3d;
const PRIME4 = 0x27d4eb2f;
const PRIME5 = 0x165667b1;

function rotl(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

function readU32LE(bytes: Uint8Array, position: number): number {
  return bytes[position] | (bytes[position + 1] << 8) | (bytes[position + 2] << 16) | (bytes[position + 3] << 24);
}

function round(accumulator: number, lane: number): number {
  return Math.imul(rotl((accumulator + Math.imul(lane, PRIME2)) | 0, 13), PRIME1);
}

/** XXH32 of `bytes[start, end)`; an unsigned 32-bit value. */
export function xxh32(bytes: Uint8Array, start = 0, end = bytes.length, seed = 0): number {
  let position = start;
  let hash: number;
  if (end - start >= 16) {
    let v1 = (seed + PRIME1 + PRIME2) | 0;
    let v2 = (seed + PRIME2) | 0;
    let v3 = seed | 0;
    let v4 = (seed - PRIME1) | 0;
    const limit = end - 16;
    while (position <= limit) {
      v1 = round(v1, readU32LE(bytes, position));
      v2 = round(v2, readU32LE(bytes, position + 4));
      v3 = round(v3, readU32LE(bytes, position + 8));
      v4 = round(v4, readU32LE(bytes, position + 12));
      position += 16;
    }
    hash = (rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18)) | 0;
  } else {
    hash = (seed + PRIME5) | 0;
  }
  hash = (hash + (end - start)) | 0;
  while (position + 4 <= end) {
    hash = Math.imul(rotl((hash + Math.imul(readU32LE(bytes, position), PRIME3)) | 0, 17), PRIME4);
    position += 4;
  }
  while (position < end) {
    hash = Math.imul(rotl((hash + Math.imul(bytes[position], PRIME5)) | 0, 11), PRIME1);
    position++;
  }
  hash = Math.imul(hash ^ (hash >>> 15), PRIME2);
  hash = Math.imul(hash ^ (hash >>> 13), PRIME3);
  return (hash ^ (hash >>> 16)) >>> 0;
}
