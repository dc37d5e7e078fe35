/**
 * Heartbeat (key 12), v0–v4: keeps a member's session alive; REBALANCE_IN_PROGRESS tells it to
 * rejoin, ILLEGAL_GENERATION / UNKNOWN_MEMBER_ID / FENCED_INSTANCE_ID that it is out of the group.
 */
import type { GroupCoordinator } from '../groups/group-coordinator';
import { HeartbeatApi } from '../protocol/generated/index';
import { defineHandler } from './api-handler';

export function createHeartbeatHandler(coordinator: GroupCoordinator) {
  return defineHandler({
    api: HeartbeatApi,
    minVersion: 0,
    maxVersion: 4,
    handle(request) {
      const { groupId, generationId, memberId, groupInstanceId } = request;
      return { throttleTimeMs: 0, errorCode: coordinator.heartbeat({ groupId, generationId, memberId, groupInstanceId }) };
    },
  });
}
