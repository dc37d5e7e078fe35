/**
 * A topic's change feed for a RecordSource without `watch` (a remote cluster): every `intervalMs`
 * it reads the topic's partition offsets (for a Kafka client, one ListOffsets round for the whole
 * topic, cheaper than a Fetch per partition) and reports what differs from the previous look as
 * RecordChanges. The first look reports every partition's high watermark and log start as they
 * are (changes state where things are, so a listener that already knew loses nothing).
 *
 * The topic not existing any more ends the feed with `topic-deleted`. Any other failure (the
 * cluster unreachable for a moment) is skipped: the next look tries again. At most one look is
 * in flight at a time; a look slower than the interval delays the next.
 */
import type { PartitionOffsets, RecordChange, RecordSource } from '../cluster/record-source';
import { RecordSourceError } from '../cluster/record-source';

export const DEFAULT_WATCH_POLL_MS = 100;

export function watchByPolling(source: RecordSource, topic: string, listener: (change: RecordChange) => void, intervalMs = DEFAULT_WATCH_POLL_MS): () => void {
  let stopped = false;
  let previous: PartitionOffsets[] | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const look = async () => {
    timer = null;
    let now: PartitionOffsets[];
    try {
      now = await source.partitionOffsets(topic);
    } catch (error) {
      if (stopped) return;
      if (error instanceof RecordSourceError && error.code === 'UNKNOWN_TOPIC') {
        stopped = true;
        listener({ type: 'topic-deleted' });
        return;
      }
      schedule();
      return;
    }
    if (stopped) return;
    if (previous && now.length > previous.length) listener({ type: 'partitions-added', partitions: now.length });
    for (const range of now) {
      const before = previous?.[range.partition];
      if (!before || range.logStartOffset > before.logStartOffset) listener({ type: 'log-start-moved', partition: range.partition, logStartOffset: range.logStartOffset, reason: null });
      if (!before || range.highWatermark > before.highWatermark) listener({ type: 'appended', partition: range.partition, highWatermark: range.highWatermark });
    }
    previous = now;
    schedule();
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void look(), intervalMs);
    timer.unref?.();
  };

  void look();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

/** The source's own change feed, or one made by polling. */
export function watchTopic(source: RecordSource, topic: string, listener: (change: RecordChange) => void, pollIntervalMs?: number): () => void {
  return source.watch ? source.watch(topic, listener) : watchByPolling(source, topic, listener, pollIntervalMs);
}
