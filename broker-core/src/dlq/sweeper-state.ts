/**
 * What the dead-letter sweeper remembers across restarts, in `<data>/dlq-sweeper.json` (replaced
 * atomically, fsynced):
 * - per watched source partition (by topic id, so a topic deleted and created again starts
 *   afresh): the offset ranges already dead-lettered. A sweep skips them, so a group that moves
 *   back (a reset, a member committing an older position) never has a record dead-lettered twice;
 * - `intents`: written before a sweep appends to a DLQ partition, with that partition's high
 *   watermark then. After a crash, the DLQ from there on says what was appended (sweep-recovery.ts);
 * - `pendingCommits`: written once the appends are durable, cleared once the group's offsets are
 *   moved, so a crash between the two moves them at the next start;
 * - records moved per source topic, for the status.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceFileAtomically } from '../storage/atomic-file';

export const SWEEPER_STATE_FILE = 'dlq-sweeper.json';

/** [from, to) offset ranges, sorted, disjoint, not touching. */
export type OffsetRanges = [number, number][];

export interface SourceProgress {
  topicId: string;
  topic: string;
  partition: number;
  group: string;
  /** The offsets dead-lettered so far. */
  dead: OffsetRanges;
}

export interface SweepIntent {
  topicId: string;
  topic: string;
  partition: number;
  group: string;
  dlqTopic: string;
  dlqPartition: number;
  /** The DLQ partition's high watermark before the sweep appended to it. */
  dlqOffsetBefore: number;
}

export interface PendingCommit {
  group: string;
  topic: string;
  partition: number;
  offset: number;
}

export interface MovedCount {
  records: number;
  lastMovedAt: number | null;
}

export interface SweeperStateData {
  version: 1;
  sources: SourceProgress[];
  intents: SweepIntent[];
  pendingCommits: PendingCommit[];
  moved: Record<string, MovedCount>;
}

export const progressKey = (topicId: string, partition: number, group: string): string => `${topicId}\u0000${partition}\u0000${group}`;

export class SweeperState {
  private readonly sources = new Map<string, SourceProgress>();
  intents: SweepIntent[] = [];
  pendingCommits: PendingCommit[] = [];
  readonly moved = new Map<string, MovedCount>();

  private constructor(private readonly path: string) {}

  /** Loads the state of `dataDir` (empty when there is none yet); throws when the file is unreadable. */
  static load(dataDir: string): SweeperState {
    const state = new SweeperState(join(dataDir, SWEEPER_STATE_FILE));
    if (!existsSync(state.path)) return state;
    let data: SweeperStateData;
    try {
      data = JSON.parse(readFileSync(state.path, 'utf8')) as SweeperStateData;
    } catch (error) {
      throw new Error(`the dead-letter sweeper's state ${state.path} cannot be read (${(error as Error).message}); move it aside to start the sweeper afresh (records already dead-lettered may then be moved again)`, { cause: error });
    }
    for (const source of data.sources ?? []) state.sources.set(progressKey(source.topicId, source.partition, source.group), source);
    state.intents = data.intents ?? [];
    state.pendingCommits = data.pendingCommits ?? [];
    for (const [topic, count] of Object.entries(data.moved ?? {})) state.moved.set(topic, count);
    return state;
  }

  deadRanges(topicId: string, partition: number, group: string): OffsetRanges {
    return this.sources.get(progressKey(topicId, partition, group))?.dead ?? [];
  }

  markDead(source: Omit<SourceProgress, 'dead'>, from: number, to: number): void {
    if (to <= from) return;
    const key = progressKey(source.topicId, source.partition, source.group);
    const current = this.sources.get(key);
    this.sources.set(key, { ...source, dead: addRange(current?.dead ?? [], from, to) });
  }

  countMoved(topic: string, records: number, at: number): void {
    const current = this.moved.get(topic) ?? { records: 0, lastMovedAt: null };
    this.moved.set(topic, { records: current.records + records, lastMovedAt: at });
  }

  /** Forgets the progress of topics that no longer exist (by id). */
  retainTopics(topicIds: ReadonlySet<string>): void {
    for (const [key, source] of this.sources) if (!topicIds.has(source.topicId)) this.sources.delete(key);
  }

  /** Writes the state durably (throws the system error, e.g. a full disk; the file keeps its previous content). */
  save(): void {
    const data: SweeperStateData = {
      version: 1,
      sources: [...this.sources.values()],
      intents: this.intents,
      pendingCommits: this.pendingCommits,
      moved: Object.fromEntries(this.moved),
    };
    replaceFileAtomically(this.path, JSON.stringify(data));
  }
}

/** `ranges` with [from, to) added, merged with the ranges it overlaps or touches. */
export function addRange(ranges: OffsetRanges, from: number, to: number): OffsetRanges {
  const result: OffsetRanges = [];
  let start = from;
  let end = to;
  for (const [a, b] of ranges) {
    if (b < start) result.push([a, b]);
    else if (a > end) result.push([a, b]);
    else {
      start = Math.min(start, a);
      end = Math.max(end, b);
    }
  }
  result.push([start, end]);
  return result.sort((x, y) => x[0] - y[0]);
}

/** The parts of [from, to) not in `ranges`. */
export function subtractRanges(from: number, to: number, ranges: OffsetRanges): OffsetRanges {
  const pieces: OffsetRanges = [];
  let cursor = from;
  for (const [a, b] of ranges) {
    if (b <= cursor) continue;
    if (a >= to) break;
    if (a > cursor) pieces.push([cursor, a]);
    cursor = Math.max(cursor, b);
    if (cursor >= to) break;
  }
  if (cursor < to) pieces.push([cursor, to]);
  return pieces;
}

/** How far from `from` (at most `to`) the offsets are all in `ranges`. */
export function coveredUntil(from: number, to: number, ranges: OffsetRanges): number {
  let cursor = from;
  for (const [a, b] of ranges) {
    if (b <= cursor) continue;
    if (a > cursor) break;
    cursor = b;
  }
  return Math.min(Math.max(cursor, from), to);
}
