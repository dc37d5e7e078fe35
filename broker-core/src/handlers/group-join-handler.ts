/**
 * JoinGroup (key 11), v0–v9: long-polls until the group's join phase ends (see the group engine).
 * Version differences: v0 has no rebalance timeout (the session timeout is used, as in Kafka);
 * v4+ dynamic members first get MEMBER_ID_REQUIRED with their id; v5+ carry group.instance.id
 * (static membership); v7+ return the protocol type and a nullable protocol name ('' before);
 * v9 may tell a replacing static leader to skip the assignment.
 */
import type { GroupCoordinator } from '../groups/group-coordinator';
import { JoinGroupApi } from '../protocol/generated/index';
import { defineHandler } from './api-handler';
import { clientHost } from './group-client-host';

export function createJoinGroupHandler(coordinator: GroupCoordinator) {
  return defineHandler({
    api: JoinGroupApi,
    minVersion: 0,
    maxVersion: 9,
    async handle(request, { apiVersion, clientId, connection, waitingFor }) {
      const rebalanceTimeoutMs = apiVersion === 0 ? request.sessionTimeoutMs : request.rebalanceTimeoutMs;
      waitingFor(`the join phase of group "${request.groupId}" (rebalance timeout ${rebalanceTimeoutMs} ms)`, rebalanceTimeoutMs);
      const result = await coordinator.joinGroup({
        groupId: request.groupId,
        memberId: request.memberId,
        groupInstanceId: request.groupInstanceId,
        requireKnownMemberId: apiVersion >= 4 && request.groupInstanceId === null,
        supportSkippingAssignment: apiVersion >= 9,
        clientId: clientId ?? '',
        clientHost: clientHost(connection),
        rebalanceTimeoutMs,
        sessionTimeoutMs: request.sessionTimeoutMs,
        protocolType: request.protocolType,
        protocols: request.protocols.map(({ name, metadata }) => ({ name, metadata })),
        reason: request.reason,
      });
      return {
        throttleTimeMs: 0,
        errorCode: result.errorCode,
        generationId: result.generationId,
        protocolType: result.protocolType,
        protocolName: apiVersion >= 7 ? result.protocolName : (result.protocolName ?? ''),
        leader: result.leaderId,
        skipAssignment: result.skipAssignment,
        memberId: result.memberId,
        members: result.members,
      };
    },
  });
}
