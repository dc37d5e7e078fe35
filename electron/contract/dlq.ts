/**
 * The `dlq.*` domain of the contract: dead letters, from two sources, in one view.
 *
 * - The broker's sweeper (embedded broker only): a topic opts in with its `dlq.*` topic configs
 *   (`dlq.enable`, `dlq.group`, `dlq.max.age.ms`, `dlq.topic`); records its group has not consumed
 *   within the maximum age (by broker append time) are moved to the DLQ topic with KIP-1191
 *   provenance headers (`__dlq.errors.*`), and the group's committed offset moves past them.
 * - Applications' own DLQs, recognized by topic name (`*.dlq`, `*-dlt`, `*.DLT`, `dlq.*`, …) and by
 *   headers: Spring (`kafka_dlt-*`), Kafka Connect (`__connect.errors.*`), KIP-1191 (`__dlq.errors.*`).
 *
 * Each dead letter is `dead`, `replayed` (when, where to, the new offset) or `discarded`, kept in a
 * durable ledger by the host. Replay, discard and export run over a selection: chosen records, or
 * every dead letter matching a filter. Replays and exports are jobs, polled for progress and
 * cancellable; a replay of records already replayed is refused unless the caller confirms.
 *
 * Offsets and timestamps are plain JS numbers (safe integers).
 */
import { z } from 'zod';
import { decodedFieldSchema, decodingSchema, messageRecordSchema } from './messages';

/** Most dead letters one `dlq.list` page carries. */
export const MAX_DEAD_LETTER_PAGE = 500;
/** Most records a selection may name one by one (larger selections go by filter). */
export const MAX_SELECTED_DEAD_LETTERS = 100_000;

const topicNameSchema = z.string().min(1).max(1000);
const partitionSchema = z.number().int().min(0).max(1_000_000);
const offsetSchema = z.number().int().min(0);
const epochMsSchema = z.number().int().min(0);
const jobIdSchema = z.string().min(1).max(100);

/** Who wrote a dead letter's provenance: our sweeper (KIP-1191 headers plus ours), KIP-1191, Spring, Kafka Connect, or none known (recognized by the topic's name). */
export const deadLetterFormatSchema = z.enum(['sweeper', 'kip-1191', 'spring', 'connect', 'unknown']);
export type DeadLetterFormat = z.infer<typeof deadLetterFormatSchema>;

export const deadLetterStateSchema = z.enum(['dead', 'replayed', 'discarded']);
export type DeadLetterState = z.infer<typeof deadLetterStateSchema>;

/** Where a dead letter came from, from its provenance headers. */
export const deadLetterSourceSchema = z.object({ topic: z.string(), partition: z.number().int().nullable(), offset: z.number().int().nullable() });

/** A replay of one dead letter, as the ledger remembers it. */
export const replayRecordSchema = z.object({
  at: epochMsSchema,
  topic: z.string(),
  partition: z.number().int(),
  /** The replayed copy's offset (null when not known: acks=0). */
  offset: z.number().int().nullable(),
});

/** One dead letter as the list shows it. */
export const deadLetterSchema = z.object({
  /** Where it is: the DLQ topic's partition and offset. */
  partition: partitionSchema,
  offset: offsetSchema,
  /** The record's own timestamp (usually the original one: DLQ writers keep it). */
  timestamp: z.number().int(),
  /** When it died, if known: the DLQ's broker append time (embedded broker), a header, or null. */
  diedAt: z.number().int().nullable(),
  format: deadLetterFormatSchema,
  /** Why it died, in words (the exception message, or the sweeper's reason); "unknown" when no header says. */
  reason: z.string(),
  /** The exception's class, where the writer records one (Spring, Connect). */
  exceptionClass: z.string().nullable(),
  source: deadLetterSourceSchema.nullable(),
  /** The consumer group it died in, where known. */
  group: z.string().nullable(),
  /** Delivery attempts, where known (KIP-1191's delivery count, Spring's retry attempts). */
  attempts: z.number().int().nullable(),
  key: decodedFieldSchema,
  value: decodedFieldSchema,
  state: deadLetterStateSchema,
  /** The latest replay (state `replayed`), or null. */
  replay: replayRecordSchema.nullable(),
  /** When it was discarded (state `discarded`), or null. */
  discardedAt: epochMsSchema.nullable(),
});
export type DeadLetter = z.infer<typeof deadLetterSchema>;

export const deadLetterFilterSchema = z.strictObject({
  reason: z.string().max(10_000).nullable(),
  sourceTopic: z.string().max(1000).nullable(),
  /** Died (or, when unknown, timestamped) at or after / before, epoch ms. */
  from: epochMsSchema.nullable(),
  to: epochMsSchema.nullable(),
  state: deadLetterStateSchema.nullable(),
});
export type DeadLetterFilter = z.infer<typeof deadLetterFilterSchema>;

export const noDeadLetterFilter: DeadLetterFilter = { reason: null, sourceTopic: null, from: null, to: null, state: null };

/** Which dead letters an action applies to: named ones, or all that match a filter now. */
export const deadLetterSelectionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('records'), records: z.array(z.strictObject({ partition: partitionSchema, offset: offsetSchema })).min(1).max(MAX_SELECTED_DEAD_LETTERS) }),
  z.strictObject({ kind: z.literal('filter'), filter: deadLetterFilterSchema }),
]);
export type DeadLetterSelection = z.infer<typeof deadLetterSelectionSchema>;

const countSchema = z.object({ name: z.string(), count: z.number().int().min(0) });

/** A topic that holds dead letters, with what is in it. */
export const deadLetterTopicSchema = z.object({
  topic: z.string(),
  /** Why it counts as a DLQ: a sweeper policy writes to it, its name, or its records' headers. */
  recognizedBy: z.enum(['sweeper-policy', 'name', 'headers']),
  partitions: z.number().int().min(0),
  /** Records in it now (high watermark minus log start, summed). */
  records: z.number().int().min(0),
  /** Dead letters by state, from the ledger (dead = records - replayed - discarded). */
  dead: z.number().int().min(0),
  replayed: z.number().int().min(0),
  discarded: z.number().int().min(0),
});
export type DeadLetterTopic = z.infer<typeof deadLetterTopicSchema>;

/** A DLQ topic's dead letters counted by reason, by source topic and by state (over the whole topic). */
export const deadLetterSummarySchema = z.object({
  topic: z.string(),
  total: z.number().int().min(0),
  byReason: z.array(countSchema),
  bySource: z.array(countSchema),
  byFormat: z.array(countSchema),
  dead: z.number().int().min(0),
  replayed: z.number().int().min(0),
  discarded: z.number().int().min(0),
});
export type DeadLetterSummary = z.infer<typeof deadLetterSummarySchema>;

/** A source topic's sweeper policy, by its `dlq.*` topic configs. */
export const dlqPolicySchema = z.strictObject({
  enabled: z.boolean(),
  group: z.string().max(1000),
  maxAgeMs: z.number().int().min(1),
  /** Empty: the default, `<topic>.dlq`. */
  dlqTopic: z.string().max(1000),
});
export type DlqPolicy = z.infer<typeof dlqPolicySchema>;

/** One watched topic in the sweeper's status. */
export const sweptTopicSchema = z.object({
  topic: z.string(),
  group: z.string(),
  maxAgeMs: z.number().int(),
  dlqTopic: z.string(),
  /** Records moved from this topic since the data directory was created. */
  moved: z.number().int().min(0),
  lastMovedAt: epochMsSchema.nullable(),
  /** Why the sweeper cannot act on this policy (no group set, the DLQ is the topic itself), or null. */
  problem: z.string().nullable(),
});

export const sweeperStatusSchema = z.object({
  /** False for a remote cluster (only the embedded broker sweeps) or a stopped broker; the rest is then empty. */
  available: z.boolean(),
  intervalMs: z.number().int().min(0),
  lastSweepAt: epochMsSchema.nullable(),
  nextSweepAt: epochMsSchema.nullable(),
  /** Records moved by the latest sweep, and in all. */
  lastSweepMoved: z.number().int().min(0),
  totalMoved: z.number().int().min(0),
  /** The latest sweep's failure, in words, or null. */
  lastError: z.string().nullable(),
  topics: z.array(sweptTopicSchema),
});
export type SweeperStatus = z.infer<typeof sweeperStatusSchema>;

export const replayTargetSchema = z.discriminatedUnion('kind', [
  /** Each to its source topic and partition, from its provenance headers (those without are failed, and say why). */
  z.strictObject({ kind: z.literal('original') }),
  /** All to one topic (partition by key hash, as the Java client would). */
  z.strictObject({ kind: z.literal('topic'), topic: topicNameSchema }),
]);
export type ReplayTarget = z.infer<typeof replayTargetSchema>;

/** A replay or export job's progress. */
export const dlqJobProgressSchema = z.object({
  kind: z.enum(['replay', 'export']),
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  /** Dead letters chosen (known once the selection was read; null until then). */
  total: z.number().int().min(0).nullable(),
  /** Replayed (acknowledged and in the ledger) or exported. */
  done: z.number().int().min(0),
  failed: z.number().int().min(0),
  /** Failures counted by reason. */
  failures: z.array(countSchema),
  rate: z.number().min(0),
  elapsedMs: z.number().min(0),
  /** Why the job stopped early, or null. */
  error: z.string().nullable(),
  /** An export's file, once done (serve mode downloads it by this id, as messages exports). */
  exportId: z.string().nullable(),
});
export type DlqJobProgress = z.infer<typeof dlqJobProgressSchema>;

export const dlqMethods = {
  /** Every topic that holds dead letters, with counts by state. */
  'dlq.topics': {
    request: z.strictObject({}),
    response: z.object({ topics: z.array(deadLetterTopicSchema) }),
  },
  /** A DLQ topic's dead letters counted by reason, source, format and state. */
  'dlq.summary': {
    request: z.strictObject({ topic: topicNameSchema }),
    response: deadLetterSummarySchema,
  },
  /** Dead letters matching a filter, oldest first, `limit` from position `start`; `total` is how many match. */
  'dlq.list': {
    request: z.strictObject({
      topic: topicNameSchema,
      filter: deadLetterFilterSchema,
      start: z.number().int().min(0),
      limit: z.number().int().min(1).max(MAX_DEAD_LETTER_PAGE),
      decode: decodingSchema,
    }),
    response: z.object({ deadLetters: z.array(deadLetterSchema).max(MAX_DEAD_LETTER_PAGE), total: z.number().int().min(0) }),
  },
  /** One dead letter whole, and whether its original record is still in its source topic. */
  'dlq.get': {
    request: z.strictObject({ topic: topicNameSchema, partition: partitionSchema, offset: offsetSchema, decode: decodingSchema }),
    response: z.object({ deadLetter: deadLetterSchema.nullable(), record: messageRecordSchema.nullable(), originalRetained: z.boolean() }),
  },
  /**
   * Starts replaying a selection. Dead letters already replayed are counted first: if there are
   * any and `replayAgain` is false, nothing starts (`jobId` null) and `alreadyReplayed` says how
   * many, so the caller can ask. Discarded ones are skipped unless `includeDiscarded`.
   */
  'dlq.replayStart': {
    request: z.strictObject({
      topic: topicNameSchema,
      selection: deadLetterSelectionSchema,
      target: replayTargetSchema,
      ratePerSecond: z.number().int().min(1).max(10_000_000).nullable(),
      replayAgain: z.boolean(),
      includeDiscarded: z.boolean(),
    }),
    response: z.object({ jobId: jobIdSchema.nullable(), selected: z.number().int().min(0), alreadyReplayed: z.number().int().min(0) }),
  },
  /** Marks a selection discarded (kept in the topic; the ledger remembers). */
  'dlq.discard': {
    request: z.strictObject({ topic: topicNameSchema, selection: deadLetterSelectionSchema }),
    response: z.object({ discarded: z.number().int().min(0) }),
  },
  /** Exports a selection as JSON Lines (the messages export's format plus each dead letter's provenance and state). */
  'dlq.exportStart': {
    request: z.strictObject({ topic: topicNameSchema, selection: deadLetterSelectionSchema }),
    response: z.object({ jobId: jobIdSchema }),
  },
  'dlq.jobPoll': {
    request: z.strictObject({ jobId: jobIdSchema, waitMs: z.number().int().min(0).max(5000) }),
    response: dlqJobProgressSchema,
  },
  'dlq.jobCancel': {
    request: z.strictObject({ jobId: jobIdSchema }),
    response: dlqJobProgressSchema,
  },
  /** The sweeper's status: its pace, last and next sweep, records moved per watched topic. */
  'dlq.sweeperStatus': {
    request: z.strictObject({}),
    response: sweeperStatusSchema,
  },
  /** Runs one sweep now and resolves with the status after it. */
  'dlq.sweepNow': {
    request: z.strictObject({}),
    response: sweeperStatusSchema,
  },
  /** A topic's sweeper policy (its `dlq.*` configs, defaults included). */
  'dlq.policyGet': {
    request: z.strictObject({ topic: topicNameSchema }),
    response: dlqPolicySchema,
  },
  /** Sets a topic's sweeper policy (its `dlq.*` configs, as IncrementalAlterConfigs would). */
  'dlq.policySet': {
    request: z.strictObject({ topic: topicNameSchema, policy: dlqPolicySchema }),
    response: dlqPolicySchema,
  },
} as const;

export const dlqEvents = {
  /** DLQ topics changed (a dead letter arrived, a replay or discard changed states); at most ~5 times a second. */
  'dlq.topics': z.object({ topics: z.array(deadLetterTopicSchema) }),
} as const;
