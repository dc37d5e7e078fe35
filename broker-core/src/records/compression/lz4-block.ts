/**
 * The LZ4 block format (the body of each block of an LZ4 frame): a run of sequences, each
 *
 *   token        1 byte   literal length (high nibble), match length - 4 (low nibble); 15 = more follows
 *   ext. length  0+ bytes 255, 255, …, <255 added to the literal length
 *   literals     literal length bytes
 *   offset       uint16 LE, 1-65535: how far back the match starts          (not in the last sequence)
 *   ext. length  0+ bytes added to the match length                          (not in the last sequence)
 *
 * The last sequence is literals only and ends the block. Writers must also keep the last 5 bytes
 * literals and start no match in the last 12 bytes: the reference decoder (and so librdkafka and
 * lz4-java, Kafka's Java client) refuses a block that does not, which is why this is written out
 * here: lz4js, the pure-JavaScript LZ4 in wide use, breaks the second rule (found by the `lz4`
 * tool refusing its frames) and checks no bounds when decoding.
 *
 * `decompressLz4Block` checks every length and offset against the input, the output window and
 * the output limit, and throws a RangeError naming what is wrong. `compressLz4Block` is the
 * reference's fast greedy matcher (4-byte hash, no chains): level 1.
 */
const MIN_MATCH = 4;
const LAST_LITERALS = 5;
const MF_LIMIT = 12;
const HASH_LOG = 16;
const SKIP_TRIGGER = 6;

/** Worst-case compressed size of `length` bytes (LZ4_compressBound). */
export function lz4BlockBound(length: number): number {
  return length + Math.floor(length / 255) + 16;
}

/**
 * Decodes the block `src[start, end)` into `dst` from `at`; returns the output position after it.
 * Matches may reach back to `windowStart` (a frame's linked blocks share one window) and writes
 * may not pass `limit`.
 */
export function decompressLz4Block(src: Uint8Array, start: number, end: number, dst: Uint8Array, at: number, windowStart: number, limit: number): number {
  let ip = start;
  let op = at;
  for (;;) {
    if (ip >= end) throw new RangeError('block ends inside a sequence');
    const token = src[ip++];
    let literalLength = token >>> 4;
    if (literalLength === 15) {
      let extra: number;
      do {
        if (ip >= end) throw new RangeError('block ends inside a literal length');
        extra = src[ip++];
        literalLength += extra;
      } while (extra === 255);
    }
    if (ip + literalLength > end) throw new RangeError(`${literalLength} literals run past the end of the block`);
    if (op + literalLength > limit) throw new RangeError('block decodes past its maximum size');
    if (literalLength < 16) for (let i = 0; i < literalLength; i++) dst[op + i] = src[ip + i];
    else dst.set(src.subarray(ip, ip + literalLength), op);
    ip += literalLength;
    op += literalLength;
    if (ip === end) return op;
    if (ip + 2 > end) throw new RangeError('block ends inside a match offset');
    const offset = src[ip] | (src[ip + 1] << 8);
    ip += 2;
    if (offset === 0 || offset > op - windowStart) throw new RangeError(`match offset ${offset} points before the start of the data`);
    let matchLength = token & 15;
    if (matchLength === 15) {
      let extra: number;
      do {
        if (ip >= end) throw new RangeError('block ends inside a match length');
        extra = src[ip++];
        matchLength += extra;
      } while (extra === 255);
    }
    matchLength += MIN_MATCH;
    if (op + matchLength > limit) throw new RangeError('block decodes past its maximum size');
    let from = op - offset;
    if (offset >= matchLength) {
      dst.copyWithin(op, from, from + matchLength);
      op += matchLength;
    } else {
      // Overlapping: the match repeats bytes it is itself writing.
      for (let i = 0; i < matchLength; i++) dst[op++] = dst[from++];
    }
  }
}

function readU32(bytes: Uint8Array, position: number): number {
  return bytes[position] | (bytes[position + 1] << 8) | (bytes[position + 2] << 16) | (bytes[position + 3] << 24);
}

function writeLength(dst: Uint8Array, op: number, rest: number): number {
  while (rest >= 255) {
    dst[op++] = 255;
    rest -= 255;
  }
  dst[op++] = rest;
  return op;
}

/** Writes one sequence (`matchLength` 0: the last, literals only); returns the position after it. */
function writeSequence(dst: Uint8Array, op: number, src: Uint8Array, literalStart: number, literalLength: number, offset: number, matchLength: number): number {
  const tokenAt = op++;
  let token = Math.min(literalLength, 15) << 4;
  if (literalLength >= 15) op = writeLength(dst, op, literalLength - 15);
  dst.set(src.subarray(literalStart, literalStart + literalLength), op);
  op += literalLength;
  if (matchLength > 0) {
    dst[op++] = offset & 0xff;
    dst[op++] = offset >>> 8;
    const rest = matchLength - MIN_MATCH;
    if (rest >= 15) {
      token |= 15;
      op = writeLength(dst, op, rest - 15);
    } else token |= rest;
  }
  dst[tokenAt] = token;
  return op;
}

/**
 * Compresses `src` as one block into `dst` (at least `lz4BlockBound(src.length)` bytes); returns
 * the compressed size. `hashTable` (2^16 entries) is overwritten; blocks share no state.
 */
export function compressLz4Block(src: Uint8Array, dst: Uint8Array, hashTable: Int32Array): number {
  const length = src.length;
  hashTable.fill(0); // entries are position + 1; 0 = empty
  let op = 0;
  let anchor = 0;
  if (length > MF_LIMIT) {
    const lastMatchStart = length - MF_LIMIT;
    const matchLimit = length - LAST_LITERALS;
    let ip = 0;
    let searches = 1 << SKIP_TRIGGER;
    while (ip <= lastMatchStart) {
      const sequence = readU32(src, ip);
      const hash = Math.imul(sequence, 2654435761) >>> (32 - HASH_LOG);
      const candidate = hashTable[hash] - 1;
      hashTable[hash] = ip + 1;
      if (candidate < 0 || ip - candidate > 65535 || readU32(src, candidate) !== sequence) {
        ip += searches++ >> SKIP_TRIGGER; // the longer nothing matches, the faster it skips ahead
        continue;
      }
      searches = 1 << SKIP_TRIGGER;
      let matchStart = ip;
      let reference = candidate;
      while (matchStart > anchor && reference > 0 && src[matchStart - 1] === src[reference - 1]) {
        matchStart--;
        reference--;
      }
      let matchEnd = ip + MIN_MATCH;
      let referenceEnd = candidate + MIN_MATCH;
      while (matchEnd < matchLimit && src[matchEnd] === src[referenceEnd]) {
        matchEnd++;
        referenceEnd++;
      }
      op = writeSequence(dst, op, src, anchor, matchStart - anchor, matchStart - reference, matchEnd - matchStart);
      anchor = ip = matchEnd;
    }
  }
  return writeSequence(dst, op, src, anchor, length - anchor, 0, 0);
}
