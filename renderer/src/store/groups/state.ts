import type { GroupDetail, GroupSummary, LagSample, TopicGroupLag } from '../../../../electron/contract';

/** Lag samples kept for the open group's chart: one a second for ten minutes. */
export const LAG_CHART_SAMPLES = 600;

export interface GroupsSliceState {
  /** Every group (at most MAX_GROUPS_LISTED), sorted by id, as last pushed or loaded. */
  groupList: GroupSummary[];
  groupsTotal: number;
  groupListLoaded: boolean;
  groupListError: string | null;

  /** The group whose page is open; null shows the list. */
  openGroupId: string | null;
  /** The open group's members and partitions, re-read when `groups.changed` names it. */
  openGroupDetail: GroupDetail | null;
  openGroupError: string | null;
  /** The open group no longer exists (deleted here or expired). */
  openGroupGone: boolean;
  /** The open group's total lag over time, oldest first, at most LAG_CHART_SAMPLES. */
  lagHistory: LagSample[];

  /** The topic whose consumers' lag the topic page shows, and that lag. */
  topicLagTopic: string | null;
  topicLag: TopicGroupLag[] | null;
  topicLagError: string | null;
}

export const initialGroupsState: GroupsSliceState = {
  groupList: [],
  groupsTotal: 0,
  groupListLoaded: false,
  groupListError: null,
  openGroupId: null,
  openGroupDetail: null,
  openGroupError: null,
  openGroupGone: false,
  lagHistory: [],
  topicLagTopic: null,
  topicLag: null,
  topicLagError: null,
};

/** What the open-group part of the state is reset to when a group is opened or closed. */
export function openGroupState(groupId: string | null): Partial<GroupsSliceState> {
  return { openGroupId: groupId, openGroupDetail: null, openGroupError: null, openGroupGone: false, lagHistory: [] };
}

/** `history` with `sample` appended, keeping the newest LAG_CHART_SAMPLES (a new array: the store's value is immutable). */
export function appendLagSample(history: LagSample[], sample: LagSample): LagSample[] {
  const last = history.at(-1);
  if (last && last.at >= sample.at) return history;
  const next = history.length >= LAG_CHART_SAMPLES ? history.slice(history.length - LAG_CHART_SAMPLES + 1) : history.slice();
  next.push(sample);
  return next;
}
