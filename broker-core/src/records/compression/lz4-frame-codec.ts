/**
 * lz4 (codec 3): the LZ4 frame format (KIP-57), as Kafka's Java client, librdkafka and the kafkajs
 * codecs write it. One or more frames back to back, each:
 *
 *   magic            4 bytes  0x184D2204, little-endian
 *   FLG              1 byte   version (bits 7-6, must be 01), block independence (5), block
 *                             checksum (4), content size (3), content checksum (2), dictionary id (0)
 *   BD               1 byte   block maximum size (bits 6-4): 4 = 64 KiB, 5 = 256 KiB, 6 = 1 MiB, 7 = 4 MiB
 *   content size     8 bytes  little-endian, if FLG says so
 *   dictionary id    4 bytes  if FLG says so (Kafka never uses one: refused)
 *   HC               1 byte   (XXH32(FLG … the byte before HC) >> 8) & 0xff
 *   blocks           [uint32 LE size, high bit set = stored uncompressed][data][XXH32 of data, if FLG says so] …
 *   end mark         uint32 0
 *   content checksum XXH32 of the decompressed content, if FLG says so
 *
 * Kafka 0.8-0.9 computed HC over the magic too (KAFKA-3160); such frames are accepted, as Kafka's
 * own reader does for old messages. Every checksum present is verified.
 *
 * The frame is parsed here and its blocks (de)compressed by lz4-block.ts (why not a library: see
 * there). Each block's output is held to the frame's block maximum, the whole output to
 * `maxOutputBytes`, and matches to the frame's own output. `unlz4` throws a DecompressionError
 * naming what is wrong.
 *
 * `lz4` writes what the Java client writes: one frame, 64 KiB independent blocks, no checksums
 * besides HC, no content size.
 */
import { DecompressionError } from './compression-error';
import { compressLz4Block, decompressLz4Block, lz4BlockBound } from './lz4-block';
import { xxh32 } from './xxh32';

export const LZ4_FRAME_MAGIC = 0x184d2204;
const FLG_VERSION_MASK = 0xc0;
const FLG_VERSION_01 = 0x40;
const FLG_BLOCK_INDEPENDENCE = 0x20;
const FLG_BLOCK_CHECKSUM = 0x10;
const FLG_CONTENT_SIZE = 0x08;
const FLG_CONTENT_CHECKSUM = 0x04;
const FLG_RESERVED = 0x02;
const FLG_DICTIONARY_ID = 0x01;
const BLOCK_UNCOMPRESSED = 0x80000000;
const BLOCK_MAX_SIZES: Record<number, number> = { 4: 64 * 1024, 5: 256 * 1024, 6: 1024 * 1024, 7: 4 * 1024 * 1024 };
/** LZ4's best ratio is about 255:1 (each length byte of 0xff adds 255 bytes of output). */
const MAX_RATIO = 255;

function fail(message: string): never {
  throw new DecompressionError('lz4', message);
}

interface FrameBlock {
  start: number;
  size: number;
  uncompressed: boolean;
}

interface ParsedFrame {
  flags: number;
  blocks: FrameBlock[];
  maxBlockSize: number;
  contentSize: number | null;
  /** Upper bound of the decompressed size, from the block sizes. */
  outputBound: number;
  /** Where the content checksum is (if FLG says so). */
  contentChecksumAt: number;
  end: number;
}

/** Walks one frame's header and block headers, checking framing and checksums of the compressed side. */
function parseFrame(bytes: Uint8Array, view: DataView, start: number, frameIndex: number): ParsedFrame {
  const where = frameIndex === 0 ? 'LZ4 frame' : `LZ4 frame ${frameIndex}`;
  if (start + 7 > bytes.length) fail(`${where} truncated: ${bytes.length - start} bytes, too few for a frame header`);
  const magic = view.getUint32(start, true);
  if (magic !== LZ4_FRAME_MAGIC) fail(`${where} has magic 0x${magic.toString(16)}, not 0x184d2204 (not an LZ4 frame)`);
  const flags = bytes[start + 4];
  if ((flags & FLG_VERSION_MASK) !== FLG_VERSION_01) fail(`${where} has version ${flags >> 6} (only version 1 exists)`);
  if (flags & FLG_RESERVED) fail(`${where} sets a reserved FLG bit`);
  if (flags & FLG_DICTIONARY_ID) fail(`${where} needs a dictionary, which Kafka never uses`);
  const blockSizeId = (bytes[start + 5] >> 4) & 0x07;
  const maxBlockSize = BLOCK_MAX_SIZES[blockSizeId];
  if (maxBlockSize === undefined || bytes[start + 5] & 0x8f) fail(`${where} has an invalid BD byte 0x${bytes[start + 5].toString(16)}`);
  let position = start + 6;
  let contentSize: number | null = null;
  if (flags & FLG_CONTENT_SIZE) {
    if (position + 9 > bytes.length) fail(`${where} truncated in its content size`);
    contentSize = view.getUint32(position + 4, true) * 2 ** 32 + view.getUint32(position, true);
    position += 8;
  }
  const headerChecksum = bytes[position];
  const expected = (xxh32(bytes, start + 4, position) >>> 8) & 0xff;
  const kafka08Checksum = (xxh32(bytes, start, position) >>> 8) & 0xff;
  if (headerChecksum !== expected && headerChecksum !== kafka08Checksum) {
    fail(`${where} header checksum mismatch (stored 0x${headerChecksum.toString(16)}, computed 0x${expected.toString(16)})`);
  }
  position++;
  const blocks: FrameBlock[] = [];
  let outputBound = 0;
  for (;;) {
    if (position + 4 > bytes.length) fail(`${where} truncated: no end mark after ${blocks.length} blocks`);
    const word = view.getUint32(position, true);
    position += 4;
    if (word === 0) break;
    const uncompressed = (word & BLOCK_UNCOMPRESSED) !== 0;
    const size = word & ~BLOCK_UNCOMPRESSED;
    if (size > maxBlockSize) fail(`${where} block ${blocks.length} holds ${size} bytes, more than the frame's block maximum ${maxBlockSize}`);
    if (position + size > bytes.length) fail(`${where} truncated in block ${blocks.length} (${size} bytes declared, ${bytes.length - position} present)`);
    if (flags & FLG_BLOCK_CHECKSUM) {
      if (position + size + 4 > bytes.length) fail(`${where} truncated in the checksum of block ${blocks.length}`);
      const stored = view.getUint32(position + size, true);
      const computed = xxh32(bytes, position, position + size);
      if (stored !== computed) fail(`${where} block ${blocks.length} checksum mismatch (stored 0x${stored.toString(16)}, computed 0x${computed.toString(16)})`);
    }
    blocks.push({ start: position, size, uncompressed });
    outputBound += uncompressed ? size : Math.min(maxBlockSize, size * MAX_RATIO);
    position += size + (flags & FLG_BLOCK_CHECKSUM ? 4 : 0);
  }
  const contentChecksumAt = position;
  if (flags & FLG_CONTENT_CHECKSUM) {
    if (position + 4 > bytes.length) fail(`${where} truncated in its content checksum`);
    position += 4;
  }
  return { flags, blocks, maxBlockSize, contentSize, outputBound, contentChecksumAt, end: position };
}

export function unlz4(bytes: Uint8Array, maxOutputBytes: number): Buffer {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const frames: ParsedFrame[] = [];
  let bound = 0;
  for (let position = 0; position < bytes.length; ) {
    const frame = parseFrame(bytes, view, position, frames.length);
    if (frame.contentSize !== null && frame.contentSize > maxOutputBytes) fail(`LZ4 frame declares ${frame.contentSize} bytes of content, more than the reader's limit of ${maxOutputBytes}`);
    frames.push(frame);
    bound += frame.outputBound;
    position = frame.end;
  }
  if (frames.length === 0) fail('empty LZ4 data: no frame');
  // Compressed blocks count at their maximum size in `bound`: the real output is usually smaller.
  const capacity = Math.min(bound, maxOutputBytes);
  const limited = capacity < bound;
  const output = Buffer.allocUnsafe(capacity); // every byte returned is written first; matches only read written bytes
  let written = 0;
  frames.forEach((frame, frameIndex) => {
    const where = frameIndex === 0 ? 'LZ4 frame' : `LZ4 frame ${frameIndex}`;
    const frameStart = written;
    const independent = (frame.flags & FLG_BLOCK_INDEPENDENCE) !== 0;
    frame.blocks.forEach((block, blockIndex) => {
      const overLimit = () => fail(`LZ4 data decompresses to more than ${maxOutputBytes} bytes (the reader's limit)`);
      if (block.uncompressed) {
        if (written + block.size > capacity) overLimit(); // the bound counts stored blocks exactly: only the limit can be short
        output.set(bytes.subarray(block.start, block.start + block.size), written);
        written += block.size;
        return;
      }
      const blockLimit = written + frame.maxBlockSize;
      try {
        written = decompressLz4Block(bytes, block.start, block.start + block.size, output, written, independent ? written : frameStart, Math.min(capacity, blockLimit));
      } catch (error) {
        const message = (error as Error).message;
        if (limited && blockLimit > capacity && message.includes('maximum size')) overLimit();
        fail(`${where} block ${blockIndex} is corrupt: ${message}`);
      }
    });
    if (frame.contentSize !== null && written - frameStart !== frame.contentSize) {
      fail(`${where} declares ${frame.contentSize} bytes of content but decodes to ${written - frameStart}`);
    }
    if (frame.flags & FLG_CONTENT_CHECKSUM) {
      const stored = view.getUint32(frame.contentChecksumAt, true);
      const computed = xxh32(output, frameStart, written);
      if (stored !== computed) fail(`${where} content checksum mismatch (stored 0x${stored.toString(16)}, computed 0x${computed.toString(16)})`);
    }
  });
  // Don't keep a mostly empty buffer alive behind the records' views.
  return written * 2 < output.length ? Buffer.from(output.subarray(0, written)) : output.subarray(0, written);
}

const FRAME_BLOCK_SIZE = 64 * 1024;
const FRAME_BLOCK_SIZE_ID = 4;

/** One frame of independent 64 KiB blocks, stored uncompressed where compression does not help. */
export function lz4(bytes: Uint8Array): Buffer {
  const blockCount = Math.max(1, Math.ceil(bytes.length / FRAME_BLOCK_SIZE));
  // Header 7, end mark 4, per block a size word and at worst the block stored as is.
  const output = Buffer.allocUnsafe(7 + 4 + blockCount * (4 + FRAME_BLOCK_SIZE));
  output.writeUInt32LE(LZ4_FRAME_MAGIC, 0);
  output[4] = FLG_VERSION_01 | FLG_BLOCK_INDEPENDENCE;
  output[5] = FRAME_BLOCK_SIZE_ID << 4;
  output[6] = (xxh32(output, 4, 6) >>> 8) & 0xff;
  let position = 7;
  const scratch = Buffer.allocUnsafe(lz4BlockBound(FRAME_BLOCK_SIZE));
  const hashTable = new Int32Array(1 << 16);
  for (let start = 0; start < bytes.length; start += FRAME_BLOCK_SIZE) {
    const block = bytes.subarray(start, Math.min(bytes.length, start + FRAME_BLOCK_SIZE));
    const size = compressLz4Block(block, scratch, hashTable);
    if (size < block.length) {
      output.writeUInt32LE(size, position);
      scratch.copy(output, position + 4, 0, size);
      position += 4 + size;
    } else {
      output.writeUInt32LE((BLOCK_UNCOMPRESSED | block.length) >>> 0, position);
      output.set(block, position + 4);
      position += 4 + block.length;
    }
  }
  output.writeUInt32LE(0, position);
  return Buffer.from(output.subarray(0, position + 4));
}
