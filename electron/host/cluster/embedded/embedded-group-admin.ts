/**
 * The consumer-group half of the embedded broker's ClusterAdmin (cluster-admin.ts), over its group
 * coordinator in process: what ListGroups, DescribeGroups, OffsetFetch, an admin OffsetCommit and
 * DeleteGroups would answer from it. A member's assignment is the coordinator's, already decoded
 * from the consumer protocol (empty until assigned, or for a group of another protocol). Beyond what
 * Kafka's answers carry, it gives what the coordinator knows and the console shows: the group's
 * generation and last state change, and each committed offset's commit time.
 *
 * Offsets are set only while the group has no active members, as Kafka's admin client and
 * `kafka-consumer-groups --reset-offsets` require; refusals carry Kafka's error names
 * (NON_EMPTY_GROUP, GROUP_ID_NOT_FOUND, …) and the coordinator's message (embedded-errors.ts).
 */
import type { GroupCoordinator, GroupMemberDescription } from '../../../../broker-core/src/index';
import { ClusterError, type ClusterAdmin, type GroupMemberInfo } from '../cluster-admin';
import { asCluster, asClusterAsync } from './embedded-errors';

export type GroupAdmin = Pick<ClusterAdmin, 'listGroups' | 'describeGroup' | 'groupOffsets' | 'alterGroupOffsets' | 'deleteGroup'>;

function toMember(member: GroupMemberDescription): GroupMemberInfo {
  return {
    memberId: member.memberId,
    groupInstanceId: member.groupInstanceId,
    clientId: member.clientId,
    clientHost: member.clientHost,
    assignment: (member.assignedPartitions ?? []).map(({ topic, partitions }) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) })),
  };
}

export function embeddedGroupAdmin(groups: GroupCoordinator): GroupAdmin {
  return {
    async listGroups() {
      return asCluster(() =>
        groups
          .listGroupOverviews()
          .map((overview) => ({ groupId: overview.groupId, state: overview.state as string, protocolType: overview.protocolType ?? '' }))
          .sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0)),
      );
    },

    async describeGroup(groupId) {
      return asCluster(() => {
        const description = groups.describeGroup(groupId);
        if (!description) throw new ClusterError('GROUP_ID_NOT_FOUND', `consumer group "${groupId}" does not exist`);
        return {
          groupId: description.groupId,
          state: description.state as string,
          protocolType: description.protocolType ?? '',
          protocol: description.protocolName ?? '',
          members: description.members.map(toMember),
          generationId: description.generationId,
          // The coordinator's timestamps are epoch ms, negative when unknown.
          stateChangedAt: description.stateChangedAt >= 0 ? description.stateChangedAt : null,
        };
      });
    },

    async groupOffsets(groupId) {
      // committedOffsets is already sorted by topic, then partition.
      return asCluster(() =>
        groups.committedOffsets(groupId).map(({ topic, partition, offset, metadata, commitTimestamp }) => ({
          topic,
          partition,
          offset: Number(offset),
          metadata,
          committedAt: commitTimestamp >= 0 ? commitTimestamp : null,
        })),
      );
    },

    async alterGroupOffsets(groupId, offsets) {
      const bad = offsets.find(({ offset }) => !Number.isSafeInteger(offset));
      if (bad) throw new ClusterError('INVALID_REQUEST', `cannot set offset ${bad.offset} for ${bad.topic}-${bad.partition}: offsets are whole numbers, 0 or more`);
      await asClusterAsync(() => groups.resetOffsets(groupId, offsets.map(({ topic, partition, offset }) => ({ topic, partition, offset: BigInt(offset) }))));
    },

    async deleteGroup(groupId) {
      await asClusterAsync(() => groups.deleteGroup(groupId));
    },
  };
}
