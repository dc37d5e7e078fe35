/**
 * ListGroups (key 16), v0–v5: every group this broker coordinates, with its protocol type;
 * v4+ filter by state (case-insensitive), v5+ by group type (all groups here are "classic").
 */
import type { GroupCoordinator } from '../groups/group-coordinator';
import { ListGroupsApi } from '../protocol/generated/index';
import { defineHandler } from './api-handler';

export function createListGroupsHandler(coordinator: GroupCoordinator) {
  return defineHandler({
    api: ListGroupsApi,
    minVersion: 0,
    maxVersion: 5,
    handle(request, { apiVersion }) {
      const result = coordinator.listGroups(apiVersion >= 4 ? request.statesFilter : [], apiVersion >= 5 ? request.typesFilter : []);
      return { throttleTimeMs: 0, errorCode: result.errorCode, groups: result.groups };
    },
  });
}
