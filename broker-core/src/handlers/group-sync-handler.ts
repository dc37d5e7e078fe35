/**
 * SyncGroup (key 14), v0–v5: the leader sends every member's assignment, followers wait for
 * theirs. v5+ must name the protocol type and name (INCONSISTENT_GROUP_PROTOCOL when missing or
 * different from the group's, as Kafka checks); their answers carry them back.
 */
import type { GroupCoordinator } from '../groups/group-coordinator';
import { ErrorCode } from '../protocol/generated/errors';
import { SyncGroupApi } from '../protocol/generated/index';
import { defineHandler } from './api-handler';

/** How long a follower may wait for its leader's assignment by design: the usual rebalance timeout (max.poll.interval.ms). */
const EXPECTED_ASSIGNMENT_WAIT_MS = 300_000;

export function createSyncGroupHandler(coordinator: GroupCoordinator) {
  return defineHandler({
    api: SyncGroupApi,
    minVersion: 0,
    maxVersion: 5,
    async handle(request, { apiVersion, waitingFor }) {
      if (apiVersion >= 5 && (request.protocolType === null || request.protocolName === null)) {
        return { throttleTimeMs: 0, errorCode: ErrorCode.INCONSISTENT_GROUP_PROTOCOL, protocolType: null, protocolName: null, assignment: Buffer.alloc(0) };
      }
      waitingFor(`the assignment of generation ${request.generationId} of group "${request.groupId}" from its leader`, EXPECTED_ASSIGNMENT_WAIT_MS);
      const result = await coordinator.syncGroup({
        groupId: request.groupId,
        generationId: request.generationId,
        memberId: request.memberId,
        groupInstanceId: request.groupInstanceId,
        protocolType: request.protocolType,
        protocolName: request.protocolName,
        assignments: new Map(request.assignments.map(({ memberId, assignment }) => [memberId, assignment])),
      });
      return { throttleTimeMs: 0, ...result };
    },
  });
}
