/**
 * OffsetDelete (key 47), v0: deletes a group's committed offsets for some partitions. A group with
 * members keeps offsets of topics it subscribes to (GROUP_SUBSCRIBED_TO_TOPIC per partition; a
 * non-consumer group with members gets NON_EMPTY_GROUP); an unknown group gets GROUP_ID_NOT_FOUND.
 * With a group-level error the response lists no partitions, as Kafka's.
 */
import type { GroupCoordinator } from '../groups/group-coordinator';
import { ErrorCode } from '../protocol/generated/errors';
import { OffsetDeleteApi } from '../protocol/generated/index';
import { defineHandler } from './api-handler';

export function createOffsetDeleteHandler(coordinator: GroupCoordinator) {
  return defineHandler({
    api: OffsetDeleteApi,
    minVersion: 0,
    maxVersion: 0,
    async handle(request) {
      const partitions = request.topics.flatMap((topic) => topic.partitions.map(({ partitionIndex }) => ({ topic: topic.name, partition: partitionIndex })));
      const result = await coordinator.deleteOffsets(request.groupId, partitions);
      if (result.errorCode !== ErrorCode.NONE) return { errorCode: result.errorCode, throttleTimeMs: 0, topics: [] };
      let next = 0;
      return {
        errorCode: ErrorCode.NONE,
        throttleTimeMs: 0,
        topics: request.topics.map((topic) => ({
          name: topic.name,
          partitions: topic.partitions.map(({ partitionIndex }) => ({ partitionIndex, errorCode: result.partitions[next++].errorCode })),
        })),
      };
    },
  });
}
