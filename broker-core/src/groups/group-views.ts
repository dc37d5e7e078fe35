/**
 * Read-only views of groups: what the host (console, dead-letter sweeper) gets from the in-process
 * API, and the ListGroups / DescribeGroups answers. Plain data, built fresh on each call; nothing
 * here keeps a reference into the coordinator's state.
 *
 * DescribeGroups follows Kafka: member metadata and assignments only while Stable (empty
 * otherwise), the protocol name only while Stable, and an unknown group described as Dead.
 */
import type { ClassicGroup } from './classic-group';
import { assignedPartitions, subscribedTopics, type TopicPartitions } from './consumer-protocol';
import { GroupState } from './group-state';

export interface GroupOverview {
  groupId: string;
  state: GroupState;
  /** "consumer" for Kafka consumers; null for a group that only ever stored offsets. */
  protocolType: string | null;
  /** The selected protocol (for consumers, the assignor), null while none is selected. */
  protocolName: string | null;
  generationId: number;
  memberCount: number;
}

export interface GroupMemberDescription {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  /** Consumer groups: the member's assigned partitions (empty until assigned); null if not decodable. */
  assignedPartitions: TopicPartitions[] | null;
  /** Consumer groups: the topics the member subscribes to; null if not decodable. */
  subscribedTopics: string[] | null;
}

export interface GroupDescription extends GroupOverview {
  leaderId: string | null;
  /** Epoch ms of the last state change. */
  stateChangedAt: number;
  members: GroupMemberDescription[];
}

export interface CommittedOffsetView {
  topic: string;
  partition: number;
  offset: bigint;
  leaderEpoch: number;
  metadata: string;
  /** Epoch ms. */
  commitTimestamp: number;
}

export function groupOverview(group: ClassicGroup): GroupOverview {
  return {
    groupId: group.groupId,
    state: group.state,
    protocolType: group.protocolType,
    protocolName: group.protocolName,
    generationId: group.generationId,
    memberCount: group.members.size,
  };
}

export function groupDescription(group: ClassicGroup): GroupDescription {
  const consumer = group.isConsumerGroup;
  return {
    ...groupOverview(group),
    leaderId: group.leaderId,
    stateChangedAt: group.stateTimestamp,
    members: group.memberList.map((member) => {
      const metadata = member.metadataFor(group.protocolName ?? member.protocols[0]?.name ?? null);
      return {
        memberId: member.memberId,
        groupInstanceId: member.groupInstanceId,
        clientId: member.clientId,
        clientHost: member.clientHost,
        sessionTimeoutMs: member.sessionTimeoutMs,
        rebalanceTimeoutMs: member.rebalanceTimeoutMs,
        assignedPartitions: consumer ? assignedPartitions(member.assignment) : null,
        subscribedTopics: consumer ? subscribedTopics(metadata) : null,
      };
    }),
  };
}

export function committedOffsets(group: ClassicGroup): CommittedOffsetView[] {
  return [...group.offsets.entries()]
    .map(({ topic, partition, value }) => ({ topic, partition, offset: value.offset, leaderEpoch: value.leaderEpoch, metadata: value.metadata, commitTimestamp: value.commitTimestamp }))
    .sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
}

/** ListGroups: every group is a "classic" group; `states` and `types` filter case-insensitively when non-empty. */
export function listGroups(groups: Iterable<ClassicGroup>, states: readonly string[], types: readonly string[]) {
  const wantedStates = new Set(states.map((state) => state.toLowerCase()));
  const wantedTypes = new Set(types.map((type) => type.toLowerCase()));
  if (wantedTypes.size > 0 && !wantedTypes.has('classic')) return [];
  return [...groups]
    .filter((group) => wantedStates.size === 0 || wantedStates.has(group.state.toLowerCase()))
    .map((group) => ({ groupId: group.groupId, protocolType: group.protocolType ?? '', groupState: group.state, groupType: 'classic' }));
}

const EMPTY = Buffer.alloc(0);

/** DescribeGroups for one group id (undefined: the group does not exist). */
export function describeGroup(groupId: string, group: ClassicGroup | undefined) {
  if (!group) return { groupId, groupState: GroupState.Dead as string, protocolType: '', protocolData: '', members: [] };
  const stable = group.state === GroupState.Stable;
  return {
    groupId,
    groupState: group.state as string,
    protocolType: group.protocolType ?? '',
    protocolData: stable ? (group.protocolName ?? '') : '',
    members: group.memberList.map((member) => ({
      memberId: member.memberId,
      groupInstanceId: member.groupInstanceId,
      clientId: member.clientId,
      clientHost: member.clientHost,
      memberMetadata: stable ? member.metadataFor(group.protocolName) : EMPTY,
      memberAssignment: stable ? member.assignment : EMPTY,
    })),
  };
}
