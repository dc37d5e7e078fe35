/**
 * `groups.previewReset` against a cluster: reads the topic's partitions and offset ranges, the
 * group's committed offsets and members, and for a timestamp target each partition's offset for
 * that time (the cluster's ListOffsets by timestamp), then plans each partition (reset-plan.ts).
 * Changes nothing.
 *
 * A group the cluster does not know (yet) can be previewed: it has no committed offsets, no
 * members, and is shown Empty, the state a group created by the reset starts in.
 */
import type { Cluster } from '../cluster/cluster';
import type { ResetPlan, ResetTarget } from '../../contract';
import { HostRefusal } from '../host-refusal';
import { mapBounded } from './bounded-map';
import { GROUP_READS_IN_FLIGHT, isGroupGone } from './group-reads';
import { toGroupState } from './group-state';
import { partitionPositions, planPartition } from './reset-plan';

export interface ResetRequest {
  groupId: string;
  topic: string;
  /** Omitted: every partition of the topic. */
  partitions?: readonly number[];
  target: ResetTarget;
}

export async function previewReset(cluster: Cluster, { groupId, topic, partitions, target }: ResetRequest): Promise<ResetPlan> {
  const count = (await cluster.admin.describeTopic(topic)).partitions.length;
  const chosen = partitions ? [...new Set(partitions)].sort((a, b) => a - b) : Array.from({ length: count }, (_, i) => i);
  const missing = chosen.find((partition) => partition >= count);
  if (missing !== undefined) throw new HostRefusal('UNKNOWN_TOPIC_OR_PARTITION', `topic "${topic}" has no partition ${missing} (it has ${count})`);

  const [ranges, offsets, group] = await Promise.all([
    cluster.admin.topicOffsets([topic]),
    cluster.admin.groupOffsets(groupId),
    cluster.admin.describeGroup(groupId).catch((error: unknown) => (isGroupGone(error) ? null : Promise.reject(error))),
  ]);
  const topicRanges = ranges.get(topic);
  if (!topicRanges) throw new HostRefusal('UNKNOWN_TOPIC_OR_PARTITION', `topic "${topic}" does not exist`);
  const committed = new Map(offsets.filter((entry) => entry.topic === topic).map((entry) => [entry.partition, entry.offset]));
  let offsetsForTime: Map<number, number | null> | undefined;
  if (target.kind === 'timestamp') {
    const found = await mapBounded(chosen, GROUP_READS_IN_FLIGHT, (partition) => cluster.records.offsetForTime(topic, partition, target.timestamp));
    offsetsForTime = new Map(chosen.map((partition, index) => [partition, found[index]]));
  }

  const plan = partitionPositions(topic, topicRanges, committed, chosen, offsetsForTime).map((position) => planPartition(position, target, topic));
  return {
    groupId,
    topic,
    partitions: plan,
    reread: plan.reduce((sum, row) => sum + (row.reread ?? 0), 0),
    skipped: plan.reduce((sum, row) => sum + (row.skipped ?? 0), 0),
    members: group?.members.length ?? 0,
    state: group ? toGroupState(group.state) : 'Empty',
  };
}
