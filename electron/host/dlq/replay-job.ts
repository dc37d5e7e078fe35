/**
 * A replay: chosen dead letters read from their DLQ topic (chosen-records.ts) and produced again
 * through the cluster's RecordSink, with one BatchAppender per target topic (acks=-1, so what the
 * sink acknowledges is on disk), as copy-job.ts copies records:
 * - target `original`: each to the topic and partition its provenance headers name
 *   (dead-letter-recognition.ts); one without them, or whose topic or partition no longer exists,
 *   fails and says why;
 * - target `topic`: all to one topic, each to the partition Kafka's clients pick for its key
 *   (murmur2; a null key to a random one).
 * Key, value, timestamp and headers are kept, provenance headers dropped, `__dlq.replay.of` =
 * `<dlq>/<partition>/<offset>` added (replacing an earlier one).
 *
 * The ledger (replay-ledger.ts) gets exactly what the sink acknowledged, per batch, with each
 * copy's offset; `done` counts a dead letter once that is fsynced. Each dead letter is sent at
 * most once per job (the selection is deduplicated). `ratePerSecond` paces the sends
 * (rate-limiter.ts), in steps of a twentieth of a second's worth. A cancel is seen between steps:
 * what was read and not handed to the sink is dropped, appends in flight settle (and are
 * recorded), and the job ends `cancelled` with exact counts. A disk that refuses writes, the one
 * target topic deleted, or a ledger that cannot be written ends it `failed`.
 */
import { DLQ_HEADER_REPLAY_OF, type StoredRecord } from '../../../broker-core/src/records/index';
import type { ReplayTarget } from '../../contract';
import { RecordSinkError, type RecordSink, type TopicLayout } from '../cluster/record-sink';
import type { RecordSource } from '../cluster/record-source';
import { RecordSourceError } from '../cluster/record-source';
import { BatchAppender, type BatchOutcome } from '../produce/batch-appender';
import type { EncodedRecord } from '../produce/encoded-record';
import { createPartitionChooser } from '../produce/partitioner';
import { RateLimiter } from '../produce/rate-limiter';
import { readChosen } from './chosen-records';
import { HeaderTextCache, isProvenanceHeader, recognizeDeadLetter } from './dead-letter-recognition';
import type { DlqJob } from './dlq-jobs';
import type { LedgerChange, TopicLedger } from './replay-ledger';

const MAX_STEP = 10_000;

export interface ReplayPlan {
  source: RecordSource;
  sink: RecordSink;
  ledger: TopicLedger;
  dlqTopic: string;
  /** The dead letters to replay, by partition, each list ascending without repeats. */
  chosen: Map<number, number[]>;
  target: ReplayTarget;
  ratePerSecond: number | null;
  /** For tests: smaller batches. */
  batchRecords?: number;
}

interface Tag {
  partition: number;
  offset: number;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The reason a refused batch's dead letters failed, in words that group well (no per-record numbers). */
function sinkFailure(error: RecordSinkError, topic: string, partition: number): string {
  switch (error.code) {
    case 'UNKNOWN_TOPIC':
      return `topic "${topic}" no longer exists`;
    case 'UNKNOWN_PARTITION':
      return `partition ${partition} of "${topic}" no longer exists`;
    case 'RECORD_TOO_LARGE':
      return `larger than "${topic}" accepts (max.message.bytes)`;
    default:
      return error.message;
  }
}

/** The dead letter as a record to send: provenance dropped, `__dlq.replay.of` added. */
export function replayCopy(dlqTopic: string, partition: number, record: StoredRecord): EncodedRecord {
  const headers = record.headers.filter((header) => !isProvenanceHeader(header.key) && header.key !== DLQ_HEADER_REPLAY_OF);
  headers.push({ key: DLQ_HEADER_REPLAY_OF, value: Buffer.from(`${dlqTopic}/${partition}/${record.offset}`) });
  return { key: record.key, value: record.value, headers, timestamp: record.timestamp };
}

export async function runReplay(job: DlqJob, plan: ReplayPlan): Promise<void> {
  const { source, sink, ledger, dlqTopic, target } = plan;
  const appenders = new Map<string, BatchAppender<Tag>>();
  const headerTexts = new HeaderTextCache();
  const layouts = new Map<string, TopicLayout | string>();
  const ledgerWrites = new Set<Promise<void>>();
  let ledgerError: Error | null = null;
  let stopReason: string | null = null;
  const chooser = createPartitionChooser('murmur2');
  const limiter = plan.ratePerSecond === null ? null : new RateLimiter(plan.ratePerSecond);
  const step = plan.ratePerSecond === null ? MAX_STEP : Math.max(1, Math.min(MAX_STEP, Math.ceil(plan.ratePerSecond / 20)));
  const stop = () => job.cancelRequested || stopReason !== null || ledgerError !== null;

  const onBatch = (topic: string) => (outcome: BatchOutcome<Tag>) => {
    if (outcome.error || outcome.baseOffset === null) {
      job.fail(outcome.error ? sinkFailure(outcome.error, topic, outcome.partition) : 'refused by the cluster', outcome.tags.length);
      if (outcome.error?.code === 'STORAGE_ERROR') stopReason ??= outcome.error.message;
      if (target.kind === 'topic' && (outcome.error?.code === 'UNKNOWN_TOPIC' || outcome.error?.code === 'UNKNOWN_PARTITION')) stopReason ??= `topic "${topic}" was deleted while replaying`;
      return;
    }
    const at = Date.now();
    const base = outcome.baseOffset;
    const changes: LedgerChange[] = outcome.tags.map((tag, index) => ({
      partition: tag.partition,
      offset: tag.offset,
      mark: { state: 'replayed', at, to: { topic, partition: outcome.partition, offset: base >= 0 ? base + index : null } },
    }));
    const write = ledger.append(changes).then(
      () => {
        job.done += changes.length;
      },
      (error: Error) => {
        ledgerError ??= error;
      },
    );
    ledgerWrites.add(write);
    void write.finally(() => ledgerWrites.delete(write));
  };

  const appenderFor = (topic: string, layout: TopicLayout): BatchAppender<Tag> => {
    let appender = appenders.get(topic);
    if (!appender) {
      appender = new BatchAppender<Tag>({ sink, topic, acks: -1, codec: 'none', maxBatchBytes: layout.maxBatchBytes, batchRecords: plan.batchRecords, onBatch: onBatch(topic) });
      appenders.set(topic, appender);
    }
    return appender;
  };

  /** The target topic's layout, or why it cannot take records (looked up once per job). */
  const layoutOf = async (topic: string, provenance: boolean): Promise<TopicLayout | string> => {
    let layout = layouts.get(topic);
    if (layout === undefined) {
      try {
        layout = await sink.topicLayout(topic);
      } catch (error) {
        if (!(error instanceof RecordSinkError)) throw error;
        layout = error.code === 'UNKNOWN_TOPIC' ? (provenance ? `source topic "${topic}" no longer exists` : `topic "${topic}" does not exist`) : error.message;
      }
      layouts.set(topic, layout);
    }
    return layout;
  };

  /** Hands one dead letter to its topic's appender, or counts why it cannot go. */
  const send = async (partition: number, record: StoredRecord): Promise<void> => {
    const tag = { partition, offset: record.offset };
    const copy = replayCopy(dlqTopic, partition, record);
    if (target.kind === 'topic') {
      const layout = await layoutOf(target.topic, false);
      if (typeof layout === 'string') return job.fail(layout);
      appenderFor(target.topic, layout).add(chooser.choose(copy.key, undefined, layout.partitions), copy, tag);
      return;
    }
    const provenance = recognizeDeadLetter(record, headerTexts).source;
    if (!provenance) return job.fail('no source topic in its headers');
    if (provenance.partition === null) return job.fail('no source partition in its headers');
    const layout = await layoutOf(provenance.topic, true);
    if (typeof layout === 'string') return job.fail(layout);
    if (provenance.partition >= layout.partitions) return job.fail(`source partition ${provenance.partition} of "${provenance.topic}" no longer exists`);
    const appender = appenderFor(provenance.topic, layout);
    if (appender.fatal) return job.fail(sinkFailure(appender.fatal, provenance.topic, provenance.partition));
    appender.add(provenance.partition, copy, tag);
  };

  const settle = async () => {
    for (const appender of appenders.values()) if (stop()) appender.discardPending();
    await Promise.all([...appenders.values()].map((appender) => appender.drain()));
    while (ledgerWrites.size > 0) await Promise.all([...ledgerWrites]);
  };

  try {
    outer: for await (const chosen of readChosen(source, dlqTopic, plan.chosen)) {
      job.fail(`no longer in "${dlqTopic}" (retention or deleted records)`, chosen.missing.length);
      for (let index = 0; index < chosen.records.length; ) {
        if (stop()) break outer;
        const n = Math.min(step, chosen.records.length - index);
        if (limiter && !(await limiter.take(n, stop))) break outer;
        for (const end = index + n; index < end; index++) await send(chosen.partition, chosen.records[index]);
        if (limiter) for (const appender of appenders.values()) appender.flush();
        for (const appender of appenders.values()) await appender.whenRoom();
        await yieldToEventLoop();
      }
      if (stop()) break;
    }
    await settle();
    const stored = `${job.done.toLocaleString('en-US')} dead letter${job.done === 1 ? ' was' : 's were'} replayed`;
    if (ledgerError) job.finish('failed', `${(ledgerError as Error).message}: ${stored}; what was sent after it may be replayed again`);
    else if (stopReason) job.finish('failed', `${stopReason}: ${stored}`);
    else if (job.cancelRequested) job.finish('cancelled', `cancelled: ${stored}`);
    else job.finish('done');
  } catch (error) {
    job.requestCancel();
    await settle().catch(() => {});
    const stored = `${job.done.toLocaleString('en-US')} dead letters were replayed before it`;
    if (error instanceof RecordSourceError) job.finish('failed', `cannot read "${dlqTopic}" any more (${error.message}): ${stored}`);
    else job.finish('failed', `the replay failed: ${error instanceof Error ? error.message : String(error)}: ${stored}`);
  }
}
