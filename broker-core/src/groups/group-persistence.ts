/**
 * Maps groups to journal records and back, as Kafka's GroupMetadataManager does with the
 * __consumer_offsets topic: a group-metadata record (generation, protocol, leader, members with
 * their assignments) written when a group becomes Stable or Empty, offset-commit records, and
 * tombstones. Replaying the records rebuilds each group as it was last persisted: Stable with its
 * members (who must heartbeat within their session timeout, as after a coordinator failover), or
 * Empty, with its committed offsets.
 *
 * Pure apart from creating group objects; timers are the coordinator's to start.
 */
import { ClassicGroup } from './classic-group';
import { GroupMember } from './group-member';
import { GroupState } from './group-state';
import type { JournalRecord, PersistedGroup } from './journal-record';
import type { CommittedOffset } from './offset-table';

export function groupMetadataRecord(group: ClassicGroup): JournalRecord {
  return {
    type: 'group-metadata',
    group: {
      groupId: group.groupId,
      protocolType: group.protocolType,
      generationId: group.generationId,
      protocolName: group.protocolName,
      leaderId: group.leaderId,
      stateTimestamp: group.stateTimestamp,
      members: group.state === GroupState.Stable ? group.memberList.map((member) => ({
        memberId: member.memberId,
        groupInstanceId: member.groupInstanceId,
        clientId: member.clientId,
        clientHost: member.clientHost,
        rebalanceTimeoutMs: member.rebalanceTimeoutMs,
        sessionTimeoutMs: member.sessionTimeoutMs,
        metadata: member.metadataFor(group.protocolName),
        assignment: member.assignment,
      })) : [],
    },
  };
}

export function offsetCommitRecord(groupId: string, topic: string, partition: number, value: CommittedOffset): JournalRecord {
  return { type: 'offset-commit', groupId, topic, partition, ...value };
}

/** One record per live key: what a compacted journal holds. */
export function snapshotRecords(groups: Iterable<ClassicGroup>): JournalRecord[] {
  const records: JournalRecord[] = [];
  for (const group of groups) {
    if (group.protocolType !== null || group.generationId > 0) records.push(groupMetadataRecord(group));
    for (const { topic, partition, value } of group.offsets.entries()) records.push(offsetCommitRecord(group.groupId, topic, partition, value));
  }
  return records;
}

interface ReplayedGroup {
  metadata: PersistedGroup | null;
  offsets: Map<string, { topic: string; partition: number; value: CommittedOffset }>;
}

/** Rebuilds the groups the records describe (in first-seen order); `now` starts groups that only have offsets. */
export function restoreGroups(records: readonly JournalRecord[], now: number): ClassicGroup[] {
  const replayed = new Map<string, ReplayedGroup>();
  const entry = (groupId: string): ReplayedGroup => {
    let found = replayed.get(groupId);
    if (!found) replayed.set(groupId, (found = { metadata: null, offsets: new Map() }));
    return found;
  };
  for (const record of records) {
    switch (record.type) {
      case 'offset-commit': {
        const { groupId, topic, partition, offset, leaderEpoch, metadata, commitTimestamp, expireTimestamp } = record;
        entry(groupId).offsets.set(`${partition}:${topic}`, { topic, partition, value: { offset, leaderEpoch, metadata, commitTimestamp, expireTimestamp } });
        break;
      }
      case 'offset-delete':
        replayed.get(record.groupId)?.offsets.delete(`${record.partition}:${record.topic}`);
        break;
      case 'group-metadata':
        entry(record.group.groupId).metadata = record.group;
        break;
      case 'group-delete':
        replayed.delete(record.groupId);
        break;
    }
  }
  const groups: ClassicGroup[] = [];
  for (const [groupId, { metadata, offsets }] of replayed) {
    if (metadata === null && offsets.size === 0) continue;
    const group = metadata ? restoreGroup(metadata) : new ClassicGroup(groupId, now);
    for (const { topic, partition, value } of offsets.values()) group.offsets.set(topic, partition, value);
    groups.push(group);
  }
  return groups;
}

function restoreGroup(persisted: PersistedGroup): ClassicGroup {
  const group = new ClassicGroup(persisted.groupId, persisted.stateTimestamp);
  group.generationId = persisted.generationId;
  group.protocolName = persisted.protocolName;
  for (const member of persisted.members) {
    const restored = new GroupMember(
      member.memberId,
      member.groupInstanceId,
      member.clientId,
      member.clientHost,
      member.rebalanceTimeoutMs,
      member.sessionTimeoutMs,
      persisted.protocolType ?? '',
      [{ name: persisted.protocolName ?? '', metadata: member.metadata }],
    );
    restored.assignment = member.assignment;
    group.add(restored);
  }
  group.protocolType = persisted.protocolType;
  if (persisted.leaderId !== null && group.members.has(persisted.leaderId)) group.leaderId = persisted.leaderId;
  group.state = group.members.size > 0 ? GroupState.Stable : GroupState.Empty;
  group.subscribedTopics = group.computeSubscribedTopics();
  return group;
}
