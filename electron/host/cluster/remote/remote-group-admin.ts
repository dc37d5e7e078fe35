/**
 * A remote cluster's consumer groups (the group half of cluster-admin.ts): ListGroups on every
 * broker, DescribeGroups at the group's coordinator (member assignments decoded here, from the
 * consumer protocol's bytes), committed offsets by OffsetFetch and OffsetCommit, DeleteGroups.
 * Kafka's state names (Stable, Empty, …) as the cluster gives them.
 */
import { describeGroupsV5, FindCoordinatorKeyTypes, type Admin } from '@platformatic/kafka';
import type { BrokerConnections } from './broker-connections';
import { clientFailure, toClusterError } from './client-errors';
import { requireClientApi, type ClientFeature } from './client-api-support';
import { consumerAssignment } from './consumer-assignment';
import { ClusterError, type ClusterAdmin, type GroupInfo, type GroupListing, type GroupOffset } from '../cluster-admin';

/** The client upper-cases ListGroups' states; these are Kafka's own names. */
const kafkaStateNames: Record<string, string> = {
  STABLE: 'Stable',
  EMPTY: 'Empty',
  PREPARING_REBALANCE: 'PreparingRebalance',
  PREPARINGREBALANCE: 'PreparingRebalance',
  COMPLETING_REBALANCE: 'CompletingRebalance',
  COMPLETINGREBALANCE: 'CompletingRebalance',
  DEAD: 'Dead',
};
const kafkaState = (state: string) => kafkaStateNames[state.toUpperCase()] ?? (state === '' ? 'Unknown' : state);

/** What Kafka answers a commit from outside a group's generation while the group has members. */
const MEMBER_ERRORS = new Set(['UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION', 'REBALANCE_IN_PROGRESS']);

type GroupAdmin = Pick<ClusterAdmin, 'listGroups' | 'describeGroup' | 'groupOffsets' | 'alterGroupOffsets' | 'deleteGroup'>;

export function remoteGroupAdmin(admin: Admin, brokers: BrokerConnections): GroupAdmin {
  const need = (feature: ClientFeature) => requireClientApi(brokers.versions, feature);
  const notFound = (groupId: string) => new ClusterError('GROUP_ID_NOT_FOUND', `group "${groupId}" does not exist`);
  /** DescribeGroups at the group's coordinator; null for a group the cluster does not know. */
  const describeAtCoordinator = async (groupId: string) => {
    const [coordinator] = await admin.findCoordinator({ keyType: FindCoordinatorKeyTypes.GROUP, keys: [groupId] });
    if (!coordinator) return null;
    const response = await describeGroupsV5.api.async(await brokers.node(coordinator.nodeId), [groupId], false);
    const group = response.groups.find((candidate) => candidate.groupId === groupId);
    return !group || group.groupState === 'Dead' ? null : group;
  };
  return {
    async listGroups(): Promise<GroupListing[]> {
      try {
        need('listGroups');
        const groups = await admin.listGroups();
        return [...groups.values()].map((group) => ({ groupId: group.id, state: kafkaState(group.state), protocolType: group.protocolType })).sort((a, b) => a.groupId.localeCompare(b.groupId));
      } catch (error) {
        throw toClusterError(error, 'listing groups');
      }
    },
    async describeGroup(groupId: string): Promise<GroupInfo> {
      try {
        need('describeGroup');
        const group = await describeAtCoordinator(groupId);
        if (!group) throw notFound(groupId);
        return {
          groupId,
          state: kafkaState(group.groupState),
          protocolType: group.protocolType,
          protocol: group.protocolData,
          members: group.members.map((member) => ({
            memberId: member.memberId,
            groupInstanceId: member.groupInstanceId ?? null,
            clientId: member.clientId,
            clientHost: member.clientHost,
            assignment: group.protocolType === 'consumer' ? consumerAssignment(member.memberAssignment) : [],
          })),
        };
      } catch (error) {
        throw toClusterError(error, `group "${groupId}"`);
      }
    },
    async groupOffsets(groupId: string): Promise<GroupOffset[]> {
      try {
        need('groupOffsets');
        const [group] = await admin.listConsumerGroupOffsets({ groups: [groupId] });
        const offsets: GroupOffset[] = [];
        for (const topic of group?.topics ?? []) {
          for (const partition of topic.partitions) {
            if (partition.committedOffset < 0n) continue;
            offsets.push({ topic: topic.name, partition: partition.partitionIndex, offset: Number(partition.committedOffset), metadata: partition.metadata ?? null });
          }
        }
        return offsets.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
      } catch (error) {
        throw toClusterError(error, `offsets of group "${groupId}"`);
      }
    },
    async alterGroupOffsets(groupId: string, offsets: readonly { topic: string; partition: number; offset: number }[]): Promise<void> {
      const byTopic = new Map<string, { partition: number; offset: bigint }[]>();
      for (const { topic, partition, offset } of offsets) byTopic.set(topic, [...(byTopic.get(topic) ?? []), { partition, offset: BigInt(offset) }]);
      const active = (members: number) =>
        new ClusterError('NON_EMPTY_GROUP', `group "${groupId}" has ${members > 0 ? `${members} active member${members === 1 ? '' : 's'}` : 'active members'}: its offsets can be changed only while none of its consumers runs`);
      try {
        need('alterGroupOffsets');
        const group = await describeAtCoordinator(groupId);
        if (group && group.members.length > 0) throw active(group.members.length);
        await admin.alterConsumerGroupOffsets({ groupId, topics: [...byTopic].map(([name, partitionOffsets]) => ({ name, partitionOffsets })) });
      } catch (error) {
        // A consumer that joined meanwhile: Kafka refuses a commit from outside the generation.
        const failure = clientFailure(error);
        if (failure.kind === 'kafka' && MEMBER_ERRORS.has(failure.name)) throw active(0);
        throw toClusterError(error, `offsets of group "${groupId}"`);
      }
    },
    async deleteGroup(groupId: string): Promise<void> {
      try {
        need('deleteGroup');
        await admin.deleteGroups({ groups: [groupId] });
      } catch (error) {
        throw toClusterError(error, `group "${groupId}"`);
      }
    },
  };
}
