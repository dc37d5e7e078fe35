/**
 * Compression of a RecordBatch's records section, by codec: what the record reader calls to open a
 * compressed batch, and what a producer of ours calls to write one. One file per codec:
 * gzip-codec.ts, snappy-codec.ts, lz4-frame-codec.ts, zstd-codec.ts (each states its format).
 *
 * `decompress` is synchronous and throws a DecompressionError (never anything else) for bytes
 * that are not valid for the codec or that decompress past `maxOutputBytes`. The result may be a
 * view into a larger buffer. `compress` is asynchronous (gzip and zstd run on the thread pool; zstd
 * before Node 22.15 loads WebAssembly the first time) and writes what Kafka clients read.
 */
import type { CompressionCodec } from './compression-codec';
import { DecompressionError, UnsupportedCompressionError, describeCause } from './compression-error';
import { gunzip, gzip } from './gzip-codec';
import { lz4, unlz4 } from './lz4-frame-codec';
import { snappy, unsnappy } from './snappy-codec';
import { unzstd, zstd } from './zstd-codec';

/** The default cap on a decompressed records section: far above Kafka's 1 MiB batches, far below what would exhaust memory. */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024;

export interface DecompressOptions {
  /** Refuse output larger than this (default 256 MiB). */
  maxOutputBytes?: number;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function decompress(codec: CompressionCodec, bytes: Uint8Array, options: DecompressOptions = {}): Buffer {
  const maxOutputBytes = options.maxOutputBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
  try {
    switch (codec) {
      case 'none':
        return asBuffer(bytes);
      case 'gzip':
        return gunzip(bytes, maxOutputBytes);
      case 'snappy':
        return unsnappy(bytes, maxOutputBytes);
      case 'lz4':
        return unlz4(bytes, maxOutputBytes);
      case 'zstd':
        return unzstd(bytes, maxOutputBytes);
      default:
        throw new UnsupportedCompressionError(`unknown compression codec "${codec as string}" (one of none, gzip, snappy, lz4, zstd)`);
    }
  } catch (error) {
    if (error instanceof DecompressionError || error instanceof UnsupportedCompressionError) throw error;
    // A library failing in a way its codec file does not foresee is still bad input, not a crash.
    throw new DecompressionError(codec, `corrupt ${codec} data (${describeCause(error)})`);
  }
}

export async function compress(codec: CompressionCodec, bytes: Uint8Array): Promise<Buffer> {
  switch (codec) {
    case 'none':
      return asBuffer(bytes);
    case 'gzip':
      return gzip(bytes);
    case 'snappy':
      return snappy(bytes);
    case 'lz4':
      return lz4(bytes);
    case 'zstd':
      return zstd(bytes);
    default:
      throw new UnsupportedCompressionError(`unknown compression codec "${codec as string}" (one of none, gzip, snappy, lz4, zstd)`);
  }
}
