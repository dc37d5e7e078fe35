/**
 * zstd (codec 4): Zstandard frames (RFC 8878), one or more back to back, as zstd-jni (Kafka's
 * Java client), librdkafka and kafkajs codecs write them. Each frame:
 *
 *   magic        4 bytes  0xFD2FB528, little-endian (0x184D2A50-5F: a skippable frame, size-prefixed)
 *   descriptor   1 byte   content size field size (bits 7-6), single segment (5), reserved (3),
 *                         content checksum (2), dictionary id size (1-0)
 *   window       1 byte   unless single segment
 *   dictionary   0-4 bytes (Kafka never uses one: refused)
 *   content size 0-8 bytes
 *   blocks       [3-byte LE header: last (bit 0), type (bits 1-2: raw, RLE, compressed), size (3-23)][data] …
 *   checksum     4 bytes, if the descriptor says so
 *
 * Before decompressing, the frames and block headers are walked here: that refuses truncated or
 * malformed framing with a precise message, and bounds the output (raw and RLE blocks say their
 * size, a compressed block is at most min(window, 128 KiB)). Where that bound passes
 * `maxOutputBytes`, decompression stops as soon as the output does (node:zlib's maxOutputLength,
 * fzstd's streaming mode), so a small batch cannot claim gigabytes: a DecompressionError.
 *
 * Decompression: node:zlib's `zstdDecompressSync` where the running Node has it (22.15+, 23.8+,
 * so Electron's Node 24), else `fzstd` (pure JavaScript). Compression: node:zlib's `zstdCompress`
 * where available, else `@hpcc-js/wasm-zstd` (zstd compiled to WebAssembly, embedded in its
 * JavaScript, loaded on first use).
 */
import * as zlib from 'node:zlib';
import { Decompress as FzstdStream, decompress as fzstdDecompress } from 'fzstd';
import { DecompressionError, UnsupportedCompressionError, describeCause } from './compression-error';

export const ZSTD_FRAME_MAGIC = 0xfd2fb528;
const SKIPPABLE_MAGIC_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;
const MAX_BLOCK_SIZE = 128 * 1024;

type ZstdSync = (bytes: Uint8Array, options?: { maxOutputLength?: number }) => Buffer;
type ZstdAsync = (bytes: Uint8Array, callback: (error: Error | null, result: Buffer) => void) => void;

/** node:zlib's zstd functions, present from Node 22.15 / 23.8 (absent from @types/node 20). */
const nativeZstd = zlib as unknown as { zstdDecompressSync?: ZstdSync; zstdCompress?: ZstdAsync };

export type ZstdImplementation = 'node:zlib' | 'fzstd';

/** Which decompressor this process uses. */
export const zstdDecompressor: ZstdImplementation = typeof nativeZstd.zstdDecompressSync === 'function' ? 'node:zlib' : 'fzstd';

function fail(message: string): never {
  throw new DecompressionError('zstd', message);
}

/** The most the frames in `bytes` can decompress to, from their headers; throws on bad framing. */
export function zstdOutputBound(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let bound = 0;
  let position = 0;
  let frameIndex = 0;
  if (bytes.length === 0) fail('empty zstd data: no frame');
  while (position < bytes.length) {
    const where = frameIndex === 0 ? 'zstd frame' : `zstd frame ${frameIndex}`;
    if (position + 4 > bytes.length) fail(`${where} truncated: ${bytes.length - position} bytes, too few for a magic number`);
    const magic = view.getUint32(position, true);
    if ((magic & SKIPPABLE_MAGIC_MASK) >>> 0 === SKIPPABLE_MAGIC) {
      if (position + 8 > bytes.length) fail(`skippable ${where} truncated`);
      position += 8 + view.getUint32(position + 4, true);
      if (position > bytes.length) fail(`skippable ${where} runs past the end of the data`);
      frameIndex++;
      continue;
    }
    if (magic !== ZSTD_FRAME_MAGIC) fail(`${where} has magic 0x${magic.toString(16)}, not 0xfd2fb528 (not zstd data)`);
    position += 4;
    if (position >= bytes.length) fail(`${where} truncated in its header`);
    const descriptor = bytes[position++];
    const contentSizeFlag = descriptor >> 6;
    const singleSegment = (descriptor & 0x20) !== 0;
    if (descriptor & 0x08) fail(`${where} sets the reserved descriptor bit`);
    if (descriptor & 0x03) fail(`${where} needs a dictionary, which Kafka never uses`);
    let windowSize = Infinity;
    if (!singleSegment) {
      if (position >= bytes.length) fail(`${where} truncated in its header`);
      const windowDescriptor = bytes[position++];
      const windowBase = 2 ** (10 + (windowDescriptor >> 3));
      windowSize = windowBase + (windowBase / 8) * (windowDescriptor & 0x07);
    }
    const contentSizeBytes = [singleSegment ? 1 : 0, 2, 4, 8][contentSizeFlag];
    if (position + contentSizeBytes > bytes.length) fail(`${where} truncated in its header`);
    let contentSize: number | null = null;
    if (contentSizeBytes === 1) contentSize = bytes[position];
    else if (contentSizeBytes === 2) contentSize = view.getUint16(position, true) + 256;
    else if (contentSizeBytes === 4) contentSize = view.getUint32(position, true);
    else if (contentSizeBytes === 8) contentSize = view.getUint32(position + 4, true) * 2 ** 32 + view.getUint32(position, true);
    position += contentSizeBytes;
    if (singleSegment && contentSize !== null) windowSize = contentSize;
    const blockMaximum = Math.min(windowSize, MAX_BLOCK_SIZE);
    let frameBound = 0;
    for (let block = 0; ; block++) {
      if (position + 3 > bytes.length) fail(`${where} truncated: no last block after ${block} blocks`);
      const header = bytes[position] | (bytes[position + 1] << 8) | (bytes[position + 2] << 16);
      position += 3;
      const type = (header >> 1) & 0x03;
      const size = header >>> 3;
      if (type === 3) fail(`${where} block ${block} has the reserved block type 3`);
      if (size > MAX_BLOCK_SIZE) fail(`${where} block ${block} declares ${size} bytes, more than zstd's 128 KiB block maximum`);
      const stored = type === 1 ? 1 : size;
      if (position + stored > bytes.length) fail(`${where} truncated in block ${block} (${stored} bytes declared, ${bytes.length - position} present)`);
      position += stored;
      frameBound += type === 2 ? blockMaximum : size;
      if (header & 1) break;
    }
    if (descriptor & 0x04) {
      if (position + 4 > bytes.length) fail(`${where} truncated in its content checksum`);
      position += 4;
    }
    if (contentSize !== null) {
      if (contentSize > frameBound) fail(`${where} declares ${contentSize} bytes of content but its blocks hold at most ${frameBound}`);
      frameBound = contentSize;
    }
    bound += frameBound;
    frameIndex++;
  }
  return bound;
}

/** fzstd, stopping once the output passes `maxOutputBytes` (frames without a content size can't be bounded up front). */
function fzstdBounded(bytes: Uint8Array, maxOutputBytes: number): Buffer {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const stream = new FzstdStream((chunk) => {
    total += chunk.length;
    if (total > maxOutputBytes) fail(`zstd data decompresses to more than ${maxOutputBytes} bytes (the reader's limit)`);
    chunks.push(chunk);
  });
  stream.push(bytes, true);
  return Buffer.concat(chunks, total);
}

/** `bytes` decompressed with the given implementation (tests pick one; callers use `unzstd`). */
export function unzstdWith(implementation: ZstdImplementation, bytes: Uint8Array, maxOutputBytes: number): Buffer {
  // Compressed blocks count at their maximum (128 KiB or the window) in `bound`: the real output is usually smaller.
  const bound = zstdOutputBound(bytes);
  const limited = bound > maxOutputBytes;
  try {
    if (implementation === 'node:zlib') {
      if (!nativeZstd.zstdDecompressSync) throw new Error(`node:zlib has no zstd in Node ${process.versions.node}`);
      return nativeZstd.zstdDecompressSync(bytes, { maxOutputLength: Math.max(1, Math.min(bound, maxOutputBytes)) });
    }
    if (limited) return fzstdBounded(bytes, maxOutputBytes);
    const output = fzstdDecompress(bytes);
    return Buffer.from(output.buffer, output.byteOffset, output.byteLength);
  } catch (error) {
    if (error instanceof DecompressionError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      fail(limited ? `zstd data decompresses to more than ${maxOutputBytes} bytes (the reader's limit)` : `zstd data decompresses to more than its frame headers allow (${bound} bytes): corrupt`);
    }
    fail(`corrupt zstd data (${describeCause(error)})`);
  }
}

export function unzstd(bytes: Uint8Array, maxOutputBytes: number): Buffer {
  return unzstdWith(zstdDecompressor, bytes, maxOutputBytes);
}

interface WasmZstd {
  compress(data: Uint8Array, level?: number): Uint8Array;
}

let wasmZstd: Promise<WasmZstd> | null = null;

/** zstd at level 3 (zstd's default): node:zlib on the thread pool where it has zstd, else WebAssembly. */
export async function zstd(bytes: Uint8Array): Promise<Buffer> {
  const native = nativeZstd.zstdCompress;
  if (native) return new Promise((resolve, reject) => native(bytes, (error, result) => (error ? reject(error) : resolve(result))));
  return zstdWasm(bytes);
}

/** zstd through the WebAssembly build (what Node before 22.15 uses; tests call it directly). */
export async function zstdWasm(bytes: Uint8Array): Promise<Buffer> {
  wasmZstd ??= import('@hpcc-js/wasm-zstd').then(({ Zstd }) => Zstd.load());
  let compressor: WasmZstd;
  try {
    compressor = await wasmZstd;
  } catch (error) {
    wasmZstd = null;
    throw new UnsupportedCompressionError(
      `zstd compression needs Node 22.15 or later (this is Node ${process.versions.node}), or the WebAssembly zstd, which did not load: ${describeCause(error)}`,
    );
  }
  const compressed = compressor.compress(bytes, 3);
  return Buffer.from(compressed.buffer, compressed.byteOffset, compressed.byteLength);
}
