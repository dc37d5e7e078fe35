/**
 * Turns an uncompressed RecordBatch v2 (as `buildRecordBatch` makes it) into the same batch with
 * its records section compressed: the codec in the attributes, batchLength and CRC-32C
 * rewritten, every other header field kept. What a producer sends for `compression.type` = codec.
 * The input is not changed.
 */
import { compress } from './compression/compression';
import { compressionCodecId, type CompressionCodec } from './compression/compression-codec';
import { crc32c } from './crc32c';
import { ATTRIBUTES, BATCH_LENGTH, COMPRESSION_MASK, CRC, LOG_OVERHEAD, RECORD_BATCH_OVERHEAD } from './record-batch-layout';

export async function compressRecordBatch(batch: Buffer, codec: CompressionCodec): Promise<Buffer> {
  const attributes = batch.readInt16BE(ATTRIBUTES);
  if (attributes & COMPRESSION_MASK) throw new RangeError('the batch is compressed already');
  if (codec === 'none') return batch;
  const records = await compress(codec, batch.subarray(RECORD_BATCH_OVERHEAD));
  const compressed = Buffer.alloc(RECORD_BATCH_OVERHEAD + records.length);
  batch.copy(compressed, 0, 0, RECORD_BATCH_OVERHEAD);
  records.copy(compressed, RECORD_BATCH_OVERHEAD);
  compressed.writeInt32BE(compressed.length - LOG_OVERHEAD, BATCH_LENGTH);
  compressed.writeInt16BE((attributes & ~COMPRESSION_MASK) | compressionCodecId(codec), ATTRIBUTES);
  compressed.writeUInt32BE(crc32c(compressed, ATTRIBUTES, compressed.length), CRC);
  return compressed;
}
