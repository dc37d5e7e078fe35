/**
 * Which committed offsets have expired, with Kafka 2.1+ semantics (KIP-211), for
 * `offsets.retention.minutes`:
 * - a group that had members (it has a protocol type) and is now Empty: every offset once the
 *   retention has passed since the group became empty;
 * - an active consumer group (Stable, subscriptions known): offsets of topics it no longer
 *   subscribes to, once the retention has passed since their commit;
 * - a "simple" group that never had members (no protocol type): each offset once the retention has
 *   passed since its commit;
 * - any other group (rebalancing, or not a consumer group): nothing.
 * An offset committed with an explicit retention (OffsetCommit v2–v4) expires at its own expire
 * timestamp instead. Offsets with a commit still being written never expire.
 *
 * Pure: decides from the facts it is given.
 */
import { GroupState } from './group-state';
import type { CommittedOffset } from './offset-table';

export interface ExpiryFacts {
  state: GroupState;
  protocolType: string | null;
  isConsumerGroup: boolean;
  subscribedTopics: ReadonlySet<string> | null;
  /** Epoch ms of the group's last state change. */
  stateTimestamp: number;
  offsets: Iterable<{ topic: string; partition: number; value: CommittedOffset }>;
  isPending(topic: string, partition: number): boolean;
}

export function expiredOffsets(facts: ExpiryFacts, now: number, retentionMs: number): { topic: string; partition: number }[] {
  let since: ((offset: CommittedOffset) => number) | null = null;
  let keepTopics: ReadonlySet<string> = new Set();
  if (facts.protocolType !== null && facts.state === GroupState.Empty) {
    since = () => facts.stateTimestamp;
  } else if (facts.protocolType === null) {
    since = (offset) => offset.commitTimestamp;
  } else if (facts.isConsumerGroup && facts.subscribedTopics !== null && facts.state === GroupState.Stable) {
    since = (offset) => offset.commitTimestamp;
    keepTopics = facts.subscribedTopics;
  }
  if (since === null) return [];
  const expired: { topic: string; partition: number }[] = [];
  for (const { topic, partition, value } of facts.offsets) {
    if (keepTopics.has(topic) || facts.isPending(topic, partition)) continue;
    const isExpired = value.expireTimestamp !== null ? now >= value.expireTimestamp : now - since(value) >= retentionMs;
    if (isExpired) expired.push({ topic, partition });
  }
  return expired;
}
