/**
 * The entry layout shared by `.timeindex` (time-index.ts) and `.appendtime` (append-time-index.ts):
 * 12 bytes, an int64 time in milliseconds then an int32 offset relative to the segment's base,
 * both strictly/weakly increasing (time strictly, offset weakly). The two files differ in what the
 * time means (producer timestamp vs broker append time), not in how entries are checked or cut.
 */
import { readInt64 } from '../records/record-batch-layout';
import type { IndexFile } from './index-file';

export const TIME_OFFSET_ENTRY_SIZE = 12;

/**
 * How many leading entries are consistent with a segment ending before `nextOffset`: times
 * strictly increasing, offsets not decreasing and inside the segment (and, when asked, the first
 * entry at relative offset 0).
 */
export function validTimeOffsetEntries(file: IndexFile, baseOffset: number, nextOffset: number, firstAtSegmentStart = false): number {
  const memory = file.memory;
  const limit = nextOffset - baseOffset;
  let previousTime = -Infinity;
  let previousOffset = 0;
  for (let index = 0; index < file.length; index++) {
    const time = readInt64(memory, index * TIME_OFFSET_ENTRY_SIZE);
    const relativeOffset = memory.readInt32BE(index * TIME_OFFSET_ENTRY_SIZE + 8);
    if (time <= previousTime || relativeOffset < previousOffset || relativeOffset >= limit || (firstAtSegmentStart && index === 0 && relativeOffset !== 0)) return index;
    previousTime = time;
    previousOffset = relativeOffset;
  }
  return file.length;
}

/** Drops entries naming offsets at or after `nextOffset` (a truncated log). */
export function truncateTimeOffsetEntries(file: IndexFile, baseOffset: number, nextOffset: number): void {
  const last = file.lastEntry();
  const limit = nextOffset - baseOffset;
  if (!last || last.readInt32BE(8) < limit) return;
  const memory = file.memory;
  let keep = file.length;
  while (keep > 0 && memory.readInt32BE((keep - 1) * TIME_OFFSET_ENTRY_SIZE + 8) >= limit) keep--;
  file.truncate(keep);
}
