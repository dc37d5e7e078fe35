/**
 * LeaveGroup (key 13), v0–v5. v0–v2 name one member and get its error as the response's error;
 * v3+ name a batch (static members may be removed by group.instance.id with an empty member id)
 * and get a top-level error plus one error per member; v5 adds a reason per member.
 */
import type { GroupCoordinator } from '../groups/group-coordinator';
import { ErrorCode } from '../protocol/generated/errors';
import { LeaveGroupApi } from '../protocol/generated/index';
import { defineHandler } from './api-handler';

export function createLeaveGroupHandler(coordinator: GroupCoordinator) {
  return defineHandler({
    api: LeaveGroupApi,
    minVersion: 0,
    maxVersion: 5,
    handle(request, { apiVersion }) {
      if (apiVersion <= 2) {
        const result = coordinator.leaveGroup(request.groupId, [{ memberId: request.memberId, groupInstanceId: null, reason: null }]);
        const memberError = result.members.find((member) => member.errorCode !== ErrorCode.NONE)?.errorCode ?? ErrorCode.NONE;
        return { throttleTimeMs: 0, errorCode: result.errorCode !== ErrorCode.NONE ? result.errorCode : memberError, members: [] };
      }
      const result = coordinator.leaveGroup(request.groupId, request.members);
      return { throttleTimeMs: 0, errorCode: result.errorCode, members: result.members };
    },
  });
}
