/**
 * Every handler of the group coordinator, for the request router to serve:
 * FindCoordinator v0–6, JoinGroup v0–9, SyncGroup v0–5, Heartbeat v0–4, LeaveGroup v0–5,
 * OffsetCommit v0–9, OffsetFetch v0–9, ListGroups v0–5, DescribeGroups v0–5, DeleteGroups v0–2,
 * OffsetDelete v0.
 */
import type { GroupCoordinator } from '../groups/group-coordinator';
import type { ApiHandler } from './api-handler';
import { createFindCoordinatorHandler } from './find-coordinator-handler';
import { createDeleteGroupsHandler } from './group-delete-handler';
import { createDescribeGroupsHandler } from './group-describe-handler';
import { createHeartbeatHandler } from './group-heartbeat-handler';
import { createJoinGroupHandler } from './group-join-handler';
import { createLeaveGroupHandler } from './group-leave-handler';
import { createListGroupsHandler } from './group-list-handler';
import { createSyncGroupHandler } from './group-sync-handler';
import { createOffsetCommitHandler } from './offset-commit-handler';
import { createOffsetDeleteHandler } from './offset-delete-handler';
import { createOffsetFetchHandler } from './offset-fetch-handler';

export function createGroupHandlers(coordinator: GroupCoordinator): ApiHandler[] {
  return [
    createOffsetCommitHandler(coordinator),
    createOffsetFetchHandler(coordinator),
    createFindCoordinatorHandler(coordinator),
    createJoinGroupHandler(coordinator),
    createHeartbeatHandler(coordinator),
    createLeaveGroupHandler(coordinator),
    createSyncGroupHandler(coordinator),
    createDescribeGroupsHandler(coordinator),
    createListGroupsHandler(coordinator),
    createDeleteGroupsHandler(coordinator),
    createOffsetDeleteHandler(coordinator),
  ] as ApiHandler[];
}
