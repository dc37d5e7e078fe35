/**
 * Which whole segments retention deletes, as Kafka decides it (pure; the partition acts on it).
 * Segments are examined oldest first and only a prefix is ever deleted. A segment goes when any
 * of these holds for it and every older segment:
 * - `retention.ms` ≥ 0 and now − its largest timestamp > retention.ms (only with
 *   `cleanup.policy` including delete);
 * - `retention.bytes` ≥ 0 and the log minus this segment (and the older ones) would still be at
 *   least retention.bytes (only with delete);
 * - it ends at or below the log start offset (DeleteRecords), whatever the policy.
 * The active (last) segment counts too when it is not empty: the partition rolls a new one first.
 */

export interface SegmentRetentionView {
  baseOffset: number;
  /** The offset after the segment's last batch. */
  nextOffset: number;
  size: number;
  /** Largest batch timestamp; the segment's last append time when batches carry none. */
  largestTimestamp(): number;
}

export interface RetentionLimits {
  now: number;
  retentionMs: number;
  retentionBytes: number;
  logStartOffset: number;
  deleteEnabled: boolean;
}

export type RetentionReason = 'retention.ms' | 'retention.bytes' | 'log start offset';

export interface RetentionDecision {
  /** How many of the oldest segments to delete. */
  count: number;
  reason: RetentionReason | null;
}

function prefixWhile(segments: readonly SegmentRetentionView[], predicate: (segment: SegmentRetentionView) => boolean): number {
  let count = 0;
  while (count < segments.length && segments[count].size > 0 && predicate(segments[count])) count++;
  return count;
}

export function decideRetention(segments: readonly SegmentRetentionView[], limits: RetentionLimits): RetentionDecision {
  const byStart = prefixWhile(segments, (segment) => segment.nextOffset <= limits.logStartOffset);
  let byTime = 0;
  let bySize = 0;
  if (limits.deleteEnabled && limits.retentionMs >= 0) {
    byTime = prefixWhile(segments, (segment) => limits.now - segment.largestTimestamp() > limits.retentionMs);
  }
  if (limits.deleteEnabled && limits.retentionBytes >= 0) {
    let excess = segments.reduce((sum, segment) => sum + segment.size, 0) - limits.retentionBytes;
    bySize = prefixWhile(segments, (segment) => {
      if (excess - segment.size < 0) return false;
      excess -= segment.size;
      return true;
    });
  }
  const count = Math.max(byStart, byTime, bySize);
  if (count === 0) return { count, reason: null };
  const reason: RetentionReason = count === byTime ? 'retention.ms' : count === bySize ? 'retention.bytes' : 'log start offset';
  return { count, reason };
}
