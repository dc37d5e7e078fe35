import type { AppState } from '../app-state';

/** Stable references (the store replaces them on change), so no `useShallow` is needed. */
export const selectGroupList = (state: AppState) => state.groupList;
export const selectGroupsTotal = (state: AppState) => state.groupsTotal;
export const selectGroupListLoaded = (state: AppState) => state.groupListLoaded;
export const selectGroupListError = (state: AppState) => state.groupListError;

export const selectOpenGroupId = (state: AppState) => state.openGroupId;
export const selectOpenGroupDetail = (state: AppState) => state.openGroupDetail;
export const selectOpenGroupError = (state: AppState) => state.openGroupError;
export const selectOpenGroupGone = (state: AppState) => state.openGroupGone;
/** The open group's summary: from the pushed list (fresher) or its last description. */
export const selectOpenGroupSummary = (state: AppState) =>
  (state.openGroupId === null ? undefined : state.groupList.find((group) => group.groupId === state.openGroupId)) ?? state.openGroupDetail?.summary ?? null;
export const selectLagHistory = (state: AppState) => state.lagHistory;

export const selectTopicLag = (state: AppState) => state.topicLag;
export const selectTopicLagError = (state: AppState) => state.topicLagError;

/** The groups actions (stable functions): select with `useShallow`. */
export const selectGroupsActions = (state: AppState) => ({
  openGroup: state.openGroup,
  closeGroup: state.closeGroup,
  watchTopicLag: state.watchTopicLag,
  previewReset: state.previewReset,
  resetOffsets: state.resetOffsets,
  deleteGroup: state.deleteGroup,
});
