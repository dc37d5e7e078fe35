/**
 * DeleteGroups (key 42), v0–v2: deletes groups that have no members, with their offsets
 * (NON_EMPTY_GROUP while members remain, GROUP_ID_NOT_FOUND for unknown groups). Answered once
 * the deletions are durable.
 */
import type { GroupCoordinator } from '../groups/group-coordinator';
import { DeleteGroupsApi } from '../protocol/generated/index';
import { defineHandler } from './api-handler';

export function createDeleteGroupsHandler(coordinator: GroupCoordinator) {
  return defineHandler({
    api: DeleteGroupsApi,
    minVersion: 0,
    maxVersion: 2,
    async handle(request) {
      return { throttleTimeMs: 0, results: await coordinator.deleteGroups(request.groupsNames) };
    },
  });
}
