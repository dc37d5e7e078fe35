/**
 * Maps what a cluster says of a group (cluster-admin.ts GroupInfo) and its lag (group-lag.ts)
 * onto the contract's group DTOs. What the cluster does not say (a remote cluster's generation,
 * its last state change, its commit times) is null, never a made-up number; a protocol or
 * protocol type the cluster gave as "" is null, as the contract has it.
 */
import type { GroupInfo, GroupMemberInfo } from '../cluster/cluster-admin';
import { MAX_GROUP_MEMBERS, MAX_GROUP_PARTITIONS, type GroupDetail, type GroupMember, type GroupSummary, type LagSample, type TopicGroupLag } from '../../contract';
import type { GroupLag } from './group-lag';
import { toGroupState } from './group-state';

const orNull = (value: string): string | null => (value === '' ? null : value);

export function toGroupSummary(info: GroupInfo, lag: GroupLag): GroupSummary {
  return {
    groupId: info.groupId,
    state: toGroupState(info.state),
    protocolType: orNull(info.protocolType),
    protocolName: orNull(info.protocol),
    generationId: info.generationId ?? null,
    members: info.members.length,
    topics: [...new Set(lag.partitions.map((row) => row.topic))].slice(0, MAX_GROUP_PARTITIONS),
    totalLag: lag.totalLag,
  };
}

/** A member; its assignment only for a consumer group (another protocol's is not decoded). */
export function toGroupMember(member: GroupMemberInfo, consumer: boolean): GroupMember {
  return {
    memberId: member.memberId,
    groupInstanceId: member.groupInstanceId,
    clientId: member.clientId,
    clientHost: member.clientHost,
    assignment: consumer ? member.assignment.map(({ topic, partitions }) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) })) : null,
  };
}

export function toGroupDetail(info: GroupInfo, lag: GroupLag, lagHistory: LagSample[]): GroupDetail {
  return {
    summary: toGroupSummary(info, lag),
    stateChangedAt: info.stateChangedAt ?? null,
    members: info.members.slice(0, MAX_GROUP_MEMBERS).map((member) => toGroupMember(member, info.protocolType === 'consumer')),
    partitions: lag.partitions.slice(0, MAX_GROUP_PARTITIONS),
    lagHistory,
  };
}

/** The group's lag on one topic (`lag` read with that topic as the filter). */
export function toTopicGroupLag(info: GroupInfo, lag: GroupLag): TopicGroupLag {
  return {
    groupId: info.groupId,
    state: toGroupState(info.state),
    members: info.members.length,
    partitions: lag.partitions.slice(0, MAX_GROUP_PARTITIONS),
    totalLag: lag.totalLag,
  };
}
