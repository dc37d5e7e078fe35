/**
 * OffsetFetch (key 9), v0–v9: committed offsets (-1 with empty metadata where none is committed),
 * metadata as committed. v2+ may ask for all of a group's partitions (null topics) and have a
 * top-level error; v0–v1 carry errors per partition only; v8+ ask for several groups at once.
 * `requireStable` (v7+) needs nothing: this broker has no pending transactional offsets.
 */
import type { GroupCoordinator } from '../groups/group-coordinator';
import type { FetchOffsetsResult } from '../groups/group-requests';
import { ErrorCode } from '../protocol/generated/errors';
import { OffsetFetchApi } from '../protocol/generated/index';
import { defineHandler } from './api-handler';

function responseTopics(result: FetchOffsetsResult) {
  return result.topics.map(({ topic, partitions }) => ({
    name: topic,
    partitions: partitions.map(({ partition, offset, leaderEpoch, metadata, errorCode }) => ({
      partitionIndex: partition,
      committedOffset: offset,
      committedLeaderEpoch: leaderEpoch,
      metadata,
      errorCode,
    })),
  }));
}

const requested = (topics: readonly { name: string; partitionIndexes: number[] }[] | null) =>
  topics === null ? null : topics.map(({ name, partitionIndexes }) => ({ topic: name, partitions: partitionIndexes }));

export function createOffsetFetchHandler(coordinator: GroupCoordinator) {
  return defineHandler({
    api: OffsetFetchApi,
    minVersion: 0,
    maxVersion: 9,
    handle(request, { apiVersion }) {
      if (apiVersion >= 8) {
        const groups = request.groups.map((group) => {
          const result = coordinator.fetchOffsets(group.groupId, requested(group.topics));
          return { groupId: group.groupId, errorCode: result.errorCode, topics: responseTopics(result) };
        });
        return { throttleTimeMs: 0, topics: [], errorCode: ErrorCode.NONE, groups };
      }
      let result = coordinator.fetchOffsets(request.groupId, requested(request.topics));
      if (apiVersion < 2 && result.errorCode !== ErrorCode.NONE) {
        // No top-level error before v2: every requested partition carries it.
        const errorCode = result.errorCode;
        const topics = (request.topics ?? []).map(({ name, partitionIndexes }) => ({
          topic: name,
          partitions: partitionIndexes.map((partition) => ({ partition, offset: -1n, leaderEpoch: -1, metadata: '', errorCode })),
        }));
        result = { errorCode, topics };
      }
      return { throttleTimeMs: 0, topics: responseTopics(result), errorCode: result.errorCode, groups: [] };
    },
  });
}
