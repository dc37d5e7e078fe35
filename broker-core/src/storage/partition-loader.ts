/**
 * Opens a partition directory at start-up: lists its segments, removes leftovers of interrupted
 * work (index files without a `.log`, `*.tmp`, `*.deleted`, `*.cleaned`, `*.swap`), and recovers
 * the active segment (segment-recovery.ts). Older segments are only listed (one stat each) and
 * opened lazily on first use, which is what keeps start-up after a clean stop fast; after a
 * machine restart (`checkInFull`) every segment is checked, since any may hold unsynced bytes.
 *
 * A directory without segments gets an empty one at the log start offset. Synchronous: it runs
 * once per partition while the log manager opens, before any append or read.
 */
import { mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { LogSegment, type SegmentContext } from './log-segment';
import { recoverActiveSegment, recoverSealedSegment, type SegmentRecovery } from './segment-recovery';
import { APPEND_TIME_SUFFIX, LOG_SUFFIX, OFFSET_INDEX_SUFFIX, TIME_INDEX_SUFFIX, baseOffsetOf } from './segment-files';

const LEFTOVER_SUFFIXES = ['.tmp', '.deleted', '.cleaned', '.swap'];

export interface LoadedPartition {
  segments: LogSegment[];
  recovery: SegmentRecovery | null;
  /** The segments before the active one that were checked (after a machine restart), by base offset. */
  sealedRecoveries: Array<{ baseOffset: number; recovery: SegmentRecovery }>;
  /** Files removed as leftovers. */
  removed: string[];
}

export function loadPartitionSegments(dir: string, clean: boolean, logStartOffset: number, context: SegmentContext, checkInFull = false): LoadedPartition {
  mkdirSync(dir, { recursive: true });
  const names = readdirSync(dir);
  const logBases = new Set<number>();
  for (const name of names) {
    const base = baseOffsetOf(name, LOG_SUFFIX);
    if (base !== null) logBases.add(base);
  }
  const removed: string[] = [];
  for (const name of names) {
    const indexBase = baseOffsetOf(name, OFFSET_INDEX_SUFFIX) ?? baseOffsetOf(name, TIME_INDEX_SUFFIX) ?? baseOffsetOf(name, APPEND_TIME_SUFFIX);
    const orphanIndex = indexBase !== null && !logBases.has(indexBase);
    if (orphanIndex || LEFTOVER_SUFFIXES.some((suffix) => name.endsWith(suffix))) {
      unlinkSync(join(dir, name));
      removed.push(name);
    }
  }
  const bases = [...logBases].sort((a, b) => a - b);
  if (bases.length === 0) return { segments: [LogSegment.create(dir, logStartOffset, context)], recovery: null, sealedRecoveries: [], removed };

  const segments = bases.map((base) => {
    const size = statSync(join(dir, `${String(base).padStart(20, '0')}${LOG_SUFFIX}`)).size;
    return LogSegment.existing(dir, base, size, context);
  });
  for (let i = 0; i < segments.length - 1; i++) segments[i].nextOffset = segments[i + 1].baseOffset;
  const sealedRecoveries = checkInFull
    ? segments.slice(0, -1).map((segment) => ({
        baseOffset: segment.baseOffset,
        recovery: recoverSealedSegment(segment, (error) => context.warn(`sync of segment ${segment.baseOffset} in ${dir} after its check failed: ${(error as Error).message}`)),
      }))
    : [];
  const recovery = recoverActiveSegment(segments[segments.length - 1], clean, checkInFull);
  return { segments, recovery, sealedRecoveries, removed };
}
