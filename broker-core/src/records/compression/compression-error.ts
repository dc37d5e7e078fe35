/**
 * Why compressed bytes could not be turned back into records, or records into compressed bytes:
 * - `DecompressionError`: the bytes are not a valid stream of their codec (bad magic, truncated,
 *   checksum mismatch, corrupt data), or decompress to more than the caller's limit. The message
 *   says which codec and what is wrong; the record reader turns it into a per-batch error.
 * - `UnsupportedCompressionError`: the codec is not one this code can run here.
 */
import type { CompressionCodec } from './compression-codec';

export class DecompressionError extends Error {
  constructor(
    readonly codec: CompressionCodec,
    message: string,
  ) {
    super(message);
    this.name = 'DecompressionError';
  }
}

export class UnsupportedCompressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedCompressionError';
  }
}

/** The first line of whatever a library threw, for an error message of ours. */
export function describeCause(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}
