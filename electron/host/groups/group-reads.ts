/**
 * Reads a cluster's consumer groups (cluster-admin.ts) for the groups views, in few requests: one
 * ListGroups, per group a DescribeGroups and an OffsetFetch (at most GROUP_READS_IN_FLIGHT at a
 * time), then one bulk read of the offset ranges of every topic those groups name. The same calls
 * answer the embedded broker in process and a remote cluster over the network.
 *
 * A group deleted between the list and its own reads is left out; other failures are thrown as
 * the cluster threw them (ClusterErrors, turned into refusals by the service).
 */
import type { Cluster } from '../cluster/cluster';
import { ClusterError, type GroupInfo, type GroupOffset } from '../cluster/cluster-admin';
import type { GroupDetail, GroupSummary, LagSample, TopicGroupLag } from '../../contract';
import { mapBounded } from './bounded-map';
import { toGroupDetail, toGroupSummary, toTopicGroupLag } from './group-dtos';
import { groupLag, groupTopics } from './group-lag';

/** Per-group requests in flight at once. */
export const GROUP_READS_IN_FLIGHT = 8;

interface GroupRead {
  info: GroupInfo;
  offsets: GroupOffset[];
}

const byGroupId = (a: { groupId: string }, b: { groupId: string }) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0);

/** Whether `error` says the group does not exist (any more). */
export function isGroupGone(error: unknown): boolean {
  return error instanceof ClusterError && error.code === 'GROUP_ID_NOT_FOUND';
}

/** The group described and its committed offsets; null if it does not exist. */
export async function readGroup(cluster: Cluster, groupId: string): Promise<GroupRead | null> {
  try {
    const [info, offsets] = await Promise.all([cluster.admin.describeGroup(groupId), cluster.admin.groupOffsets(groupId)]);
    return { info, offsets };
  } catch (error) {
    if (isGroupGone(error)) return null;
    throw error;
  }
}

/** Every group the cluster lists, each described with its committed offsets, sorted by id. */
async function readGroups(cluster: Cluster): Promise<GroupRead[]> {
  const listed = await cluster.admin.listGroups();
  const read = await mapBounded(listed, GROUP_READS_IN_FLIGHT, (listing) => readGroup(cluster, listing.groupId));
  return read.filter((group): group is GroupRead => group !== null).sort((a, b) => byGroupId(a.info, b.info));
}

/** One bulk read of the offset ranges of every topic the groups name. */
function rangesFor(cluster: Cluster, groups: readonly GroupRead[]) {
  const topics = new Set(groups.flatMap((group) => groupTopics(group.offsets, group.info.members)));
  return cluster.admin.topicOffsets([...topics]);
}

/** Every group with its total lag, sorted by id. */
export async function groupSummaries(cluster: Cluster): Promise<GroupSummary[]> {
  const groups = await readGroups(cluster);
  const ranges = await rangesFor(cluster, groups);
  return groups.map((group) => toGroupSummary(group.info, groupLag(group.offsets, group.info.members, ranges)));
}

/** A group's page; the cluster's GROUP_ID_NOT_FOUND if it does not exist. */
export async function groupDetail(cluster: Cluster, groupId: string, lagHistory: LagSample[]): Promise<GroupDetail> {
  const group = await readGroup(cluster, groupId);
  if (!group) throw new ClusterError('GROUP_ID_NOT_FOUND', `consumer group "${groupId}" does not exist`);
  const ranges = await rangesFor(cluster, [group]);
  return toGroupDetail(group.info, groupLag(group.offsets, group.info.members, ranges), lagHistory);
}

/** Every group with offsets on, or assignments of, `topic`, with its lag there. */
export async function topicGroupLags(cluster: Cluster, topic: string): Promise<TopicGroupLag[]> {
  const groups = await readGroups(cluster);
  const ranges = await cluster.admin.topicOffsets([topic]);
  const result: TopicGroupLag[] = [];
  for (const group of groups) {
    const lag = groupLag(group.offsets, group.info.members, ranges, topic);
    if (lag.partitions.length > 0) result.push(toTopicGroupLag(group.info, lag));
  }
  return result;
}

/**
 * Each listed group's total lag, for a lag sample: cheaper than the summaries (no DescribeGroups;
 * lag needs only committed offsets and high watermarks). `listed` names every group the cluster
 * listed; `lags` only those with a committed offset on an existing partition.
 */
export async function groupTotalLags(cluster: Cluster): Promise<{ listed: string[]; lags: Array<{ groupId: string; lag: number }> }> {
  const listed = (await cluster.admin.listGroups()).map((listing) => listing.groupId).sort();
  const offsets = await mapBounded(listed, GROUP_READS_IN_FLIGHT, (groupId) => cluster.admin.groupOffsets(groupId).catch((error: unknown) => (isGroupGone(error) ? [] : Promise.reject(error))));
  const ranges = await cluster.admin.topicOffsets([...new Set(offsets.flatMap((committed) => committed.map((offset) => offset.topic)))]);
  const lags: Array<{ groupId: string; lag: number }> = [];
  listed.forEach((groupId, index) => {
    const { totalLag } = groupLag(offsets[index], [], ranges);
    if (totalLag !== null) lags.push({ groupId, lag: totalLag });
  });
  return { listed, lags };
}
