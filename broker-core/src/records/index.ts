/**
 * The records layer's public entry: Kafka's record batch format (v2, magic 2) as Eddy reads and
 * writes it, with its compression codecs and the header names of Eddy's dead letters. It is
 * Kafka's format, not the broker: broker-core builds on it, and so does the host, for the
 * embedded cluster and a remote one alike (the host imports this file only; see
 * tools/eslint/layers.js).
 */
export { readStoredRecords } from './stored-record-reader';
export type { StoredRecord, StoredRecordHeader, StoredRecordsRead, ReadStoredRecordsOptions, BatchReadError, ControlBatch, TimestampType } from './stored-record-reader';
export { compress, decompress, DEFAULT_MAX_DECOMPRESSED_BYTES } from './compression/compression';
export type { DecompressOptions } from './compression/compression';
export { COMPRESSION_CODECS } from './compression/compression-codec';
export type { CompressionCodec } from './compression/compression-codec';
export { DecompressionError, UnsupportedCompressionError } from './compression/compression-error';
export { compressRecordBatch } from './record-batch-compressor';
export { buildRecordBatch } from './record-batch-builder';
export { offsetAfterBatches } from './record-batch-layout';
export { stampProducer } from './record-batch-producer';
export type { ProducerStamp } from './record-batch-producer';
export type { RecordInput, RecordHeader, RecordBatchOptions } from './record-batch-builder';
export * from './dead-letter-headers';
