/**
 * Names of a partition's files, as Kafka lays them out:
 *   `<data>/<topic>-<partition>/`                     the partition directory
 *   `<20-digit zero-padded base offset>.log`          the batches
 *   `<base>.index`, `<base>.timeindex`                Kafka's sparse indexes
 *   `<base>.appendtime`                               Eddy's per-batch broker append times
 * A topic being deleted is renamed to `<topic>-<partition>.<topic id>-delete` first (as Kafka does)
 * so its name can be reused at once; leftovers with that suffix are removed at start-up.
 */
import { join } from 'node:path';

export const LOG_SUFFIX = '.log';
export const OFFSET_INDEX_SUFFIX = '.index';
export const TIME_INDEX_SUFFIX = '.timeindex';
export const APPEND_TIME_SUFFIX = '.appendtime';
export const DELETE_DIR_SUFFIX = '-delete';

export function segmentFileStem(baseOffset: number): string {
  return String(baseOffset).padStart(20, '0');
}

export function segmentPaths(dir: string, baseOffset: number) {
  const stem = join(dir, segmentFileStem(baseOffset));
  return {
    log: stem + LOG_SUFFIX,
    offsetIndex: stem + OFFSET_INDEX_SUFFIX,
    timeIndex: stem + TIME_INDEX_SUFFIX,
    appendTime: stem + APPEND_TIME_SUFFIX,
  };
}

/** The base offset named by a segment file (`00000000000000000042.log` → 42), or null. */
export function baseOffsetOf(fileName: string, suffix: string): number | null {
  if (!fileName.endsWith(suffix)) return null;
  const stem = fileName.slice(0, -suffix.length);
  return /^\d{20}$/.test(stem) ? Number(stem) : null;
}

export function partitionDirName(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

/** Splits `<topic>-<partition>` (the topic may itself contain '-'), or null if it is not one. */
export function parsePartitionDirName(name: string): { topic: string; partition: number } | null {
  const dash = name.lastIndexOf('-');
  if (dash <= 0) return null;
  const partition = name.slice(dash + 1);
  if (!/^\d+$/.test(partition)) return null;
  return { topic: name.slice(0, dash), partition: Number(partition) };
}
