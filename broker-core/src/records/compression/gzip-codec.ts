/**
 * gzip (codec 1): RFC 1952, as Kafka's Java client (GZIPOutputStream), librdkafka and kafkajs
 * write it; concatenated members are read as one stream. Uses node:zlib, which every Node and
 * Electron has.
 *
 * `gunzip` throws a DecompressionError for bytes that are not gzip (bad header, truncated,
 * CRC-32 or length mismatch in the trailer) or that inflate past `maxOutputBytes`.
 */
import { promisify } from 'node:util';
import { gunzipSync, gzip as gzipAsync } from 'node:zlib';
import { DecompressionError, describeCause } from './compression-error';

const gzipPromise = promisify(gzipAsync);

export function gunzip(bytes: Uint8Array, maxOutputBytes: number): Buffer {
  try {
    return gunzipSync(bytes, { maxOutputLength: maxOutputBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new DecompressionError('gzip', `gzip data inflates to more than ${maxOutputBytes} bytes (the reader's limit)`);
    }
    throw new DecompressionError('gzip', `corrupt gzip data (${describeCause(error)})`);
  }
}

/** gzip at zlib's default level (6), on the thread pool. */
export function gzip(bytes: Uint8Array): Promise<Buffer> {
  return gzipPromise(bytes);
}
