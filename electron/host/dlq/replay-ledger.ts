/**
 * The replay ledger: what became of each dead letter — replayed (when, to which topic, partition
 * and offset) or discarded (when) — by DLQ topic, partition and offset. A dead letter it does not
 * name is dead. Kept in the host's state directory, one append-only JSON Lines file per DLQ topic
 * (`dlq-ledger/<topic>.jsonl`):
 *
 *   {"ledger":"eddy-dlq","version":1,"topic":"orders.dlq","topicId":"…"}       (first line)
 *   {"partition":0,"offset":12,"state":"replayed","at":…,"to":{"topic":"orders","partition":0,"offset":345}}
 *   {"partition":0,"offset":13,"state":"discarded","at":…}
 *
 * Another cluster's topics have theirs under `dlq-ledger/clusters/<cluster id>/`, alike.
 *
 * A later line about the same dead letter replaces an earlier one. Appends are written in group
 * commits (everything queued, one write, one fsync) and resolve once fsynced. On opening, a torn
 * last line (a crash mid-write) is cut off and ignored, as is any line that is not a mark. The
 * header names the topic's id when it was known: a ledger of an earlier topic of the same name
 * (deleted and made again) is moved aside (`.stale-<time>`), never applied to the new one's records.
 * After a failed write the topic's ledger refuses further appends (its file's end is unknown).
 */
import { mkdir, open, readFile, rename, truncate, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { PartitionRange } from '../../contract';

export const LEDGER_DIR = 'dlq-ledger';
const FORMAT = 'eddy-dlq';

export type LedgerMark = { state: 'replayed'; at: number; to: { topic: string; partition: number; offset: number | null } } | { state: 'discarded'; at: number };

export interface LedgerChange {
  partition: number;
  offset: number;
  mark: LedgerMark;
}

const PARSE_STEP = 10_000;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function isInteger(value: unknown, min = 0): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

/** A ledger line as a change, or null if it is not one. */
export function parseLedgerLine(line: string): LedgerChange | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { partition, offset, state, at, to } = parsed as Record<string, unknown>;
  if (!isInteger(partition) || !isInteger(offset) || !isInteger(at)) return null;
  if (state === 'discarded') return { partition, offset, mark: { state, at } };
  if (state !== 'replayed' || typeof to !== 'object' || to === null) return null;
  const target = to as Record<string, unknown>;
  if (typeof target.topic !== 'string' || !isInteger(target.partition) || !(target.offset === null || isInteger(target.offset))) return null;
  return { partition, offset, mark: { state, at, to: { topic: target.topic, partition: target.partition, offset: target.offset } } };
}

function parseHeader(line: string): { topicId: unknown } | null {
  try {
    const parsed = JSON.parse(line) as unknown;
    return typeof parsed === 'object' && parsed !== null && (parsed as { ledger?: unknown }).ledger === FORMAT ? (parsed as { topicId: unknown }) : null;
  } catch {
    return null;
  }
}

export function ledgerLine(change: LedgerChange): string {
  const { partition, offset, mark } = change;
  return mark.state === 'replayed'
    ? `${JSON.stringify({ partition, offset, state: mark.state, at: mark.at, to: mark.to })}\n`
    : `${JSON.stringify({ partition, offset, state: mark.state, at: mark.at })}\n`;
}

/** One DLQ topic's ledger, in memory and in its file. */
export class TopicLedger {
  /** Grows with every change. */
  version = 0;
  private readonly marks = new Map<number, Map<number, LedgerMark>>();
  private queued: string[] = [];
  private waiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  private writing: Promise<void> | null = null;
  private handle: FileHandle | null = null;
  private broken: Error | null = null;
  private counted: { key: string; replayed: number; discarded: number } | null = null;

  constructor(
    readonly topic: string,
    readonly file: string,
    private readonly header: string | null,
    private readonly onChange: (topic: string) => void,
  ) {}

  /** Applies a change read from the file (no write). */
  restore(change: LedgerChange): void {
    this.apply(change);
  }

  private apply({ partition, offset, mark }: LedgerChange): void {
    let byOffset = this.marks.get(partition);
    if (!byOffset) this.marks.set(partition, (byOffset = new Map()));
    byOffset.set(offset, mark);
    this.version++;
  }

  mark(partition: number, offset: number): LedgerMark | undefined {
    return this.marks.get(partition)?.get(offset);
  }

  /** Replayed and discarded dead letters among the offsets in these ranges ([logStart, highWatermark)). */
  counts(ranges: readonly PartitionRange[]): { replayed: number; discarded: number } {
    const key = `${this.version}|${ranges.map((range) => `${range.partition}:${range.logStartOffset}-${range.highWatermark}`).join(',')}`;
    if (this.counted?.key === key) return this.counted;
    let replayed = 0;
    let discarded = 0;
    for (const range of ranges) {
      const byOffset = this.marks.get(range.partition);
      if (!byOffset) continue;
      for (const [offset, mark] of byOffset) {
        if (offset < range.logStartOffset || offset >= range.highWatermark) continue;
        if (mark.state === 'replayed') replayed++;
        else discarded++;
      }
    }
    this.counted = { key, replayed, discarded };
    return this.counted;
  }

  /**
   * Records changes: at once in memory, durably once the returned promise resolves (one write and
   * one fsync for everything queued meanwhile). Rejects if the file cannot be written.
   */
  append(changes: readonly LedgerChange[]): Promise<void> {
    if (this.broken) return Promise.reject(this.broken);
    if (changes.length === 0) return Promise.resolve();
    for (const change of changes) {
      this.apply(change);
      this.queued.push(ledgerLine(change));
    }
    this.onChange(this.topic);
    const written = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    // The writer clears `writing` in the same turn its loop finds the queue empty, so a change
    // queued by a caller it just resolved always finds it running or starts a new one.
    this.writing ??= this.writeQueued();
    return written;
  }

  private async writeQueued(): Promise<void> {
    try {
      while (this.queued.length > 0) {
        const text = this.queued.join('');
        const waiters = this.waiters;
        this.queued = [];
        this.waiters = [];
        try {
          if (this.broken) throw this.broken;
          if (!this.handle) {
            this.handle = await open(this.file, 'a');
            if (this.header !== null && (await this.handle.stat()).size === 0) await this.handle.write(this.header);
          }
          await this.handle.write(text);
          await this.handle.sync();
          for (const waiter of waiters) waiter.resolve();
        } catch (error) {
          this.broken ??= new Error(`the replay ledger ${this.file} could not be written: ${(error as Error).message}`, { cause: error });
          for (const waiter of waiters) waiter.reject(this.broken);
        }
      }
    } finally {
      this.writing = null;
    }
  }

  /** Waits for queued writes, then closes the file. */
  async close(): Promise<void> {
    while (this.writing) await this.writing;
    await this.handle?.close().catch(() => {});
    this.handle = null;
  }
}

/**
 * The ledgers of every DLQ topic of one cluster: the embedded broker's under
 * `<stateDir>/dlq-ledger/`, another cluster's under `<stateDir>/dlq-ledger/clusters/<scope>/`
 * (`scope`: its cluster id), so a topic never reads, or moves aside as stale, the ledger of
 * another cluster's topic of the same name.
 */
export class ReplayLedger {
  private readonly opened = new Map<string, Promise<TopicLedger>>();
  readonly directory: string;

  constructor(
    stateDir: string,
    private readonly onChange: (topic: string) => void = () => {},
    scope: string | null = null,
  ) {
    this.directory = scope === null ? join(stateDir, LEDGER_DIR) : join(stateDir, LEDGER_DIR, 'clusters', encodeURIComponent(scope));
  }

  fileOf(topic: string): string {
    return join(this.directory, `${encodeURIComponent(topic)}.jsonl`);
  }

  /**
   * The ledger of `topic`, loaded from its file the first time. `topicId` (when known) is the
   * topic's id now: a file written for another id is moved aside and the ledger starts empty.
   */
  open(topic: string, topicId: string | null): Promise<TopicLedger> {
    let ledger = this.opened.get(topic);
    if (!ledger) {
      ledger = this.load(topic, topicId);
      this.opened.set(topic, ledger);
      ledger.catch(() => this.opened.delete(topic));
    }
    return ledger;
  }

  /** Forgets a topic's ledger in memory (its topic was deleted); the next `open` reads its file again. */
  async forget(topic: string): Promise<void> {
    const ledger = this.opened.get(topic);
    this.opened.delete(topic);
    await (await ledger?.catch(() => null))?.close();
  }

  /** Waits for every write, closes every file and forgets every ledger. */
  async close(): Promise<void> {
    const ledgers = [...this.opened.values()];
    this.opened.clear();
    await Promise.all(ledgers.map(async (ledger) => (await ledger.catch(() => null))?.close()));
  }

  private async load(topic: string, topicId: string | null): Promise<TopicLedger> {
    await mkdir(this.directory, { recursive: true });
    const file = this.fileOf(topic);
    const header = `${JSON.stringify({ ledger: FORMAT, version: 1, topic, topicId })}\n`;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new TopicLedger(topic, file, header, this.onChange);
      throw error;
    }
    const end = text.lastIndexOf('\n') + 1;
    if (end < text.length) {
      // A torn last line (the write of a batch cut short): cut it off so the next append starts a line.
      await truncate(file, Buffer.byteLength(text.slice(0, end)));
      text = text.slice(0, end);
    }
    const lines = text.split('\n');
    lines.pop();
    const first = lines.length > 0 ? parseHeader(lines[0]) : null;
    const hasHeader = first !== null;
    if (first && topicId !== null && typeof first.topicId === 'string' && first.topicId !== topicId) {
      // Written for an earlier topic of this name: its dead letters are gone.
      await rename(file, `${file}.stale-${Date.now()}`);
      return new TopicLedger(topic, file, header, this.onChange);
    }
    const ledger = new TopicLedger(topic, file, lines.length === 0 ? header : null, this.onChange);
    for (let i = hasHeader ? 1 : 0; i < lines.length; i++) {
      const change = parseLedgerLine(lines[i]);
      if (change) ledger.restore(change);
      if (i % PARSE_STEP === 0) await yieldToEventLoop();
    }
    return ledger;
  }
}
