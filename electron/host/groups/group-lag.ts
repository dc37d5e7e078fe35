/**
 * Lag, computed as Kafka's `kafka-consumer-groups --describe` does: per partition, the high
 * watermark (the log end offset) minus the group's committed offset, never below 0. A partition
 * assigned to a member but never committed has no lag (Kafka prints "-"). Committed offsets of a
 * topic or partition that no longer exists are left out (the coordinator forgets them anyway).
 *
 * Pure reads of the coordinator's views and the log manager, built fresh on each call.
 */
import type { GroupCoordinator, GroupDescription, GroupOverview, LogManager } from '../../../broker-core/src/index';
import { MAX_GROUP_MEMBERS, MAX_GROUP_PARTITIONS, type GroupDetail, type GroupMember, type GroupSummary, type LagSample, type PartitionLag, type TopicGroupLag } from '../../contract';

/** The part of a broker these reads need. */
export interface GroupSources {
  groups: GroupCoordinator;
  logs: LogManager;
}

const partitionKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

function partitionCount(logs: LogManager, topic: string): number {
  return logs.hasTopic(topic) ? logs.describeTopic(topic).partitions : 0;
}

/** Every partition the group has committed or is assigned, with its lag, sorted by topic then partition. */
export function partitionLags(sources: GroupSources, groupId: string, description: GroupDescription | undefined, topicFilter?: string): PartitionLag[] {
  const rows = new Map<string, PartitionLag>();
  const counts = new Map<string, number>();
  const exists = (topic: string, partition: number) => {
    if (!counts.has(topic)) counts.set(topic, partitionCount(sources.logs, topic));
    return partition < (counts.get(topic) ?? 0);
  };
  const row = (topic: string, partition: number): PartitionLag | undefined => {
    if (topicFilter !== undefined && topic !== topicFilter) return undefined;
    if (!exists(topic, partition)) return undefined;
    const key = partitionKey(topic, partition);
    let found = rows.get(key);
    if (!found) {
      const stats = sources.logs.partitionStats(topic, partition);
      found = { topic, partition, committedOffset: null, logStartOffset: stats.logStartOffset, highWatermark: stats.highWatermark, lag: null, assignedTo: null, committedAt: null };
      rows.set(key, found);
    }
    return found;
  };

  for (const committed of sources.groups.committedOffsets(groupId)) {
    const target = row(committed.topic, committed.partition);
    if (!target) continue;
    const offset = Number(committed.offset);
    target.committedOffset = offset;
    target.lag = Math.max(0, target.highWatermark - offset);
    target.committedAt = committed.commitTimestamp >= 0 ? committed.commitTimestamp : null;
  }
  for (const member of description?.members ?? []) {
    for (const assigned of member.assignedPartitions ?? []) {
      for (const partition of assigned.partitions) {
        const target = row(assigned.topic, partition);
        if (target) target.assignedTo = member.clientId;
      }
    }
  }
  return [...rows.values()].sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1)).slice(0, MAX_GROUP_PARTITIONS);
}

function totalLag(partitions: readonly PartitionLag[]): number | null {
  let total: number | null = null;
  for (const { lag } of partitions) if (lag !== null) total = (total ?? 0) + lag;
  return total;
}

function summary(overview: GroupOverview, partitions: readonly PartitionLag[]): GroupSummary {
  return {
    groupId: overview.groupId,
    state: overview.state,
    protocolType: overview.protocolType,
    protocolName: overview.protocolName,
    generationId: overview.generationId,
    members: overview.memberCount,
    topics: [...new Set(partitions.map((row) => row.topic))],
    totalLag: totalLag(partitions),
  };
}

/** Every group with its total lag, sorted by id. */
export function groupSummaries(sources: GroupSources): GroupSummary[] {
  return sources.groups
    .listGroupOverviews()
    .map((overview) => summary(overview, partitionLags(sources, overview.groupId, sources.groups.describeGroup(overview.groupId))))
    .sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
}

function toMember(member: GroupDescription['members'][number]): GroupMember {
  return {
    memberId: member.memberId,
    groupInstanceId: member.groupInstanceId,
    clientId: member.clientId,
    clientHost: member.clientHost,
    assignment: member.assignedPartitions?.map(({ topic, partitions }) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) })) ?? null,
  };
}

/** A group's page, or undefined if the group does not exist. */
export function groupDetail(sources: GroupSources, groupId: string, lagHistory: LagSample[]): GroupDetail | undefined {
  const description = sources.groups.describeGroup(groupId);
  if (!description) return undefined;
  const partitions = partitionLags(sources, groupId, description);
  return {
    summary: summary(description, partitions),
    stateChangedAt: Math.max(0, description.stateChangedAt),
    members: description.members.slice(0, MAX_GROUP_MEMBERS).map(toMember),
    partitions,
    lagHistory,
  };
}

/** Every group with offsets on, or assignments of, `topic`, with its lag there. */
export function topicGroupLags(sources: GroupSources, topic: string): TopicGroupLag[] {
  const result: TopicGroupLag[] = [];
  for (const overview of sources.groups.listGroupOverviews()) {
    const partitions = partitionLags(sources, overview.groupId, sources.groups.describeGroup(overview.groupId), topic);
    if (partitions.length === 0) continue;
    result.push({ groupId: overview.groupId, state: overview.state, members: overview.memberCount, partitions, totalLag: totalLag(partitions) });
  }
  return result.sort((a, b) => (a.groupId < b.groupId ? -1 : 1));
}
