/**
 * The offset-reset plan: where each chosen partition's committed offset would go, computed the
 * way Kafka's `kafka-consumer-groups --reset-offsets` does, without changing anything.
 *
 * - earliest / latest: the log start offset / the high watermark.
 * - timestamp: the first offset whose record timestamp is at or after it; the high watermark
 *   when no record is that new (Kafka's tool does the same).
 * - offset / shift: the offset asked for (or the committed offset moved by N), clamped to
 *   [log start, high watermark] and marked `clamped`. Shifting needs a committed offset.
 *
 * Records read again = current − new when moving back; skipped = new − current when moving ahead.
 */
import type { PartitionOffsets } from '../cluster/record-source';
import type { ResetPlanPartition, ResetTarget } from '../../contract';
import { HostRefusal } from '../host-refusal';

export interface PartitionPosition {
  partition: number;
  currentOffset: number | null;
  logStartOffset: number;
  highWatermark: number;
  /** For a timestamp target: the cluster's ListOffsets answer (null, or Kafka's -1: no record that new). */
  offsetForTimestamp?: number | null;
}

export function planPartition(position: PartitionPosition, target: ResetTarget, topic: string): ResetPlanPartition {
  const { currentOffset, logStartOffset, highWatermark } = position;
  let wanted: number;
  switch (target.kind) {
    case 'earliest':
      wanted = logStartOffset;
      break;
    case 'latest':
      wanted = highWatermark;
      break;
    case 'timestamp':
      wanted = position.offsetForTimestamp === undefined || position.offsetForTimestamp === null || position.offsetForTimestamp < 0 ? highWatermark : position.offsetForTimestamp;
      break;
    case 'offset':
      wanted = target.offset;
      break;
    case 'shift':
      if (currentOffset === null) {
        throw new HostRefusal('NO_COMMITTED_OFFSET', `cannot shift the offset of ${topic}-${position.partition}: the group has no committed offset there; reset it to earliest, latest, a time or an offset instead`);
      }
      wanted = currentOffset + target.by;
      break;
  }
  const newOffset = Math.min(highWatermark, Math.max(logStartOffset, wanted));
  return {
    partition: position.partition,
    currentOffset,
    newOffset,
    logStartOffset,
    highWatermark,
    clamped: newOffset !== wanted,
    reread: currentOffset === null ? null : Math.max(0, currentOffset - newOffset),
    skipped: currentOffset === null ? null : Math.max(0, newOffset - currentOffset),
  };
}

/**
 * Each chosen partition's position, from its offset range, the group's committed offsets there
 * (by partition) and, for a timestamp target, the offset for that time (by partition).
 */
export function partitionPositions(
  topic: string,
  ranges: readonly PartitionOffsets[],
  committed: ReadonlyMap<number, number>,
  partitions: readonly number[],
  offsetsForTime?: ReadonlyMap<number, number | null>,
): PartitionPosition[] {
  const byPartition = new Map(ranges.map((range) => [range.partition, range]));
  return partitions.map((partition) => {
    const range = byPartition.get(partition);
    if (!range) throw new HostRefusal('UNKNOWN_TOPIC_OR_PARTITION', `topic "${topic}" has no partition ${partition} (it has ${ranges.length})`);
    return {
      partition,
      currentOffset: committed.get(partition) ?? null,
      logStartOffset: range.logStartOffset,
      highWatermark: range.highWatermark,
      offsetForTimestamp: offsetsForTime?.get(partition),
    };
  });
}
