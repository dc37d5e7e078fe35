/**
 * DlqService: the contract's `dlq.*` methods and the `dlq.topics` event — dead letters from the
 * broker's sweeper and from applications' own DLQs, in one view — over the open cluster
 * (cluster/cluster.ts): the embedded broker or a remote cluster, read through its records, written
 * through its sink, its topics and configs through its admin; the sweeper only where the cluster
 * has one (`local.deadLetters`: the embedded broker).
 *
 * - Topics: dead-letter-topics.ts finds them (sweeper policy, name, headers); counts by state come
 *   from the replay ledger (replay-ledger.ts, durable in the state directory, one per cluster:
 *   cluster-ledgers.ts).
 * - List, summary and selections by filter read a per-topic DeadLetterIndex (dead-letter-index.ts),
 *   brought up to date (new offsets only) at each call; a page's keys and values are read then.
 * - Replay (replay-job.ts) and export (dead-letter-export.ts) are jobs, polled and cancelled by id.
 *   A replay whose selection holds dead letters already replayed — or being replayed by a running
 *   job — starts nothing unless `replayAgain`, and says how many; discarded ones are skipped
 *   unless `includeDiscarded`; one being replayed by another job is never sent again meanwhile.
 * - Discard marks dead letters (not replayed ones) in the ledger only.
 * - Policies are the source topic's `dlq.*` configs (dlq-policy.ts), Eddy's own: read and set only
 *   on a cluster with a sweeper (elsewhere refused, NOT_SUPPORTED, in words); the sweeper's status
 *   and "sweep now" are the broker's (`available: false` while detached, or without a sweeper).
 *
 * Lifecycle: created detached; `attach(cluster)` once the cluster can be used (the broker runs, or
 * a remote cluster is connected); `detach()` cancels the running jobs and waits for them (their
 * counts and ledger writes settle) before the cluster goes. While detached every method but the
 * sweeper's and the jobs' is refused with BROKER_NOT_RUNNING. Other refusals: UNKNOWN_TOPIC,
 * UNKNOWN_PARTITION, UNKNOWN_JOB, INVALID_VALUE, NOT_SUPPORTED, and the cluster's own error names.
 *
 * Events: `dlq.topics` (the whole list) after any change that may alter it (dlq-change-follow.ts)
 * — a topic created, deleted or reconfigured, an append to a topic that holds or may hold dead
 * letters, a sweep that moved records, a replay or discard — at most once per `eventIntervalMs`
 * (default 200 ms). A cluster without a change feed (a remote one) is looked at every
 * `pollIntervalMs` (default 5 s), and the list pushed when it differs from the last one pushed.
 */
import type { StoredRecord } from '../../../broker-core/src/records/index';
import {
  PREVIEW_CHARS,
  type ContractEvent,
  type DeadLetter,
  type DeadLetterSelection,
  type DeadLetterSummary,
  type DeadLetterTopic,
  type Decoding,
  type DomainHandlers,
} from '../../contract';
import type { Cluster } from '../cluster/cluster';
import { ClusterError, type ClusterAdmin } from '../cluster/cluster-admin';
import { RecordSinkError } from '../cluster/record-sink';
import { RecordSourceError } from '../cluster/record-source';
import { createEventThrottle } from '../event-throttle';
import { HostRefusal } from '../host-refusal';
import { decodeField, type DecodeOptions } from '../messages/field-decoding';
import { toMessageRecord } from '../messages/record-dto';
import { temporaryExportDestinations, type ExportDestinations } from '../messages/record-export';
import { offsetsByPartition, readChosen } from './chosen-records';
import { ClusterLedgers } from './cluster-ledgers';
import { runExport } from './dead-letter-export';
import { matchesFilter, stateOf } from './dead-letter-filter';
import { DeadLetterIndex, type DeadLetterEntry } from './dead-letter-index';
import { recognizeDeadLetter } from './dead-letter-recognition';
import { DeadLetterTopicFinder } from './dead-letter-topics';
import { followDlqChanges } from './dlq-change-follow';
import { DlqJobs } from './dlq-jobs';
import { readPolicy, writePolicy } from './dlq-policy';
import { runReplay } from './replay-job';
import type { LedgerChange, LedgerMark, TopicLedger } from './replay-ledger';
import { sweeperStatus, UNAVAILABLE_SWEEPER } from './sweeper-status';

export const DEFAULT_DLQ_EVENT_INTERVAL_MS = 200;
export const DEFAULT_DLQ_POLL_INTERVAL_MS = 5000;
/** Most names a summary counts one by one; the rest are counted together. */
const MAX_COUNTED_NAMES = 100;
const WHOLE: DecodeOptions = { maxChars: 16 * 1024 * 1024, pretty: true };
const PREVIEW: DecodeOptions = { maxChars: PREVIEW_CHARS };
const MAX_EXPORT_FILES = 100;

export type DlqHandlers = DomainHandlers<'dlq'>;

export interface DlqServiceOptions {
  /** Where the replay ledgers are kept (`<stateDir>/dlq-ledger/`, a remote cluster's in a folder of its own there). */
  stateDir: string;
  /** Where exports go (default: the temp folder, for download). */
  exportDestinations?: ExportDestinations;
  /** Minimum time between two `dlq.topics` pushes; default 200 ms. */
  eventIntervalMs?: number;
  /** How often a cluster that reports no changes (a remote one) is looked at again; default 5 s. */
  pollIntervalMs?: number;
  onListenerError?(error: unknown): void;
  /** Records per replayed batch at most (tests make it small to see progress). */
  replayBatchRecords?: number;
}

export interface DlqService {
  readonly handlers: DlqHandlers;
  /** Serves the dead letters of this cluster and follows their changes. Idempotent for the same cluster. */
  attach(cluster: Cluster): void;
  /** Cancels running jobs and waits for them, closes the ledger; then calls are refused until the next attach. */
  detach(): Promise<void>;
  onEvent(listener: (event: ContractEvent) => void): () => void;
  /** A finished export's file, for serve mode's download route; null if there is none. */
  exportFile(exportId: string): { path: string; name: string } | null;
}

type SelectedKey = { partition: number; offset: number };

const keyOf = (partition: number, offset: number) => `${partition}:${offset}`;

async function refusing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RecordSourceError || error instanceof RecordSinkError || error instanceof ClusterError) throw new HostRefusal(error.code, error.message, { cause: error });
    throw error;
  }
}

const unknownTopic = (topic: string, cause?: unknown) => new HostRefusal('UNKNOWN_TOPIC', `topic "${topic}" does not exist`, { cause });

/** Names counted, most first, the tail beyond MAX_COUNTED_NAMES folded into one. */
function countList(counts: Map<string, number>): Array<{ name: string; count: number }> {
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const list = sorted.slice(0, MAX_COUNTED_NAMES).map(([name, count]) => ({ name, count }));
  const rest = sorted.slice(MAX_COUNTED_NAMES);
  if (rest.length > 0) list.push({ name: `${rest.length} others`, count: rest.reduce((sum, [, count]) => sum + count, 0) });
  return list;
}

function toDeadLetter(entry: DeadLetterEntry, record: StoredRecord, mark: LedgerMark | undefined, decoding: Decoding, options: DecodeOptions): DeadLetter {
  return {
    partition: entry.partition,
    offset: entry.offset,
    timestamp: entry.timestamp,
    diedAt: entry.diedAt,
    format: entry.format,
    reason: entry.reason,
    exceptionClass: entry.exceptionClass,
    source: entry.source,
    group: entry.group,
    attempts: entry.attempts,
    key: decodeField(record.key, decoding.key, options),
    value: decodeField(record.value, decoding.value, options),
    state: stateOf(mark),
    replay: mark?.state === 'replayed' ? { at: mark.at, ...mark.to } : null,
    discardedAt: mark?.state === 'discarded' ? mark.at : null,
  };
}

export function createDlqService(options: DlqServiceOptions): DlqService {
  const listeners = new Set<(event: ContractEvent) => void>();
  const destinations = options.exportDestinations ?? temporaryExportDestinations();
  const jobs = new DlqJobs();
  const indexes = new Map<string, DeadLetterIndex>();
  /** Per DLQ topic, the dead letters running replays are sending. */
  const claims = new Map<string, Set<string>>();
  const exportFiles = new Map<string, { path: string; name: string }>();
  let cluster: Cluster | null = null;
  let finder: DeadLetterTopicFinder | null = null;
  let ledgers: ClusterLedgers | null = null;
  let unfollow: (() => void) | null = null;
  let publishing = false;
  let dirty = false;
  /** The list last pushed (JSON), so a poll that finds nothing new pushes nothing. */
  let lastPushed: string | null = null;

  const publish = (event: ContractEvent): void => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        options.onListenerError?.(error);
      }
    }
  };

  const running = (): Cluster => {
    if (!cluster) throw new HostRefusal('BROKER_NOT_RUNNING', 'the broker is not running: start it to see its dead letters');
    return cluster;
  };

  /** The attached cluster's admin for the sweeper policy: only a cluster with a sweeper has one. */
  const policyAdmin = (): ClusterAdmin => {
    const attached = running();
    if (!attached.local?.deadLetters) {
      throw new HostRefusal(
        'NOT_SUPPORTED',
        'the dead-letter policy is a feature of Eddy’s embedded broker: only its sweeper acts on the dlq.* topic configs, and a Kafka cluster refuses them as unknown configs; open the embedded broker to set one',
      );
    }
    return attached.admin;
  };

  /** The topic's offset ranges now; UNKNOWN_TOPIC if it does not exist. */
  const rangesOf = async (attached: Cluster, topic: string) => {
    try {
      return await attached.records.partitionOffsets(topic);
    } catch (error) {
      if (error instanceof RecordSourceError && error.code === 'UNKNOWN_TOPIC') throw unknownTopic(topic, error);
      throw error;
    }
  };

  /** The topic's ledger in the attached cluster's ledgers; refused for a cluster left meanwhile. */
  const ledgerOf = async (attached: Cluster, topic: string, topicId?: string | null): Promise<TopicLedger> => {
    if (cluster !== attached || !ledgers) throw new HostRefusal('BROKER_NOT_RUNNING', 'the cluster was closed meanwhile: its dead letters are no longer served');
    return ledgers.open(topic, topicId);
  };

  /** The topic's index, brought up to date now. */
  const indexOf = async (attached: Cluster, topic: string): Promise<DeadLetterIndex> => {
    let index = indexes.get(topic);
    if (!index) indexes.set(topic, (index = new DeadLetterIndex(attached.records, topic)));
    try {
      await index.refresh();
    } catch (error) {
      if (!(error instanceof RecordSourceError && error.code === 'UNKNOWN_TOPIC')) throw error;
      if (indexes.get(topic) === index) indexes.delete(topic);
      throw unknownTopic(topic, error);
    }
    return index;
  };

  const claimed = (topic: string): Set<string> => {
    let set = claims.get(topic);
    if (!set) claims.set(topic, (set = new Set()));
    return set;
  };

  /** The dead letters a selection names: each once; a named one must be in a partition the topic has. */
  const selectionKeys = (topic: string, index: DeadLetterIndex, ledger: TopicLedger, selection: DeadLetterSelection): SelectedKey[] => {
    if (selection.kind === 'filter') return index.entries().filter((entry) => matchesFilter(entry, selection.filter, ledger.mark(entry.partition, entry.offset)));
    const partitions = index.partitions().length;
    const seen = new Set<string>();
    const keys: SelectedKey[] = [];
    for (const { partition, offset } of selection.records) {
      if (partition >= partitions) throw new HostRefusal('UNKNOWN_PARTITION', `topic "${topic}" has no partition ${partition} (it has ${partitions})`);
      const key = keyOf(partition, offset);
      if (seen.has(key)) continue;
      seen.add(key);
      keys.push({ partition, offset });
    }
    return keys;
  };

  const forgetTopic = (topic: string): void => {
    indexes.delete(topic);
    finder?.forget(topic);
    ledgers?.forget(topic);
  };

  const topicList = async (attached: Cluster): Promise<DeadLetterTopic[]> => {
    const { listed, found } = await (finder ??= new DeadLetterTopicFinder(attached)).find();
    // What is kept of topics no longer listed, or listed with another id (made again), is forgotten.
    if (cluster === attached) for (const gone of ledgers?.reconcile(listed, indexes.keys()) ?? []) forgetTopic(gone);
    return Promise.all(
      found.map(async ({ topic, recognizedBy, ranges }) => {
        const { replayed, discarded } = (await ledgerOf(attached, topic, listed.get(topic) ?? null)).counts(ranges);
        const records = ranges.reduce((sum, range) => sum + Math.max(0, range.highWatermark - range.logStartOffset), 0);
        return { topic, recognizedBy, partitions: ranges.length, records, dead: Math.max(0, records - replayed - discarded), replayed, discarded };
      }),
    );
  };

  /** Pushes the list; a poll's (`onlyIfChanged`) only when it differs from the last one pushed, and quietly when the cluster cannot be read. */
  const pushTopics = async (onlyIfChanged = false): Promise<void> => {
    if (listeners.size === 0) return;
    if (publishing) {
      dirty = true;
      return;
    }
    publishing = true;
    let force = !onlyIfChanged;
    try {
      do {
        dirty = false;
        const attached = cluster;
        if (!attached) return;
        const topics = await topicList(attached);
        if (cluster !== attached) continue;
        const text = JSON.stringify(topics);
        if (force || text !== lastPushed) publish({ event: 'dlq.topics', payload: { topics } });
        lastPushed = text;
        force = true;
      } while (dirty);
    } catch (error) {
      // A poll's failure (the cluster unreachable now) or a cluster left meanwhile is not the listeners' problem.
      const quiet = (onlyIfChanged && (error instanceof ClusterError || error instanceof RecordSourceError)) || error instanceof HostRefusal;
      if (!quiet) options.onListenerError?.(error);
    } finally {
      publishing = false;
    }
  };

  const throttle = createEventThrottle(options.eventIntervalMs ?? DEFAULT_DLQ_EVENT_INTERVAL_MS, () => void pushTopics());

  const handlers: DlqHandlers = {
    'dlq.topics': () => refusing(async () => ({ topics: await topicList(running()) })),

    'dlq.summary': ({ topic }) =>
      refusing(async (): Promise<DeadLetterSummary> => {
        const attached = running();
        const index = await indexOf(attached, topic);
        const ledger = await ledgerOf(attached, topic);
        const byReason = new Map<string, number>();
        const bySource = new Map<string, number>();
        const byFormat = new Map<string, number>();
        const states = { dead: 0, replayed: 0, discarded: 0 };
        const count = (map: Map<string, number>, name: string) => map.set(name, (map.get(name) ?? 0) + 1);
        const entries = index.entries();
        for (const entry of entries) {
          count(byReason, entry.reason);
          count(bySource, entry.source?.topic ?? 'unknown');
          count(byFormat, entry.format);
          states[stateOf(ledger.mark(entry.partition, entry.offset))]++;
        }
        return { topic, total: entries.length, byReason: countList(byReason), bySource: countList(bySource), byFormat: countList(byFormat), ...states };
      }),

    'dlq.list': ({ topic, filter, start, limit, decode }) =>
      refusing(async () => {
        const attached = running();
        const index = await indexOf(attached, topic);
        const ledger = await ledgerOf(attached, topic);
        const matched = index.entries().filter((entry) => matchesFilter(entry, filter, ledger.mark(entry.partition, entry.offset)));
        const page = matched.slice(start, start + limit);
        const records = new Map<string, StoredRecord>();
        for await (const step of readChosen(attached.records, topic, offsetsByPartition(page))) {
          for (const record of step.records) records.set(keyOf(step.partition, record.offset), record);
        }
        const deadLetters = page.flatMap((entry) => {
          const record = records.get(keyOf(entry.partition, entry.offset));
          return record ? [toDeadLetter(entry, record, ledger.mark(entry.partition, entry.offset), decode, PREVIEW)] : [];
        });
        return { deadLetters, total: matched.length };
      }),

    'dlq.get': ({ topic, partition, offset, decode }) =>
      refusing(async () => {
        const attached = running();
        await rangesOf(attached, topic);
        const ledger = await ledgerOf(attached, topic);
        let record: StoredRecord | undefined;
        for await (const step of readChosen(attached.records, topic, new Map([[partition, [offset]]]))) record ??= step.records[0];
        if (!record) return { deadLetter: null, record: null, originalRetained: false };
        const entry: DeadLetterEntry = { ...recognizeDeadLetter(record), partition, offset, timestamp: record.timestamp };
        let originalRetained = false;
        const origin = entry.source;
        if (origin && origin.partition !== null && origin.offset !== null) {
          const range = (await attached.records.partitionOffsets(origin.topic).catch(() => [])).find((candidate) => candidate.partition === origin.partition);
          originalRetained = range !== undefined && origin.offset >= range.logStartOffset && origin.offset < range.highWatermark;
        }
        return {
          deadLetter: toDeadLetter(entry, record, ledger.mark(partition, offset), decode, WHOLE),
          record: toMessageRecord(partition, record, decode, WHOLE),
          originalRetained,
        };
      }),

    'dlq.replayStart': ({ topic, selection, target, ratePerSecond, replayAgain, includeDiscarded }) =>
      refusing(async () => {
        const attached = running();
        const index = await indexOf(attached, topic);
        const ledger = await ledgerOf(attached, topic);
        const keys = selectionKeys(topic, index, ledger, selection);
        const busy = claimed(topic);
        const isReplayed = ({ partition, offset }: SelectedKey) => ledger.mark(partition, offset)?.state === 'replayed' || busy.has(keyOf(partition, offset));
        const alreadyReplayed = keys.filter(isReplayed).length;
        if (alreadyReplayed > 0 && !replayAgain) return { jobId: null, selected: keys.length, alreadyReplayed };
        if (target.kind === 'topic') {
          if (target.topic === topic) throw new HostRefusal('INVALID_VALUE', `replaying "${topic}" into itself would only make its dead letters again`);
          await attached.sink.topicLayout(target.topic);
        }
        const chosen = keys.filter(({ partition, offset }) => !busy.has(keyOf(partition, offset)) && (includeDiscarded || ledger.mark(partition, offset)?.state !== 'discarded'));
        const job = jobs.create('replay');
        job.total = chosen.length;
        const mine = chosen.map(({ partition, offset }) => keyOf(partition, offset));
        for (const key of mine) busy.add(key);
        void runReplay(job, { source: attached.records, sink: attached.sink, ledger, dlqTopic: topic, chosen: offsetsByPartition(chosen), target, ratePerSecond, batchRecords: options.replayBatchRecords }).finally(() => {
          for (const key of mine) busy.delete(key);
          throttle.schedule();
        });
        return { jobId: job.id, selected: keys.length, alreadyReplayed };
      }),

    'dlq.discard': ({ topic, selection }) =>
      refusing(async () => {
        const attached = running();
        const index = await indexOf(attached, topic);
        const ledger = await ledgerOf(attached, topic);
        const busy = claimed(topic);
        const at = Date.now();
        const changes: LedgerChange[] = selectionKeys(topic, index, ledger, selection)
          .filter(({ partition, offset }) => index.entry(partition, offset) !== undefined && ledger.mark(partition, offset) === undefined && !busy.has(keyOf(partition, offset)))
          .map(({ partition, offset }) => ({ partition, offset, mark: { state: 'discarded', at } }));
        await ledger.append(changes);
        return { discarded: changes.length };
      }),

    'dlq.exportStart': ({ topic, selection }) =>
      refusing(async () => {
        const attached = running();
        const index = await indexOf(attached, topic);
        const ledger = await ledgerOf(attached, topic);
        const keys = selectionKeys(topic, index, ledger, selection);
        const name = `${topic}.dead-letters.jsonl`;
        const destination = await destinations.choose(name);
        const job = jobs.create('export');
        job.total = keys.length;
        if (!destination) {
          job.finish('cancelled', 'no file was chosen');
          return { jobId: job.id };
        }
        if (destination.download) {
          exportFiles.set(job.id, { path: destination.path, name });
          for (const old of [...exportFiles.keys()].slice(0, Math.max(0, exportFiles.size - MAX_EXPORT_FILES))) exportFiles.delete(old);
        }
        void runExport(job, { source: attached.records, ledger, dlqTopic: topic, chosen: offsetsByPartition(keys), destination });
        return { jobId: job.id };
      }),

    'dlq.jobPoll': ({ jobId, waitMs }) => jobs.poll(jobId, waitMs),
    'dlq.jobCancel': ({ jobId }) => jobs.cancel(jobId),

    'dlq.sweeperStatus': async () => {
      const sweeper = cluster?.local?.deadLetters;
      return sweeper ? sweeperStatus(sweeper.status()) : UNAVAILABLE_SWEEPER;
    },
    'dlq.sweepNow': async () => {
      const sweeper = cluster?.local?.deadLetters;
      if (!sweeper) return UNAVAILABLE_SWEEPER;
      return sweeperStatus((await sweeper.sweepNow()).status);
    },

    'dlq.policyGet': async ({ topic }) => readPolicy(policyAdmin(), topic),
    'dlq.policySet': async ({ topic, policy }) => writePolicy(policyAdmin(), topic, policy),
  };

  /** Forgets what was read of the cluster the service leaves; its ledgers are closed by the caller. */
  const leave = (): ClusterLedgers | null => {
    unfollow?.();
    unfollow = null;
    throttle.cancel();
    indexes.clear();
    finder = null;
    lastPushed = null;
    const left = ledgers;
    ledgers = null;
    return left;
  };

  return {
    handlers,
    attach(next) {
      if (cluster === next) return;
      // Another cluster without a detach first: its ledgers are closed behind (a detach waits for them).
      if (cluster) void leave()?.close().catch(() => undefined);
      cluster = next;
      finder = new DeadLetterTopicFinder(next);
      ledgers = new ClusterLedgers(next, options.stateDir, () => throttle.schedule());
      unfollow = followDlqChanges(
        next,
        {
          deleted: (topic) => forgetTopic(topic),
          settledAsNotDlq: (topic) => finder?.settledAsNotDlq(topic) ?? false,
          changed: () => throttle.schedule(),
          poll: () => void pushTopics(true),
        },
        options.pollIntervalMs ?? DEFAULT_DLQ_POLL_INTERVAL_MS,
      );
      throttle.schedule();
    },
    async detach() {
      if (!cluster) return;
      cluster = null;
      const left = leave();
      await jobs.stopAll();
      await left?.close();
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    exportFile(exportId) {
      const job = jobs.find(exportId);
      const file = exportFiles.get(exportId);
      return job && file && job.state === 'done' && job.exportId === exportId ? { ...file } : null;
    },
  };
}
