/**
 * OffsetCommit (key 8), v0–v9: stores offsets (answered once fsynced) with the group's generation
 * checks (see `group-offsets.ts`). v1 may carry a commit timestamp per partition, v2–v4 a
 * retention time, v6+ the leader epoch, v7+ the group.instance.id. Errors are per partition, in
 * the order requested.
 */
import type { GroupCoordinator } from '../groups/group-coordinator';
import { OffsetCommitApi } from '../protocol/generated/index';
import { defineHandler } from './api-handler';

export function createOffsetCommitHandler(coordinator: GroupCoordinator) {
  return defineHandler({
    api: OffsetCommitApi,
    minVersion: 0,
    maxVersion: 9,
    async handle(request, { apiVersion, waitingFor }) {
      const offsets = request.topics.flatMap((topic) =>
        topic.partitions.map((partition) => ({
          topic: topic.name,
          partition: partition.partitionIndex,
          offset: partition.committedOffset,
          leaderEpoch: apiVersion >= 6 ? partition.committedLeaderEpoch : -1,
          metadata: partition.committedMetadata,
          commitTimestamp: apiVersion === 1 ? Number(partition.commitTimestamp) : -1,
        })),
      );
      waitingFor(`the offsets journal write of group "${request.groupId}"`);
      const errors = await coordinator.commitOffsets({
        groupId: request.groupId,
        generationId: request.generationIdOrMemberEpoch,
        memberId: request.memberId,
        groupInstanceId: request.groupInstanceId,
        retentionTimeMs: apiVersion >= 2 && apiVersion <= 4 ? Number(request.retentionTimeMs) : -1,
        offsets,
      });
      let next = 0;
      return {
        throttleTimeMs: 0,
        topics: request.topics.map((topic) => ({
          name: topic.name,
          partitions: topic.partitions.map((partition) => ({ partitionIndex: partition.partitionIndex, errorCode: errors[next++].errorCode })),
        })),
      };
    },
  });
}
