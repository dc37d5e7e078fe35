/**
 * snappy (codec 2), in the two framings Kafka producers use:
 * - xerial (Kafka's Java client, through snappy-java's SnappyOutputStream, and kafka-python):
 *     magic   8 bytes  0x82 'S' 'N' 'A' 'P' 'P' 'Y' 0x00
 *     version int32 BE (1), compatible version int32 BE (1)
 *     then chunks: [int32 BE length][raw snappy block of that length], …
 * - raw: one snappy block (varint uncompressed length, then elements), as librdkafka and
 *   kafkajs-snappy write it.
 * A stream that starts with the xerial magic is xerial, anything else raw: the test librdkafka,
 * kafka-python and the Java client (SnappyInputStream) make too.
 *
 * Blocks are decoded by `snappyjs` (pure JavaScript). `unsnappy` throws a DecompressionError for a
 * malformed block or chunk framing, or for output past `maxOutputBytes`. `snappy` writes one raw
 * block, which librdkafka, kafkajs-snappy, kafka-python and the Java client all read.
 */
import { compress as snappyjsCompress, uncompress as snappyjsUncompress } from 'snappyjs';
import { DecompressionError, describeCause } from './compression-error';

export const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
/** Magic, version and compatible version. */
export const XERIAL_HEADER_BYTES = 16;

function isXerial(bytes: Uint8Array): boolean {
  return bytes.length >= XERIAL_HEADER_BYTES && XERIAL_MAGIC.equals(bytes.subarray(0, XERIAL_MAGIC.length));
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function rawBlock(block: Buffer, maxOutputBytes: number, where: string): Buffer {
  try {
    return snappyjsUncompress(block, maxOutputBytes);
  } catch (error) {
    const cause = describeCause(error);
    if (cause.includes('too big')) throw new DecompressionError('snappy', `snappy ${where} decompresses to more than ${maxOutputBytes} bytes (the reader's limit)`);
    throw new DecompressionError('snappy', `corrupt snappy ${where} (${cause})`);
  }
}

export function unsnappy(bytes: Uint8Array, maxOutputBytes: number): Buffer {
  const input = asBuffer(bytes);
  if (!isXerial(input)) return rawBlock(input, maxOutputBytes, 'block');
  const chunks: Buffer[] = [];
  let total = 0;
  let position = XERIAL_HEADER_BYTES;
  while (position < input.length) {
    if (position + 4 > input.length) throw new DecompressionError('snappy', `xerial snappy stream truncated: ${input.length - position} bytes where a chunk length was expected`);
    const length = input.readInt32BE(position);
    position += 4;
    if (length < 0 || position + length > input.length) {
      throw new DecompressionError('snappy', `xerial snappy chunk ${chunks.length} declares ${length} bytes but ${input.length - position} remain`);
    }
    const chunk = rawBlock(input.subarray(position, position + length), maxOutputBytes - total, `chunk ${chunks.length} of a xerial stream`);
    chunks.push(chunk);
    total += chunk.length;
    position += length;
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}

/** One raw snappy block. */
export function snappy(bytes: Uint8Array): Buffer {
  return snappyjsCompress(asBuffer(bytes));
}
