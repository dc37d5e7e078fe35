/**
 * The `produce.*` domain of the contract: sending test records from the console, one or a few at
 * once, in bulk (a template repeated with placeholders, at a rate) or from a JSON Lines file, and
 * copying records to another topic; templates saved per topic; and the client code for what the
 * form holds ("copy as code").
 *
 * Partitioning is the clients' own: `murmur2` is Kafka's key hash (the partition the Java client,
 * librdkafka's `murmur2_random` and kafkajs's default pick for the same key; a null key goes to a
 * random partition, as `murmur2_random` does), `round-robin`, `random`, or `explicit` (each record
 * names its partition). Keys, values and header values are given as text with an encoding: `text`
 * (UTF-8), `json` (checked to parse, sent as its UTF-8 text), `base64`, `hex`; null is no bytes.
 *
 * Jobs (bulk, import, copy) report progress when polled and can be cancelled; what was sent is
 * always counted exactly, so a cancelled or failed job says how many records are stored.
 */
import { z } from 'zod';

/** Most records one `produce.send` carries. */
export const MAX_SEND_RECORDS = 1000;
/** Most lines one `produce.importLines` carries. */
export const MAX_IMPORT_LINES = 5000;
/** Most bad lines a job keeps (the rest are counted). */
export const MAX_REPORTED_BAD_LINES = 1000;
/** Largest key, value or header value the form accepts (the broker's message.max.bytes decides the rest). */
export const MAX_FIELD_CHARS = 16 * 1024 * 1024;

const topicNameSchema = z.string().min(1).max(1000);
const partitionSchema = z.number().int().min(0).max(1_000_000);

export const fieldEncodingSchema = z.enum(['text', 'json', 'base64', 'hex']);
export type FieldEncoding = z.infer<typeof fieldEncodingSchema>;

/** A key, value or header value: text in an encoding, or null (no bytes). */
export const producedFieldSchema = z.object({ text: z.string().max(MAX_FIELD_CHARS), encoding: fieldEncodingSchema }).nullable();
export type ProducedField = z.infer<typeof producedFieldSchema>;

export const producedRecordSchema = z.strictObject({
  key: producedFieldSchema,
  value: producedFieldSchema,
  headers: z.array(z.strictObject({ key: z.string().min(1).max(10_000), value: producedFieldSchema })).max(1000),
  /** For the `explicit` partitioner (ignored by the others). */
  partition: partitionSchema.optional(),
  /** Epoch ms; omitted: the time of sending. */
  timestamp: z.number().int().min(0).optional(),
});
export type ProducedRecord = z.infer<typeof producedRecordSchema>;

export const partitionerSchema = z.enum(['murmur2', 'round-robin', 'random', 'explicit']);
export type Partitioner = z.infer<typeof partitionerSchema>;
export const compressionSchema = z.enum(['none', 'gzip', 'snappy', 'lz4', 'zstd']);
export const acksSchema = z.union([z.literal(0), z.literal(1), z.literal(-1)]);

export const produceSettingsSchema = z.strictObject({
  partitioner: partitionerSchema,
  compression: compressionSchema,
  /** -1: all (fsynced), 1: written, 0: not waited for. */
  acks: acksSchema,
});
export type ProduceSettings = z.infer<typeof produceSettingsSchema>;

/** What became of one record: where it went, or why it was not stored. */
export const sendOutcomeSchema = z.object({
  partition: z.number().int().nullable(),
  /** Null for acks=0 (not known) and for a refused record. */
  offset: z.number().int().nullable(),
  error: z.string().nullable(),
});
export type SendOutcome = z.infer<typeof sendOutcomeSchema>;

/**
 * A bulk template: the record's key, value and header values may hold placeholders, replaced per
 * record: `{{index}}` (0, 1, …), `{{uuid}}`, `{{timestamp}}` (epoch ms), `{{randomInt 1 100}}`
 * (inclusive), `{{pick red green blue}}` (one of the words, at random).
 */
export const bulkTemplateSchema = producedRecordSchema;
export type BulkTemplate = z.infer<typeof bulkTemplateSchema>;

export const jobProgressSchema = z.object({
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  /** Records stored (acknowledged; for acks=0, handed to the log). */
  sent: z.number().int().min(0),
  /** Records refused by the broker (too large, a partition that does not exist, …). */
  failed: z.number().int().min(0),
  /** The job's size when known (bulk: its count; import: lines received so far; copy: records chosen). */
  total: z.number().int().min(0).nullable(),
  /** Records per second over the job so far. */
  rate: z.number().min(0),
  /** Lines of an import that could not be read, by line number (the first MAX_REPORTED_BAD_LINES). */
  badLines: z.array(z.object({ line: z.number().int().min(1), reason: z.string() })).max(MAX_REPORTED_BAD_LINES),
  badLineCount: z.number().int().min(0),
  /** Why it failed or stopped early (a topic deleted mid-bulk), in words. */
  error: z.string().nullable(),
  elapsedMs: z.number().min(0),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;

const jobIdSchema = z.string().min(1).max(100);

export const snippetLanguageSchema = z.enum(['kafka-python', 'confluent-kafka-python', 'kafkajs', 'kcat']);
export type SnippetLanguage = z.infer<typeof snippetLanguageSchema>;

export const snippetSubjectSchema = z.discriminatedUnion('kind', [
  /** The produce form: what it would send, as that client would send it. */
  z.strictObject({ kind: z.literal('produce'), topic: topicNameSchema, record: producedRecordSchema, settings: produceSettingsSchema }),
  /** A browse or tail position: read the topic from there, without a consumer group. */
  z.strictObject({
    kind: z.literal('consume'),
    topic: topicNameSchema,
    partitions: z.array(partitionSchema).max(10_000).nullable(),
    start: z.discriminatedUnion('from', [
      z.strictObject({ from: z.literal('newest') }),
      z.strictObject({ from: z.literal('oldest') }),
      z.strictObject({ from: z.literal('offset'), offset: z.number().int().min(0) }),
      z.strictObject({ from: z.literal('time'), timestamp: z.number().int().min(0) }),
    ]),
  }),
]);
export type SnippetSubject = z.infer<typeof snippetSubjectSchema>;

export const templateSchema = z.object({ name: z.string().min(1).max(200), template: bulkTemplateSchema, settings: produceSettingsSchema, savedAt: z.number().int() });
export type ProduceTemplate = z.infer<typeof templateSchema>;

export const produceMethods = {
  /** Sends a few records now (acks as set) and says where each went, or why not. */
  'produce.send': {
    request: z.strictObject({ topic: topicNameSchema, records: z.array(producedRecordSchema).min(1).max(MAX_SEND_RECORDS), settings: produceSettingsSchema }),
    response: z.object({ outcomes: z.array(sendOutcomeSchema) }),
  },
  /** Sends `count` records from a template, at most `ratePerSecond` (null: as fast as it goes). */
  'produce.bulkStart': {
    request: z.strictObject({
      topic: topicNameSchema,
      template: bulkTemplateSchema,
      settings: produceSettingsSchema,
      count: z.number().int().min(1).max(100_000_000),
      ratePerSecond: z.number().int().min(1).max(10_000_000).nullable(),
    }),
    response: z.object({ jobId: jobIdSchema }),
  },
  /**
   * An import of JSON Lines: each line `{"key", "value", "headers", "partition", "timestamp"}`
   * (key/value/header values as JSON values: a string is sent as its text, anything else as its
   * JSON exactly as written; `headers` an object or a list of {key, value}; optional
   * `keyEncoding`/`valueEncoding` "text" | "json" | "hex" | "base64" say how a string is read, so
   * the messages export's JSON Lines import back to the same bytes; other members are ignored).
   * A line's `partition` is used whatever the partitioner (the partitioner places lines without
   * one; with `explicit`, such a line is a bad line). Lines come in order with importLines;
   * importEnd says there are no more. Bad lines are reported by number; good ones are sent.
   */
  'produce.importStart': {
    request: z.strictObject({ topic: topicNameSchema, settings: produceSettingsSchema }),
    response: z.object({ jobId: jobIdSchema }),
  },
  'produce.importLines': {
    request: z.strictObject({ jobId: jobIdSchema, firstLine: z.number().int().min(1), lines: z.array(z.string().max(MAX_FIELD_CHARS)).max(MAX_IMPORT_LINES) }),
    /** Resolves once the lines are taken (the job's backpressure); false when the job has ended. */
    response: z.object({ accepted: z.boolean() }),
  },
  'produce.importEnd': {
    request: z.strictObject({ jobId: jobIdSchema }),
    response: jobProgressSchema,
  },
  /** Sends copies of chosen records (key, value, headers, timestamp kept) to another topic. */
  'produce.copyStart': {
    request: z.strictObject({
      from: z.strictObject({ topic: topicNameSchema, records: z.array(z.strictObject({ partition: partitionSchema, offset: z.number().int().min(0) })).min(1).max(100_000) }),
      to: z.strictObject({ topic: topicNameSchema, settings: produceSettingsSchema }),
    }),
    response: z.object({ jobId: jobIdSchema }),
  },
  'produce.jobPoll': {
    request: z.strictObject({ jobId: jobIdSchema, waitMs: z.number().int().min(0).max(5000) }),
    response: jobProgressSchema,
  },
  'produce.jobCancel': {
    request: z.strictObject({ jobId: jobIdSchema }),
    response: jobProgressSchema,
  },
  'produce.templatesList': {
    request: z.strictObject({ topic: topicNameSchema }),
    response: z.object({ templates: z.array(templateSchema).max(1000) }),
  },
  'produce.templateSave': {
    request: z.strictObject({ topic: topicNameSchema, name: z.string().min(1).max(200), template: bulkTemplateSchema, settings: produceSettingsSchema }),
    response: z.object({ templates: z.array(templateSchema).max(1000) }),
  },
  'produce.templateDelete': {
    request: z.strictObject({ topic: topicNameSchema, name: z.string().min(1).max(200) }),
    response: z.object({ templates: z.array(templateSchema).max(1000) }),
  },
  /**
   * Runnable client code for the form or a position, with the cluster's bootstrap address. Where a
   * client cannot do what the form says, the code says so in a comment: kcat cannot set a
   * timestamp; kafka-python and kafkajs send a null header value as an empty one; librdkafka has
   * no round-robin partitioner (random instead); kafkajs reads only in a consumer group (a
   * throwaway one, nothing committed).
   */
  'produce.snippet': {
    request: z.strictObject({ subject: snippetSubjectSchema, language: snippetLanguageSchema }),
    response: z.object({ code: z.string(), language: snippetLanguageSchema, bootstrap: z.string() }),
  },
} as const;

export const produceEvents = {} as const;
