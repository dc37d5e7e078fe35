/**
 * Coalesces a cluster's topic changes (the embedded broker's, as they happen; a remote cluster's,
 * as a poll finds them) into at most one "these topics changed" report per
 * interval (leading and trailing edge, see event-throttle.ts). Appends arrive per produced batch;
 * this keeps only the set of topic names touched since the last report, so a producer writing
 * thousands of batches a second costs one Set insert per batch and one report per interval.
 *
 * A report lists the topics whose partitions changed (created, deleted, grown, appended to,
 * purged) and those whose configs changed; past MAX_CHANGED_TOPICS names it says 'all'.
 */
import type { ClusterChange } from '../cluster/cluster';
import { MAX_CHANGED_TOPICS, type TopicsChanged } from '../../contract';
import { createEventThrottle } from '../event-throttle';

export interface TopicChangeFeed {
  /** Give it every change (subscribe it with `Cluster.watch`); group changes are ignored. */
  readonly listener: (change: ClusterChange) => void;
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

  const onEvent = (change: ClusterChange): void => {
    if (change.kind !== 'topic') return;
    if (change.what === 'configs') configs.add(change.topic);
    else topics.add(change.topic);
    if (change.what === 'deleted' || change.what === 'created') configs.add(change.topic);
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
