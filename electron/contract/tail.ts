/**
 * The `tail.*` domain of the contract: watching records arrive in one or more partitions of a
 * topic, live, without a consumer group.
 *
 * Each tail belongs to the caller that started it (a window, a browser tab): its records wait in
 * the host, coalesced, until that caller polls (a poll waits up to `waitMs` for something new,
 * so a caller polling at most ~20 times a second gets its records in batches, never one by one).
 * Each tail has its own bounded buffer and its own backpressure: it keeps at most `bufferLimit`
 * records its caller has not seen; when more arrive than that before the caller polls (it is
 * slow, or the tail is paused), the oldest are dropped and counted in `dropped`, and the caller
 * goes on with the newest. A tail whose buffer is full stops reading until its caller polls, so a
 * slow caller costs its own buffer and never slows the broker or another caller. A tail no one
 * polls for a while is stopped.
 *
 * The browse view's filters apply live (the JavaScript predicate included, in a worker). A tail
 * lives through what happens to its topic and says so in `notices`: partitions added (a tail of
 * all partitions takes them in), the topic deleted (the tail ends), retention deleting what it
 * was about to read (it goes on from the new start), the broker restarting (it resumes where it
 * was).
 *
 * Why polling and not a push per subscriber: a poll is an ordinary method call, so each caller's
 * stream, pace and backpressure are its own in both transports (Electron IPC, serve mode's
 * WebSocket) with nothing new in either; the host never has to know which window or tab a push
 * would go to, nor buffer pushes a slow renderer has not taken. A caller that stops polling
 * (closed, crashed, asleep) is noticed by that alone: its tail is stopped after 30 s.
 *
 * Refusals (`REFUSED` with a reason): `BROKER_NOT_RUNNING` (tail.start only; a running tail waits
 * for the broker, state `waiting`), `UNKNOWN_TOPIC`, `UNKNOWN_PARTITION`, `INVALID_FILTER`,
 * `INVALID_PREDICATE`, `TAIL_UNAVAILABLE` (too many tails open, the filters' worker did not
 * start), `UNKNOWN_TAIL` (stopped, or not polled for 30 s: the message says which).
 */
import { z } from 'zod';
import { batchProblemSchema, decodingSchema, messageRecordSchema, recordFilterSchema } from './messages';

/** Most records one poll carries (20 polls a second carry up to 100,000 records a second). */
export const MAX_TAIL_BATCH = 5000;
/** Most records a tail keeps for its caller between polls, read or not (older ones are dropped, and counted). */
export const DEFAULT_TAIL_BUFFER = 10_000;

const topicNameSchema = z.string().min(1).max(1000);
const partitionSchema = z.number().int().min(0).max(1_000_000);
const tailIdSchema = z.string().min(1).max(100);

export const tailNoticeSchema = z.object({
  kind: z.enum(['partitions-added', 'topic-deleted', 'records-deleted', 'broker-stopped', 'broker-restarted', 'filter-failed']),
  /** What happened, in words, e.g. `retention deleted offsets 0 to 4,999 of orders-2 before they were read`. */
  message: z.string(),
  at: z.number().int(),
});
export type TailNotice = z.infer<typeof tailNoticeSchema>;

export const tailStatusSchema = z.object({
  /** `waiting`: the broker is not running; the tail goes on from its positions when it is. */
  state: z.enum(['running', 'paused', 'waiting', 'ended']),
  /** The partitions tailed now (a tail of all partitions follows new ones). */
  partitions: z.array(partitionSchema),
  /** Per partition, the next offset the tail reads. */
  positions: z.record(z.string().regex(/^\d+$/), z.number().int().min(0)),
  /**
   * Records per second arriving in the tailed partitions, and of those, passing the filters (over
   * the last 5 s; the share passing is that of the records the tail looked at lately).
   */
  arrivingRate: z.number().min(0),
  matchingRate: z.number().min(0),
  /**
   * Records dropped since the tail started, its caller not keeping up (or the tail paused) past
   * its buffer: the oldest in its buffer, and unread ones skipped to go on with the newest. Exact
   * without filters; with filters, records skipped unread count whether or not they would have
   * matched.
   */
  dropped: z.number().int().min(0),
  /** Why the tail ended, in words (null while it runs). */
  endedBecause: z.string().nullable(),
});
export type TailStatus = z.infer<typeof tailStatusSchema>;

export const tailMethods = {
  'tail.start': {
    request: z.strictObject({
      topic: topicNameSchema,
      /** Null: every partition, now and added later. */
      partitions: z.array(partitionSchema).max(10_000).nullable(),
      /** Where to begin: new records only (`end`), or the last `count` records of each partition first (at most `bufferLimit` in all, the newest). */
      from: z.discriminatedUnion('at', [z.strictObject({ at: z.literal('end') }), z.strictObject({ at: z.literal('last'), count: z.number().int().min(1).max(10_000) })]),
      filters: z.array(recordFilterSchema).max(20),
      decode: decodingSchema,
      /** Records kept for this caller between polls. */
      bufferLimit: z.number().int().min(100).max(100_000).optional(),
    }),
    response: z.object({ tailId: tailIdSchema, status: tailStatusSchema }),
  },
  /** The records that arrived since the last poll (at most MAX_TAIL_BATCH, in append order per partition), waiting up to `waitMs` for some. */
  'tail.poll': {
    request: z.strictObject({ tailId: tailIdSchema, waitMs: z.number().int().min(0).max(5000) }),
    response: z.object({
      records: z.array(messageRecordSchema).max(MAX_TAIL_BATCH),
      problems: z.array(batchProblemSchema),
      /** Dropped since the previous poll. */
      dropped: z.number().int().min(0),
      notices: z.array(tailNoticeSchema),
      status: tailStatusSchema,
    }),
  },
  /** Stops reading (records arriving meanwhile are read on resume, from where it stopped; past `bufferLimit` of them, the oldest are dropped). */
  'tail.pause': { request: z.strictObject({ tailId: tailIdSchema }), response: tailStatusSchema },
  'tail.resume': { request: z.strictObject({ tailId: tailIdSchema }), response: tailStatusSchema },
  'tail.stop': { request: z.strictObject({ tailId: tailIdSchema }), response: tailStatusSchema },
} as const;

export const tailEvents = {} as const;
