/**
 * DescribeGroups (key 15), v0–v5: state, protocol and members (client id, host, and while Stable
 * their metadata and assignment). An unknown group is described as Dead with no error, as Kafka
 * does up to v5. v3+ may ask for the authorized operations: without an authorizer every group
 * operation is allowed (READ, DELETE, DESCRIBE), as on a Kafka broker with no authorizer.
 */
import type { GroupCoordinator } from '../groups/group-coordinator';
import { DescribeGroupsApi } from '../protocol/generated/index';
import { defineHandler } from './api-handler';

/** AclOperation bits READ (3), DELETE (6), DESCRIBE (8). */
const GROUP_OPERATIONS = (1 << 3) | (1 << 6) | (1 << 8);
/** Kafka's "not requested" value for authorized-operations fields. */
const AUTHORIZED_OPERATIONS_OMITTED = -2147483648;

export function createDescribeGroupsHandler(coordinator: GroupCoordinator) {
  return defineHandler({
    api: DescribeGroupsApi,
    minVersion: 0,
    maxVersion: 5,
    handle(request, { apiVersion }) {
      const authorizedOperations = apiVersion >= 3 && request.includeAuthorizedOperations ? GROUP_OPERATIONS : AUTHORIZED_OPERATIONS_OMITTED;
      return { throttleTimeMs: 0, groups: coordinator.describeGroups(request.groups).map((group) => ({ ...group, authorizedOperations })) };
    },
  });
}
