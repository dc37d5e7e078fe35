/**
 * Coalesces the log manager's change events into at most one "these topics changed" report per
 * interval (leading and trailing edge, see event-throttle.ts). Appends arrive per produced batch;
 * this keeps only the set of topic names touched since the last report, so a producer writing
 * thousands of batches a second costs one Set insert per batch and one report per interval.
 *
 * A report lists the topics whose partitions changed (created, deleted, grown, appended to,
 * purged) and those whose configs changed; past MAX_CHANGED_TOPICS names it says 'all'.
 */
import type { LogEvent, LogEventListener } from '../../../broker-core/src/storage/log-events';
import { MAX_CHANGED_TOPICS, type TopicsChanged } from '../../contract';
import { createEventThrottle } from '../event-throttle';

export interface TopicChangeFeed {
  /** Give it every LogEvent (subscribe it with `LogManager.on`). */
  readonly listener: LogEventListener;
  /** Reports every topic as changed (e.g. when a broker's logs were just attached). */
  markAll(): void;
  /** Reports what is pending now (used on detach, so the last change goes out). */
  flush(): void;
  /** Drops anything pending. */
  cancel(): void;
}

export function createTopicChangeFeed(intervalMs: number, report: (changed: TopicsChanged) => void): TopicChangeFeed {
  let topics = new Set<string>();
  let configs = new Set<string>();
  let all = false;

  const names = (set: Set<string>): TopicsChanged['topics'] => (all || set.size > MAX_CHANGED_TOPICS ? 'all' : [...set].sort());

  const throttle = createEventThrottle(intervalMs, () => {
    const changed: TopicsChanged = { topics: names(topics), configs: names(configs) };
    topics = new Set();
    configs = new Set();
    all = false;
    report(changed);
  });

  const onEvent = (event: LogEvent): void => {
    if (event.type === 'configs-changed') configs.add(event.topic);
    else topics.add(event.topic);
    if (event.type === 'topic-deleted' || event.type === 'topic-created') configs.add(event.topic);
    throttle.schedule();
  };

  return {
    listener: onEvent,
    markAll() {
      all = true;
      throttle.schedule();
    },
    flush: () => throttle.flush(),
    cancel() {
      throttle.cancel();
      topics = new Set();
      configs = new Set();
      all = false;
    },
  };
}
