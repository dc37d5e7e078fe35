/**
 * The compression codecs of a RecordBatch v2, by the id in bits 0-2 of its attributes (Kafka's
 * `CompressionType`): 0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd. Ids 5-7 are unassigned: a batch
 * carrying one cannot be read by any client.
 */
import { COMPRESSION_NAMES } from '../record-batch-layout';

export type CompressionCodec = (typeof COMPRESSION_NAMES)[number];

export const COMPRESSION_CODECS: readonly CompressionCodec[] = COMPRESSION_NAMES;

/** The codec of attribute bits 0-2, or null for the unassigned ids 5-7. */
export function compressionCodecOf(id: number): CompressionCodec | null {
  return COMPRESSION_NAMES[id] ?? null;
}

/** The id a batch's attributes carry for `codec`. */
export function compressionCodecId(codec: CompressionCodec): number {
  return COMPRESSION_NAMES.indexOf(codec);
}
