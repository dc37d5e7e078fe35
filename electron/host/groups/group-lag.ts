/**
 * Lag, computed as Kafka's `kafka-consumer-groups --describe` does: per partition, the high
 * watermark (the log end offset) minus the group's committed offset, never below 0. A partition
 * assigned to a member but never committed has no lag (Kafka prints "-"). Committed offsets of a
 * topic or partition that no longer exists are left out (the coordinator forgets them anyway).
 *
 * Pure: it works on what was read from the cluster (group-reads.ts): the group's committed
 * offsets, its members' assignments, and the offset ranges of the topics they name. A commit's
 * time is the cluster's where it keeps one (the embedded broker), null otherwise.
 */
import type { GroupMemberInfo, GroupOffset } from '../cluster/cluster-admin';
import type { PartitionOffsets } from '../cluster/record-source';
import type { PartitionLag } from '../../contract';

export interface GroupLag {
  /** Every partition the group has committed or is assigned, sorted by topic then partition. */
  partitions: PartitionLag[];
  /** Sum of the lag of every partition with a committed offset; null if it has none. */
  totalLag: number | null;
}

const partitionKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/** The topics whose offset ranges a group's lag needs: those it committed on or is assigned. */
export function groupTopics(offsets: readonly GroupOffset[], members: readonly GroupMemberInfo[]): string[] {
  const topics = new Set(offsets.map((offset) => offset.topic));
  for (const member of members) for (const assigned of member.assignment) topics.add(assigned.topic);
  return [...topics];
}

/**
 * The group's lag per partition, from its committed offsets, its members' assignments and the
 * topics' offset ranges (a topic missing from `ranges` no longer exists); only `topicFilter`'s
 * partitions if given.
 */
export function groupLag(offsets: readonly GroupOffset[], members: readonly GroupMemberInfo[], ranges: ReadonlyMap<string, readonly PartitionOffsets[]>, topicFilter?: string): GroupLag {
  const rows = new Map<string, PartitionLag>();
  const indexed = new Map<string, Map<number, PartitionOffsets>>();
  const rangeOf = (topic: string, partition: number): PartitionOffsets | undefined => {
    let byPartition = indexed.get(topic);
    if (!byPartition) indexed.set(topic, (byPartition = new Map((ranges.get(topic) ?? []).map((range) => [range.partition, range]))));
    return byPartition.get(partition);
  };
  const row = (topic: string, partition: number): PartitionLag | undefined => {
    if (topicFilter !== undefined && topic !== topicFilter) return undefined;
    const key = partitionKey(topic, partition);
    let found = rows.get(key);
    if (found) return found;
    const range = rangeOf(topic, partition);
    if (!range) return undefined;
    found = { topic, partition, committedOffset: null, logStartOffset: range.logStartOffset, highWatermark: range.highWatermark, lag: null, assignedTo: null, committedAt: null };
    rows.set(key, found);
    return found;
  };

  let totalLag: number | null = null;
  for (const committed of offsets) {
    const target = row(committed.topic, committed.partition);
    if (!target) continue;
    target.committedOffset = committed.offset;
    target.lag = Math.max(0, target.highWatermark - committed.offset);
    target.committedAt = committed.committedAt ?? null;
    totalLag = (totalLag ?? 0) + target.lag;
  }
  for (const member of members) {
    for (const assigned of member.assignment) {
      for (const partition of assigned.partitions) {
        const target = row(assigned.topic, partition);
        if (target) target.assignedTo = member.clientId;
      }
    }
  }
  const partitions = [...rows.values()].sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
  return { partitions, totalLag };
}
