/**
 * A remote cluster's consumer groups (the group half of cluster-admin.ts), by requests this
 * console writes itself at each broker's versions (kafka-request.ts), so groups are seen on any
 * Kafka since 0.11: ListGroups on every broker, FindCoordinator for a group, then at its
 * coordinator DescribeGroups (member assignments decoded from the consumer protocol's bytes),
 * OffsetFetch, OffsetCommit (from outside the group, as Kafka's admin client commits) and
 * DeleteGroups. Kafka's state names (Stable, Empty, …) as the cluster gives them. What a cluster
 * does not offer is refused with UNSUPPORTED_VERSION, naming the API.
 */
import type { Connection } from '@platformatic/kafka';
import { ProtocolDecodeError } from '../../../../broker-core/src/protocol/index';
import type { BrokerConnections } from './broker-connections';
import { clientFailure, toClusterError } from './client-errors';
import { consumerAssignment } from './consumer-assignment';
import { requireFeature } from './feature-support';
import type { ClusterFeature } from '../../../contract';
import { ask, kafkaError, OWN_APIS, versionProblem } from './kafka-request';
import { ClusterError, type ClusterAdmin, type GroupInfo, type GroupListing, type GroupOffset } from '../cluster-admin';

/** What Kafka answers a commit from outside a group's generation while the group has members. */
const MEMBER_ERRORS = new Set(['UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION', 'REBALANCE_IN_PROGRESS']);
/** A coordinator not ready yet (its partition of __consumer_offsets loading or moving): asked again. */
const COORDINATOR_BUSY = new Set(['COORDINATOR_NOT_AVAILABLE', 'COORDINATOR_LOAD_IN_PROGRESS', 'NOT_COORDINATOR']);
const COORDINATOR_ATTEMPTS = 5;
const COORDINATOR_RETRY_MS = 200;
const GROUP_KEY = 0;
const GROUP_ID_NOT_FOUND = 69;

const kafkaState = (state: string) => (state === '' ? 'Unknown' : state);

type GroupAdmin = Pick<ClusterAdmin, 'listGroups' | 'describeGroup' | 'groupOffsets' | 'alterGroupOffsets' | 'deleteGroup'>;

export function remoteGroupAdmin(brokers: BrokerConnections): GroupAdmin {
  const need = (feature: ClusterFeature) => requireFeature(brokers.versions, feature);
  const notFound = (groupId: string) => new ClusterError('GROUP_ID_NOT_FOUND', `group "${groupId}" does not exist`);

  /** The connection to `groupId`'s coordinator. */
  const coordinatorOf = async (groupId: string): Promise<Connection> => {
    const connection = await brokers.any();
    const version = await brokers.versionOn(connection, OWN_APIS.findCoordinator);
    const answer = await ask(connection, OWN_APIS.findCoordinator, version, { key: groupId, keyType: GROUP_KEY, coordinatorKeys: [] });
    if (answer.errorCode !== 0) throw kafkaError(answer.errorCode, answer.errorMessage ?? `the coordinator of group "${groupId}"`);
    return brokers.node(answer.nodeId);
  };

  /** `request` at `groupId`'s coordinator, found again (after a pause) while the coordinator is not ready or has moved. */
  const atCoordinator = async <T>(groupId: string, request: (connection: Connection) => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await request(await coordinatorOf(groupId));
      } catch (error) {
        const failure = clientFailure(error);
        if (attempt >= COORDINATOR_ATTEMPTS || failure.kind !== 'kafka' || !COORDINATOR_BUSY.has(failure.name)) throw error;
        await new Promise((resolve) => setTimeout(resolve, COORDINATOR_RETRY_MS));
      }
    }
  };

  /** DescribeGroups at the group's coordinator; null for a group the cluster does not know. */
  const describeAtCoordinator = (groupId: string) =>
    atCoordinator(groupId, async (connection) => {
      const version = await brokers.versionOn(connection, OWN_APIS.describeGroups);
      const answer = await ask(connection, OWN_APIS.describeGroups, version, { groups: [groupId], includeAuthorizedOperations: false });
      const group = answer.groups.find((candidate) => candidate.groupId === groupId);
      if (group && group.errorCode !== 0 && group.errorCode !== GROUP_ID_NOT_FOUND) throw kafkaError(group.errorCode, `group "${groupId}"`);
      return !group || group.errorCode === GROUP_ID_NOT_FOUND || group.groupState === 'Dead' ? null : group;
    });

  return {
    async listGroups(): Promise<GroupListing[]> {
      try {
        need('listGroups');
        const { brokers: nodes } = await brokers.metadata([]);
        const listed = await Promise.all(
          nodes.map(async (node) => {
            const connection = await brokers.node(node.nodeId);
            const version = await brokers.versionOn(connection, OWN_APIS.listGroups);
            const answer = await ask(connection, OWN_APIS.listGroups, version, { statesFilter: [], typesFilter: [] });
            if (answer.errorCode !== 0) throw kafkaError(answer.errorCode, `listing the groups of broker ${node.nodeId}`);
            return answer.groups;
          }),
        );
        const groups = new Map<string, GroupListing>();
        for (const group of listed.flat()) groups.set(group.groupId, { groupId: group.groupId, state: kafkaState(group.groupState), protocolType: group.protocolType });
        return [...groups.values()].sort((a, b) => a.groupId.localeCompare(b.groupId));
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
        const fetchOffsets = (topics: { name: string; partitionIndexes: number[] }[] | null) =>
          atCoordinator(groupId, async (connection) => {
            const version = await brokers.versionOn(connection, OWN_APIS.offsetFetch);
            return ask(connection, OWN_APIS.offsetFetch, version, { groupId, topics, groups: [], requireStable: false });
          });
        // Every topic the group committed (null), as Kafka's admin client asks; a cluster whose
        // answer to that does not parse (librdkafka's mock answers a null list) is asked for
        // every partition of every topic instead.
        const answer = await fetchOffsets(null).catch(async (error: unknown) => {
          if (!(error instanceof ProtocolDecodeError)) throw error;
          const { topics } = await brokers.metadata(null);
          return fetchOffsets(topics.filter((topic) => topic.errorCode === 0 && topic.name).map((topic) => ({ name: topic.name!, partitionIndexes: topic.partitions.map((partition) => partition.partitionIndex) })));
        });
        if (answer.errorCode === GROUP_ID_NOT_FOUND) return [];
        if (answer.errorCode !== 0) throw kafkaError(answer.errorCode, `offsets of group "${groupId}"`);
        const offsets: GroupOffset[] = [];
        for (const topic of answer.topics) {
          for (const partition of topic.partitions) {
            if (partition.errorCode !== 0) throw kafkaError(partition.errorCode, `offset of group "${groupId}" for ${topic.name}-${partition.partitionIndex}`);
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
      const byTopic = new Map<string, { partition: number; offset: number }[]>();
      for (const entry of offsets) byTopic.set(entry.topic, [...(byTopic.get(entry.topic) ?? []), entry]);
      const active = (members: number) =>
        new ClusterError('NON_EMPTY_GROUP', `group "${groupId}" has ${members > 0 ? `${members} active member${members === 1 ? '' : 's'}` : 'active members'}: its offsets can be changed only while none of its consumers runs`);
      try {
        need('alterGroupOffsets');
        // Where the cluster can say, a group with members is refused before the commit; Kafka
        // refuses a commit from outside the generation anyway (below).
        if (versionProblem(brokers.versions, OWN_APIS.describeGroups) === null) {
          const group = await describeAtCoordinator(groupId);
          if (group && group.members.length > 0) throw active(group.members.length);
        }
        const answer = await atCoordinator(groupId, async (connection) => {
          const version = await brokers.versionOn(connection, OWN_APIS.offsetCommit);
          return ask(connection, OWN_APIS.offsetCommit, version, {
            groupId,
            generationIdOrMemberEpoch: -1,
            memberId: '',
            groupInstanceId: null,
            retentionTimeMs: -1n,
            topics: [...byTopic].map(([name, partitions]) => ({
              name,
              partitions: partitions.map(({ partition, offset }) => ({ partitionIndex: partition, committedOffset: BigInt(offset), committedLeaderEpoch: -1, commitTimestamp: -1n, committedMetadata: '' })),
            })),
          });
        });
        for (const topic of answer.topics) {
          const failed = topic.partitions.find((partition) => partition.errorCode !== 0);
          if (failed) throw kafkaError(failed.errorCode, `offset of group "${groupId}" for ${topic.name}-${failed.partitionIndex}`);
        }
      } catch (error) {
        const failure = clientFailure(error);
        if (failure.kind === 'kafka' && MEMBER_ERRORS.has(failure.name)) throw active(0);
        throw toClusterError(error, `offsets of group "${groupId}"`);
      }
    },
    async deleteGroup(groupId: string): Promise<void> {
      try {
        need('deleteGroup');
        const answer = await atCoordinator(groupId, async (connection) => {
          const version = await brokers.versionOn(connection, OWN_APIS.deleteGroups);
          return ask(connection, OWN_APIS.deleteGroups, version, { groupsNames: [groupId] });
        });
        const result = answer.results.find((candidate) => candidate.groupId === groupId);
        if (result && result.errorCode === GROUP_ID_NOT_FOUND) throw notFound(groupId);
        if (result && result.errorCode !== 0) throw kafkaError(result.errorCode, `group "${groupId}"`);
      } catch (error) {
        throw toClusterError(error, `group "${groupId}"`);
      }
    },
  };
}
