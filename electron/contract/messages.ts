/**
 * The `messages.*` domain of the contract: reading a topic's records, as a cluster's consumers
 * would see them, without leaving any trace on it (no consumer group).
 *
 * - Browse: pages of records from a start position (newest, oldest, an offset, a time) over a set
 *   of partitions, and the next or previous page by a cursor. A page from `newest` lists the
 *   newest records first and pages on into older ones; every other start lists in append order
 *   and pages on into newer ones.
 * - Each record's key, value and header values are decoded by a mode (`auto`: JSON, then UTF-8
 *   text, then hex) and cut to a preview; `messages.get` gives one record whole.
 * - Search: a range (partitions × start..end) scanned off the broker's event loop against
 *   filters that all must match (contains, regex, a JSON path equal to a value, a JavaScript
 *   predicate run in a sandbox); the caller polls for matches and progress (each poller gets its
 *   own results at its own pace) and may cancel at any time.
 *
 * Offsets and timestamps are plain JS numbers (safe integers).
 */
import { z } from 'zod';

/** Most records one page (or one search poll) carries. */
export const MAX_PAGE_RECORDS = 500;
/** Longest preview of a key, value or header value in a page. */
export const PREVIEW_CHARS = 1000;
/** Largest value `messages.get` returns whole (decoded text); larger ones are cut, and say so. */
export const MAX_WHOLE_FIELD_BYTES = 16 * 1024 * 1024;
/** Most matches one search keeps. */
export const MAX_SEARCH_MATCHES = 10_000;

const topicNameSchema = z.string().min(1).max(1000);
const partitionSchema = z.number().int().min(0).max(1_000_000);
const offsetSchema = z.number().int().min(0);
const epochMsSchema = z.number().int().min(0);

/** How a key, value or header value is shown. `int`/`long`: big-endian, 4 and 8 bytes (keys). */
export const decodeModeSchema = z.enum(['auto', 'string', 'json', 'hex', 'base64', 'int', 'long']);
export type DecodeMode = z.infer<typeof decodeModeSchema>;

export const decodingSchema = z.strictObject({ key: decodeModeSchema, value: decodeModeSchema });
export type Decoding = z.infer<typeof decodingSchema>;

/** A decoded key, value or header value. */
export const decodedFieldSchema = z.object({
  /** What it was shown as: a mode's result, `null` (no bytes at all), or `error` (the mode did not fit; `text` says why). */
  as: z.enum(['json', 'text', 'hex', 'base64', 'int', 'long', 'null', 'error']),
  /** The text (pretty JSON for `json` in `messages.get`, compact in pages), possibly cut. */
  text: z.string(),
  /** Bytes in the record (0 for null). */
  bytes: z.number().int().min(0),
  /** `text` stops short of the whole field. */
  truncated: z.boolean(),
});
export type DecodedField = z.infer<typeof decodedFieldSchema>;

export const recordHeaderSchema = z.object({ key: z.string(), value: decodedFieldSchema });

export const messageRecordSchema = z.object({
  partition: partitionSchema,
  offset: offsetSchema,
  timestamp: z.number().int(),
  timestampType: z.enum(['CreateTime', 'LogAppendTime']),
  key: decodedFieldSchema,
  value: decodedFieldSchema,
  headers: z.array(recordHeaderSchema),
  /** The record's size in its batch, in bytes (key, value, headers and framing). */
  size: z.number().int().min(0),
  producerId: z.number().int(),
  producerEpoch: z.number().int(),
  /** -1 when not idempotent. */
  sequence: z.number().int(),
  compression: z.enum(['none', 'gzip', 'snappy', 'lz4', 'zstd']),
});
export type MessageRecord = z.infer<typeof messageRecordSchema>;

/** A stored batch that could not be read (corrupt, unknown codec): shown in place of its records. */
export const batchProblemSchema = z.object({
  partition: partitionSchema,
  baseOffset: offsetSchema,
  lastOffset: offsetSchema,
  reason: z.string(),
});
export type BatchProblem = z.infer<typeof batchProblemSchema>;

export const startPositionSchema = z.discriminatedUnion('from', [
  z.strictObject({ from: z.literal('newest') }),
  z.strictObject({ from: z.literal('oldest') }),
  z.strictObject({ from: z.literal('offset'), offset: offsetSchema }),
  /** The first record at or after this time (epoch ms), per partition. */
  z.strictObject({ from: z.literal('time'), timestamp: epochMsSchema }),
]);
export type StartPosition = z.infer<typeof startPositionSchema>;

/** Per partition, an offset: where the next page starts (forwards) or before which it ends (backwards). */
const positionsSchema = z.record(z.string().regex(/^\d+$/), offsetSchema);

export const pageOrderSchema = z.enum(['newest-first', 'oldest-first']);

export const pageCursorSchema = z.strictObject({
  /** `older`: the page before (records below `positions`); `newer`: the page after (from `positions` on). */
  toward: z.enum(['older', 'newer']),
  positions: positionsSchema,
  /** The order the pages of this browse are listed in (kept from page to page). */
  order: pageOrderSchema,
});
export type PageCursor = z.infer<typeof pageCursorSchema>;

export const partitionRangeSchema = z.object({ partition: partitionSchema, logStartOffset: offsetSchema, highWatermark: offsetSchema });
export type PartitionRange = z.infer<typeof partitionRangeSchema>;

export const recordPageSchema = z.object({
  topic: z.string(),
  /** The partitions read, with their offset ranges at the time of the read. */
  partitions: z.array(partitionRangeSchema),
  /** Newest first when `order` is `newest-first`, else in append order (by timestamp across partitions). */
  order: pageOrderSchema,
  records: z.array(messageRecordSchema).max(MAX_PAGE_RECORDS),
  problems: z.array(batchProblemSchema),
  /** The pages next to this one; null where there is nothing more (yet). */
  older: pageCursorSchema.nullable(),
  newer: pageCursorSchema.nullable(),
});
export type RecordPage = z.infer<typeof recordPageSchema>;

/** Partitions to read: a list, or null for all of them. */
const partitionSelectionSchema = z.array(partitionSchema).max(10_000).nullable();

export const filterFieldSchema = z.enum(['key', 'value', 'header']);
export const recordFilterSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('contains'),
    field: filterFieldSchema,
    /** For field `header`: the header's key. */
    header: z.string().max(1000).optional(),
    text: z.string().min(1).max(10_000),
    caseSensitive: z.boolean(),
  }),
  z.strictObject({ kind: z.literal('regex'), field: filterFieldSchema, header: z.string().max(1000).optional(), pattern: z.string().min(1).max(10_000), flags: z.string().regex(/^[imsu]*$/) }),
  /** The JSON value has `path` (`$.a.b[0]`) equal to `equals` (a JSON literal, or else plain text). */
  z.strictObject({ kind: z.literal('jsonPath'), path: z.string().min(1).max(1000), equals: z.string().max(10_000) }),
  /** `(record) => boolean`, run in a sandbox without modules, files or network, time- and memory-bound. */
  z.strictObject({ kind: z.literal('predicate'), source: z.string().min(1).max(100_000) }),
]);
export type RecordFilter = z.infer<typeof recordFilterSchema>;

export const searchEndSchema = z.discriminatedUnion('to', [
  /** The high watermarks when the search starts. */
  z.strictObject({ to: z.literal('newest') }),
  /** Up to this offset (exclusive), per partition. */
  z.strictObject({ to: z.literal('offset'), offset: offsetSchema }),
  /** Records with timestamps before this time (epoch ms). */
  z.strictObject({ to: z.literal('time'), timestamp: epochMsSchema }),
]);
export type SearchEnd = z.infer<typeof searchEndSchema>;

export const searchProgressSchema = z.object({
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  /** Records looked at so far, and in all (the range's size when the search started). */
  scanned: z.number().int().min(0),
  total: z.number().int().min(0),
  matched: z.number().int().min(0),
  /** Records per second over the search so far. */
  rate: z.number().min(0),
  /** Per partition, the next offset to look at. */
  positions: positionsSchema,
  /** Why it failed, or a predicate's error (with the record it failed on), in words. */
  error: z.string().nullable(),
  /** The match limit was reached before the end of the range. */
  limited: z.boolean(),
  elapsedMs: z.number().min(0),
});
export type SearchProgress = z.infer<typeof searchProgressSchema>;

const searchIdSchema = z.string().min(1).max(100);

export const exportFormatSchema = z.enum(['jsonl', 'csv']);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

export const exportProgressSchema = z.object({
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  /** Records written, and records looked at of the range's total. */
  written: z.number().int().min(0),
  scanned: z.number().int().min(0),
  total: z.number().int().min(0),
  bytes: z.number().int().min(0),
  rate: z.number().min(0),
  error: z.string().nullable(),
  /** Where the file is (the desktop app: the file the user picked). */
  path: z.string().nullable(),
  /** Serve mode: where the browser downloads it from, once done. */
  downloadUrl: z.string().nullable(),
  elapsedMs: z.number().min(0),
});
export type ExportProgress = z.infer<typeof exportProgressSchema>;

export const messagesMethods = {
  /** A page of records from a start position. */
  'messages.browse': {
    request: z.strictObject({
      topic: topicNameSchema,
      partitions: partitionSelectionSchema,
      start: startPositionSchema,
      limit: z.number().int().min(1).max(MAX_PAGE_RECORDS),
      decode: decodingSchema,
    }),
    response: recordPageSchema,
  },
  /** The page before or after one, by its cursor. */
  'messages.page': {
    request: z.strictObject({
      topic: topicNameSchema,
      cursor: pageCursorSchema,
      limit: z.number().int().min(1).max(MAX_PAGE_RECORDS),
      decode: decodingSchema,
    }),
    response: recordPageSchema,
  },
  /** One record, whole (fields up to MAX_WHOLE_FIELD_BYTES), JSON pretty-printed. */
  'messages.get': {
    request: z.strictObject({ topic: topicNameSchema, partition: partitionSchema, offset: offsetSchema, decode: decodingSchema }),
    response: z.object({ record: messageRecordSchema.nullable(), problem: batchProblemSchema.nullable() }),
  },
  'messages.searchStart': {
    request: z.strictObject({
      topic: topicNameSchema,
      partitions: partitionSelectionSchema,
      start: startPositionSchema,
      end: searchEndSchema,
      filters: z.array(recordFilterSchema).min(1).max(20),
      decode: decodingSchema,
      /** Stop after this many matches. */
      limit: z.number().int().min(1).max(MAX_SEARCH_MATCHES),
    }),
    response: z.object({ searchId: searchIdSchema }),
  },
  /** Matches after the first `after` ones (at most MAX_PAGE_RECORDS), and the progress; waits up to `waitMs` for something new. */
  'messages.searchPoll': {
    request: z.strictObject({ searchId: searchIdSchema, after: z.number().int().min(0), waitMs: z.number().int().min(0).max(5000) }),
    response: z.object({ matches: z.array(messageRecordSchema).max(MAX_PAGE_RECORDS), problems: z.array(batchProblemSchema), progress: searchProgressSchema }),
  },
  'messages.searchCancel': {
    request: z.strictObject({ searchId: searchIdSchema }),
    response: searchProgressSchema,
  },
  /**
   * Writes the records of a range that pass `filters` (none: all of them; the browse view exports
   * what it shows, the search view what matched) as JSON Lines or CSV, values whole. The desktop
   * app asks where to save first (`started: false` when the user cancels that); serve mode writes
   * a file the browser downloads once done.
   */
  'messages.exportStart': {
    request: z.strictObject({
      topic: topicNameSchema,
      partitions: partitionSelectionSchema,
      start: startPositionSchema,
      end: searchEndSchema,
      filters: z.array(recordFilterSchema).max(20),
      decode: decodingSchema,
      format: exportFormatSchema,
      /** Stop after this many records. */
      limit: z.number().int().min(1).max(100_000_000),
    }),
    response: z.object({ exportId: searchIdSchema.nullable(), started: z.boolean() }),
  },
  'messages.exportPoll': {
    request: z.strictObject({ exportId: searchIdSchema, waitMs: z.number().int().min(0).max(5000) }),
    response: exportProgressSchema,
  },
  'messages.exportCancel': {
    request: z.strictObject({ exportId: searchIdSchema }),
    response: exportProgressSchema,
  },
} as const;

export const messagesEvents = {} as const;
