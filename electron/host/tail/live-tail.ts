/**
 * One live tail: follows a topic's partitions from per-partition positions, reads what is new in
 * chunks of at most `chunkBytes` (~1 MiB; a single batch larger than that is read whole, as
 * Kafka's Fetch does), and hands each chunk to its own worker (messages/search-worker.ts), which
 * decodes it and applies the filters (the predicate in its sandbox, time- and heap-bounded). On
 * the broker's event loop this class only reads chunks and moves arrays; it never decodes batches.
 *
 * What passes the filters waits in a TailBuffer until the tail's caller polls. Backpressure is
 * the tail's own: it reads only while its buffer has room for what it reads (a chunk's size is cut
 * to the room, by the bytes a record took in the last chunk), so a caller that does not keep up makes its
 * tail stop reading, and costs nothing but its buffer. The tail keeps at most `bufferLimit` records
 * its caller has not seen, read or not: when a poll finds more (the caller was slow, or the tail
 * paused, or the worker could not keep up), the oldest are dropped (from the buffer, then unread
 * ones skipped) and counted, so the caller goes on with the newest. Without filters the count is
 * exact; with filters, records skipped unread count whether or not they would have matched.
 *
 * Invariants: per partition, records reach the buffer in append order, each once (a chunk is
 * answered by the one worker in the order it was sent; a chunk sent to a worker that is then
 * stopped is read again from its start). At most IN_FLIGHT chunks are in the worker and one read
 * is in progress at a time. A caller's poll never waits for reading or the worker beyond `waitMs`.
 *
 * Lifecycle: `attach(source)` starts the worker (first time: it may throw why the filters cannot
 * be used), reads the partitions' offsets, watches the topic (the source's change feed, or polling)
 * and reads; `detach()` (the broker stops) stops the worker and the reading and keeps the
 * positions, so a later `attach` goes on from them. `pause` stops reading, `resume` reads from
 * where it stopped. The tail ends (for good) when its topic is deleted, a filter fails, or it is
 * stopped; its buffer stays readable by `poll`. Every change worth telling the caller becomes a
 * notice.
 */
import { offsetAfterBatches } from '../../../broker-core/src/records/index';
import type { BatchProblem, MessageRecord, TailNotice, TailStatus } from '../../contract';
import { MAX_TAIL_BATCH } from '../../contract';
import { RecordSourceError, type PartitionOffsets, type RecordChange, type RecordSource } from '../cluster/record-source';
import type { ChunkResult } from '../messages/search-worker';
import type { SearchWorkerHandle } from '../messages/search-worker-handle';
import { watchTopic } from './polling-watch';
import { RateMeter } from './rate-meter';
import { TailBuffer } from './tail-buffer';

/** Chunks in the worker at once: one being tested while the next waits, so reading and testing overlap. */
const IN_FLIGHT = 2;
const MAX_NOTICES = 100;
const MAX_PROBLEMS = 100;

export interface LiveTailSettings {
  topic: string;
  /** null: every partition, now and added later. */
  partitions: readonly number[] | null;
  bufferLimit: number;
  chunkBytes: number;
  /** How long after a change the tail reads (appends in between are read together). */
  readDelayMs: number;
  /** Least time between two answers to polls (a caller polling faster waits). */
  minAnswerIntervalMs: number;
  /** How often a source without a change feed is looked at. */
  watchPollMs?: number;
  /** Starts a worker with the tail's filters (rejects with why they cannot be used). */
  startWorker(): Promise<SearchWorkerHandle>;
}

export interface TailPoll {
  records: MessageRecord[];
  problems: BatchProblem[];
  dropped: number;
  notices: TailNotice[];
  status: TailStatus;
}

type NoticeKind = TailNotice['kind'];

interface SentChunk {
  id: number;
  partition: number;
  /** The offsets it spans: [from, to). */
  from: number;
  to: number;
  /** Its records below this offset were dropped before it was answered (the caller fell behind): counted, not kept. */
  dropBelow: number;
}

const count = (n: number) => n.toLocaleString('en-US');

export class LiveTail {
  private state: 'running' | 'paused' | 'ended' = 'running';
  private endedBecause: string | null = null;
  private source: RecordSource | null = null;
  private worker: SearchWorkerHandle | null = null;
  /** Bumped on every attach, detach and end: what an older read or worker answers is ignored. */
  private generation = 0;
  private unwatch: (() => void) | null = null;
  /** Per tailed partition: the next offset to read. */
  private readonly positions = new Map<number, number>();
  /** Per tailed partition: how far there is something to read (the high watermark last heard of). */
  private readonly readableTo = new Map<number, number>();
  /** Per tailed partition: the high watermark counted in the arriving rate so far. */
  private readonly arrivedTo = new Map<number, number>();
  /** Chunks sent to the worker and not answered yet, in the order sent. */
  private readonly sent: SentChunk[] = [];
  private nextChunkId = 1;
  private reading = false;
  private readTimer: ReturnType<typeof setTimeout> | null = null;
  private turn = 0;
  private readonly buffer: TailBuffer<MessageRecord>;
  private problems: BatchProblem[] = [];
  private notices: TailNotice[] = [];
  private readonly arriving = new RateMeter();
  /** Records the worker looked at, and those that passed (the matching rate is the arriving rate times their ratio). */
  private readonly tested = new RateMeter();
  private readonly matched = new RateMeter();
  /** Stored bytes a record took in the last chunk read (to cut a read to the buffer's room); until then a guess on the small side (a first read too short costs one more). */
  private bytesPerRecord = 16;
  private wake: (() => void) | null = null;
  private lastAnsweredAt = -Infinity;
  private polls = 0;
  /** The caller did not keep up at its last polls (keepNewest): read only for its polls, one poll's worth. */
  private callerBehind = false;
  /** When a caller last polled (Date.now), or a poll is under way. */
  lastPolledAt = Date.now();

  constructor(
    readonly id: string,
    private readonly settings: LiveTailSettings,
    /** Per partition, the first offset to read. */
    start: ReadonlyMap<number, number>,
  ) {
    this.buffer = new TailBuffer(settings.bufferLimit);
    for (const [partition, offset] of start) this.positions.set(partition, offset);
  }

  get topic(): string {
    return this.settings.topic;
  }

  get ended(): boolean {
    return this.state === 'ended';
  }

  get polling(): boolean {
    return this.polls > 0;
  }

  status(): TailStatus {
    const positions: Record<string, number> = {};
    for (const [partition, offset] of this.positions) positions[partition] = offset;
    return {
      state: this.state === 'running' && !this.source ? 'waiting' : this.state,
      partitions: [...this.positions.keys()].sort((a, b) => a - b),
      positions,
      arrivingRate: this.arriving.rate(),
      matchingRate: this.matchingRate(),
      dropped: this.buffer.dropped,
      endedBecause: this.endedBecause,
    };
  }

  /** Of the records arriving, those passing the filters (estimated from those the worker looked at lately). */
  private matchingRate(): number {
    const tested = this.tested.rate();
    return tested > 0 ? (this.arriving.rate() * this.matched.rate()) / tested : 0;
  }

  /**
   * Follows the topic in `source` (the broker runs): starts the worker, reads where the partitions
   * are, watches the topic and reads. `first`: the tail is being started, and a worker that cannot
   * start throws (the caller is refused); later, it ends the tail.
   */
  async attach(source: RecordSource, first: boolean): Promise<void> {
    if (this.state === 'ended') return;
    const generation = ++this.generation;
    this.source = source;
    let worker: SearchWorkerHandle;
    try {
      worker = await this.settings.startWorker();
    } catch (error) {
      if (first) throw error;
      if (generation === this.generation) this.end('filter-failed', `the filters could not be set up again: ${(error as Error).message}`);
      return;
    }
    if (generation !== this.generation) return void worker.terminate();
    this.worker = worker;
    worker.onResult((result) => this.onResult(generation, result));
    worker.onExit((reason) => {
      if (generation === this.generation) this.end('filter-failed', `the filters stopped working: ${reason}`);
    });
    let offsets: PartitionOffsets[];
    try {
      offsets = await source.partitionOffsets(this.topic);
    } catch (error) {
      if (generation !== this.generation) return;
      if (error instanceof RecordSourceError && error.code === 'UNKNOWN_TOPIC') return this.end('topic-deleted', `topic "${this.topic}" was deleted`);
      if (first) throw error;
      return this.end(null, `the offsets of "${this.topic}" could not be read: ${(error as Error).message}`);
    }
    if (generation !== this.generation) return;
    this.catchUp(offsets, !first);
    if (generation !== this.generation) return; // it ended
    this.unwatch = watchTopic(source, this.topic, (change) => this.onChange(generation, change), this.settings.watchPollMs);
    this.pump();
  }

  /** The broker stops: stop reading and the worker, keep the positions (what the worker had not answered is read again). */
  detach(): void {
    if (!this.source) return;
    this.generation++;
    this.disconnect();
    if (this.state !== 'ended') this.notice('broker-stopped', 'the broker stopped: the tail waits for it and goes on from where it was');
  }

  pause(): TailStatus {
    if (this.state === 'running') {
      this.state = 'paused';
      this.cancelRead();
    }
    return this.status();
  }

  resume(): TailStatus {
    if (this.state === 'paused') {
      this.state = 'running';
      this.keepNewest(false); // what arrived past the buffer while paused: the oldest go, every partition alike
      this.pump();
    }
    return this.status();
  }

  /** Ends the tail for good (`because`: why, in words). */
  stop(because: string): TailStatus {
    this.end(null, because);
    return this.status();
  }

  /**
   * What arrived since the last poll (at most MAX_TAIL_BATCH records), waiting up to `waitMs` for
   * something if there is nothing yet, and never answering sooner than `minAnswerIntervalMs` after
   * the previous answer (unless `waitMs` runs out first): so records come in batches.
   */
  async poll(waitMs: number): Promise<TailPoll> {
    this.polls++;
    this.lastPolledAt = Date.now();
    try {
      this.keepNewest(true);
      this.pump();
      const deadline = performance.now() + waitMs;
      const paced = Math.min(deadline, this.lastAnsweredAt + this.settings.minAnswerIntervalMs);
      if (paced > performance.now()) await this.waitUntil(paced, false);
      if (!this.hasNews() && deadline > performance.now()) await this.waitUntil(deadline, true);
      this.lastAnsweredAt = performance.now();
      return {
        records: this.buffer.take(MAX_TAIL_BATCH),
        problems: this.problems.splice(0),
        dropped: this.buffer.takeDropped(),
        notices: this.notices.splice(0),
        status: this.status(),
      };
    } finally {
      this.polls--;
      this.lastPolledAt = Date.now();
      this.pump(); // there is room again (unless the caller is behind: then the next poll reads)
    }
  }

  /**
   * Keeps at most `bufferLimit` records the caller has not seen: the buffer's, those in the
   * worker, and those not read yet; at most one poll's worth (MAX_TAIL_BATCH) while the caller is
   * behind. Past that, the oldest go (counted): from the buffer first, then the oldest records of
   * the worker's chunks (dropped when they come back), then unread records are skipped, each
   * partition in proportion to what it has unread.
   *
   * `atPoll`: a poll tells whether the caller is behind: it is once a poll finds more unseen than
   * the buffer holds, and is no more once a poll finds no more than one poll carries (and the
   * buffer holds). While it is behind, the tail reads only for a waiting poll (pump), and only
   * what one poll carries: what it read ahead would be older than what the caller wants by its
   * next poll, and dropped unseen.
   */
  private keepNewest(atPoll: boolean): void {
    const unread = new Map<number, number>();
    let unreadInAll = 0;
    for (const [partition, position] of this.positions) {
      const behind = Math.max(0, (this.readableTo.get(partition) ?? 0) - position);
      if (behind > 0) unread.set(partition, behind);
      unreadInAll += behind;
    }
    const unseen = this.buffer.size + this.inWorker() + unreadInAll;
    // What piles up while paused is the pause's doing, and before the first answer the backfill's, not the caller's.
    if (atPoll && this.state === 'running' && this.lastAnsweredAt > -Infinity && unseen > this.settings.bufferLimit) this.callerBehind = true;
    else if (atPoll && unseen <= Math.min(this.settings.bufferLimit, MAX_TAIL_BATCH)) this.callerBehind = false;
    let excess = unseen - this.keptUnseen();
    if (excess <= 0) return;
    const fromBuffer = Math.min(excess, this.buffer.size);
    this.buffer.dropOldest(fromBuffer);
    excess -= fromBuffer;
    for (const chunk of this.sent) {
      if (excess <= 0) break;
      const dropped = Math.min(excess, chunk.to - chunk.dropBelow);
      chunk.dropBelow += dropped;
      excess -= dropped;
    }
    if (excess <= 0) return;
    let left = Math.min(excess, unreadInAll);
    for (const [partition, behind] of [...unread].sort((a, b) => b[1] - a[1])) {
      const skipped = Math.min(behind, left, Math.ceil((excess * behind) / unreadInAll));
      this.positions.set(partition, this.positions.get(partition)! + skipped);
      this.buffer.countDropped(skipped);
      left -= skipped;
    }
    this.pump();
  }

  /** Most records the caller has not seen that the tail keeps. */
  private keptUnseen(): number {
    return this.callerBehind ? Math.min(this.settings.bufferLimit, MAX_TAIL_BATCH) : this.settings.bufferLimit;
  }

  /** Records (at most) in the chunks the worker has not answered, and still wanted. */
  private inWorker(): number {
    let records = 0;
    for (const chunk of this.sent) records += chunk.to - chunk.dropBelow;
    return records;
  }

  private hasNews(): boolean {
    return this.buffer.size > 0 || this.notices.length > 0 || this.problems.length > 0 || this.state === 'ended';
  }

  /** Waits until `until` (performance.now), or news if `forNews`; a newer poll ends an older one's wait. */
  private async waitUntil(until: number, forNews: boolean): Promise<void> {
    this.wake?.();
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wake === wake) this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, until - performance.now()));
      const wake = forNews ? done : () => {};
      this.wake = forNews ? wake : null;
    });
  }

  private newsArrived(): void {
    this.wake?.();
  }

  private notice(kind: NoticeKind, message: string): void {
    this.notices.push({ kind, message, at: Date.now() });
    if (this.notices.length > MAX_NOTICES) this.notices.splice(0, this.notices.length - MAX_NOTICES);
    this.newsArrived();
  }

  private end(kind: NoticeKind | null, because: string): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    this.endedBecause = because;
    this.generation++;
    this.disconnect();
    if (kind) this.notice(kind, because);
    this.newsArrived();
  }

  private disconnect(): void {
    this.source = null;
    this.unwatch?.();
    this.unwatch = null;
    this.cancelRead();
    this.reading = false;
    for (const chunk of this.sent) {
      // Not answered: what was dropped of it is counted (as offsets), the rest read again later.
      this.buffer.countDropped(chunk.dropBelow - chunk.from);
      if (chunk.dropBelow < chunk.to) this.positions.set(chunk.partition, Math.min(this.positions.get(chunk.partition)!, chunk.dropBelow));
    }
    this.sent.length = 0;
    void this.worker?.terminate();
    this.worker = null;
  }

  /** Takes in where the partitions are now (the tail starts, or the broker is back). */
  private catchUp(offsets: PartitionOffsets[], restarted: boolean): void {
    if (this.settings.partitions === null) this.takeInPartitions(offsets.length, offsets);
    const missing = [...this.positions.keys()].filter((partition) => partition >= offsets.length);
    if (missing.length > 0) return this.end('topic-deleted', `topic "${this.topic}" has no partition ${missing.join(', ')} any more (it was deleted and made again?)`);
    for (const range of offsets) {
      if (!this.positions.has(range.partition)) continue;
      this.logStartMoved(range.partition, range.logStartOffset, null);
      const position = this.positions.get(range.partition)!;
      if (position > range.highWatermark) {
        this.notice('records-deleted', `${this.topic}-${range.partition} now ends at offset ${count(range.highWatermark)}, before ${count(position)} where the tail was (records not flushed before the broker stopped are gone): it goes on from there`);
        this.positions.set(range.partition, range.highWatermark);
      }
      this.highWatermark(range.partition, range.highWatermark);
    }
    if (restarted) this.notice('broker-restarted', 'the broker is running again: the tail goes on from where it was');
  }

  /** A tail of every partition takes in those past the ones it has, from their start. */
  private takeInPartitions(total: number, offsets: PartitionOffsets[] | null): void {
    const added: number[] = [];
    for (let partition = 0; partition < total; partition++) {
      if (this.positions.has(partition)) continue;
      const start = offsets?.[partition]?.logStartOffset ?? 0;
      this.positions.set(partition, start);
      this.arrivedTo.set(partition, start);
      added.push(partition);
    }
    if (added.length === 0) return;
    const which = added.length === 1 ? `partition ${added[0]}` : `partitions ${added.slice(0, -1).join(', ')} and ${added.at(-1)}`;
    this.notice('partitions-added', `"${this.topic}" now has ${total} partitions: the tail takes in ${which}`);
  }

  private onChange(generation: number, change: RecordChange): void {
    if (generation !== this.generation) return;
    switch (change.type) {
      case 'appended':
        if (!this.positions.has(change.partition)) return;
        this.highWatermark(change.partition, change.highWatermark);
        this.scheduleRead();
        return;
      case 'partitions-added':
        if (this.settings.partitions === null) this.takeInPartitions(change.partitions, null);
        return;
      case 'topic-deleted':
        return this.end('topic-deleted', `topic "${this.topic}" was deleted`);
      case 'log-start-moved':
        if (!this.positions.has(change.partition)) return;
        this.logStartMoved(change.partition, change.logStartOffset, change.reason);
        this.scheduleRead();
        return;
    }
  }

  private highWatermark(partition: number, highWatermark: number): void {
    if (highWatermark > (this.readableTo.get(partition) ?? -1)) this.readableTo.set(partition, highWatermark);
    const arrived = this.arrivedTo.get(partition);
    if (arrived === undefined) this.arrivedTo.set(partition, highWatermark);
    else if (highWatermark > arrived) {
      this.arriving.add(highWatermark - arrived);
      this.arrivedTo.set(partition, highWatermark);
    }
  }

  /** Records below `logStartOffset` are gone: a tail that had not read them goes on from there, saying which it lost. */
  private logStartMoved(partition: number, logStartOffset: number, reason: 'retention' | 'delete-records' | null): void {
    const position = this.positions.get(partition)!;
    if (logStartOffset <= position) return;
    const range = `offsets ${count(position)} to ${count(logStartOffset - 1)} of ${this.topic}-${partition}`;
    const message = reason === 'retention' ? `retention deleted ${range} before they were read` : `${range} were deleted${reason === 'delete-records' ? ' (DeleteRecords)' : ''} before they were read`;
    this.notice('records-deleted', message);
    this.positions.set(partition, logStartOffset);
  }

  private scheduleRead(): void {
    if (this.readTimer || this.state !== 'running' || !this.source) return;
    this.readTimer = setTimeout(() => {
      this.readTimer = null;
      this.pump();
    }, this.settings.readDelayMs);
  }

  private cancelRead(): void {
    if (this.readTimer) clearTimeout(this.readTimer);
    this.readTimer = null;
  }

  /**
   * Reads the next chunk (round-robin over the partitions with something new) if the worker and
   * the buffer have room, cut to the buffer's room (at least one batch is read).
   */
  private pump(): void {
    if (this.state !== 'running' || !this.source || !this.worker || this.reading || this.sent.length >= IN_FLIGHT) return;
    // A caller that is behind gets what it asks for when it asks: nothing is read ahead for it.
    const room = (this.callerBehind && this.polls === 0 ? 0 : this.keptUnseen()) - this.buffer.size - this.inWorker();
    if (room <= 0) return;
    const open: number[] = [];
    for (const [partition, position] of this.positions) if (position < (this.readableTo.get(partition) ?? 0)) open.push(partition);
    if (open.length === 0) return;
    const partition = open[this.turn++ % open.length];
    this.reading = true;
    const maxBytes = Math.min(this.settings.chunkBytes, Math.ceil(room * this.bytesPerRecord));
    void this.read(this.source, this.worker, partition, this.positions.get(partition)!, maxBytes);
  }

  private async read(source: RecordSource, worker: SearchWorkerHandle, partition: number, from: number, maxBytes: number): Promise<void> {
    const generation = this.generation;
    let batches: Buffer;
    try {
      const fetched = await source.fetch(this.topic, partition, from, maxBytes);
      batches = fetched.batches;
      if (generation !== this.generation) return;
      this.reading = false;
      this.highWatermark(partition, fetched.highWatermark);
    } catch (error) {
      if (generation !== this.generation) return;
      this.reading = false;
      return this.readFailed(generation, partition, from, error);
    }
    if (this.positions.get(partition) !== from || this.state !== 'running') {
      // Records were deleted from under the read (the position moved on) or the tail paused: this chunk is not wanted.
      return this.pump();
    }
    if (batches.length === 0) {
      // Nothing readable below the high watermark (should not happen): wait for the next change instead of reading again at once.
      this.readableTo.set(partition, from);
      return this.pump();
    }
    const next = Math.max(from + 1, offsetAfterBatches(batches, from + 1));
    this.positions.set(partition, next);
    this.bytesPerRecord = batches.length / (next - from);
    const id = this.nextChunkId++;
    this.sent.push({ id, partition, from, to: next, dropBelow: from });
    worker.send({ id, partition, bytes: batches, fromOffset: from, toOffset: Number.MAX_SAFE_INTEGER });
    this.pump();
  }

  private async readFailed(generation: number, partition: number, from: number, error: unknown): Promise<void> {
    if (error instanceof RecordSourceError) {
      if (error.code === 'UNKNOWN_TOPIC') return this.end('topic-deleted', `topic "${this.topic}" was deleted`);
      if (error.code === 'UNKNOWN_PARTITION') return this.end('topic-deleted', `partition ${partition} of "${this.topic}" does not exist any more (the topic was deleted and made again?)`);
      if (error.code === 'OFFSET_OUT_OF_RANGE' && this.source) {
        // Retention or DeleteRecords moved the log start past the position (the change may not have been heard yet).
        let offsets: PartitionOffsets[];
        try {
          offsets = await this.source.partitionOffsets(this.topic);
        } catch (lookup) {
          if (generation === this.generation) this.readFailed(generation, partition, from, lookup);
          return;
        }
        if (generation !== this.generation) return;
        this.catchUp(offsets, false);
        return this.pump();
      }
      if (error.code === 'UNAVAILABLE') {
        // The cluster is unreachable for a moment: try again shortly.
        setTimeout(() => generation === this.generation && this.pump(), 1000).unref?.();
        return;
      }
    }
    this.end(null, `reading ${this.topic}-${partition} at offset ${count(from)} failed: ${(error as Error).message}`);
  }

  private onResult(generation: number, result: ChunkResult): void {
    if (generation !== this.generation) return;
    const index = this.sent.findIndex((chunk) => chunk.id === result.id);
    if (index < 0) return;
    const [chunk] = this.sent.splice(index, 1);
    if (result.error) return this.end('filter-failed', `the filter failed: ${result.error.message}`);
    if (chunk.dropBelow > chunk.from) {
      const kept = result.matches.filter((record) => record.offset >= chunk.dropBelow);
      this.buffer.countDropped(result.matches.length - kept.length);
      this.buffer.add(kept);
    } else {
      this.buffer.add(result.matches);
    }
    this.tested.add(result.scanned);
    this.matched.add(result.matches.length);
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(...result.problems.slice(0, MAX_PROBLEMS - this.problems.length));
    if (result.matches.length > 0 || result.problems.length > 0) this.newsArrived();
    this.pump();
  }
}
