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
import type { LogManager } from '../../../broker-core/src/index';
import type { ResetPlanPartition, ResetTarget } from '../../contract';
import { HostRefusal } from '../host-refusal';

export interface PartitionPosition {
  partition: number;
  currentOffset: number | null;
  logStartOffset: number;
  highWatermark: number;
  /** For a timestamp target: the broker's ListOffsets answer (-1: no record that new). */
  offsetForTimestamp?: number;
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
      wanted = position.offsetForTimestamp === undefined || position.offsetForTimestamp < 0 ? highWatermark : position.offsetForTimestamp;
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

/** Reads each partition's position from the logs and the group's committed offsets. */
export function partitionPositions(logs: LogManager, committed: ReadonlyMap<number, number>, topic: string, partitions: readonly number[], target: ResetTarget): PartitionPosition[] {
  return partitions.map((partition) => {
    const stats = logs.partitionStats(topic, partition);
    return {
      partition,
      currentOffset: committed.get(partition) ?? null,
      logStartOffset: stats.logStartOffset,
      highWatermark: stats.highWatermark,
      offsetForTimestamp: target.kind === 'timestamp' ? logs.listOffsets(topic, partition, target.timestamp).offset : undefined,
    };
  });
}
