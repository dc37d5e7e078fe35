/**
 * Groups actions: the list (loaded, then replaced by each `groups.list` push), the open group's
 * page (re-read when `groups.changed` names it; its lag chart fed by `groups.lagSamples`), the
 * lag of the topic a topic page shows, and the operations (preview and apply an offset reset,
 * delete), which resolve to a `GroupActionResult` so the form that asked can show the host's
 * refusal as it is worded.
 *
 * Ordering: a pushed list wins over a load in flight; for the open group and the topic lag only
 * the answer to the latest read is applied.
 */
import type { StoreApi } from 'zustand/vanilla';
import {
  MAX_GROUPS_LISTED,
  type GroupList,
  type GroupsChanged,
  type LagSamples,
  type MethodRequest,
  type MethodResponse,
  type ResetPlan,
} from '../../../../electron/contract';
import type { HostApi } from '../../api/host-api';
import { describeError, type AppState } from '../app-state';
import { appendLagSample, LAG_CHART_SAMPLES, openGroupState } from './state';
import { settle, type ActionResult } from '../action-result';
import { latestRead } from '../latest-read';

export type GroupActionResult<T = undefined> = ActionResult<T>;

export interface GroupsActions {
  loadGroups(): Promise<void>;
  receiveGroupList(list: GroupList): void;
  receiveGroupChanges(changed: GroupsChanged): void;
  receiveLagSamples(samples: LagSamples): void;
  /** Opens a group's page (and the Groups view). */
  openGroup(groupId: string): void;
  closeGroup(): void;
  /** Re-reads the open group and the topic lag shown (after reconnecting). */
  reloadOpenGroup(): void;
  /** Shows the lag of the groups consuming `topic` (null: stop). */
  watchTopicLag(topic: string | null): void;
  previewReset(request: MethodRequest<'groups.previewReset'>): Promise<GroupActionResult<ResetPlan>>;
  resetOffsets(request: MethodRequest<'groups.resetOffsets'>): Promise<GroupActionResult<MethodResponse<'groups.resetOffsets'>>>;
  deleteGroup(groupId: string): Promise<GroupActionResult>;
}

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

export function createGroupsActions(api: HostApi, set: Set, get: Get): GroupsActions {
  let listRevision = 0;
  const readLatestGroup = latestRead();
  const readLatestTopicLag = latestRead();

  const applyList = (list: GroupList) => {
    const groups = list.groups.slice(0, MAX_GROUPS_LISTED);
    const open = get().openGroupId;
    const complete = list.total <= groups.length;
    const gone = open !== null && complete && !groups.some((group) => group.groupId === open);
    set({ groupList: groups, groupsTotal: list.total, groupListLoaded: true, groupListError: null, ...(gone ? { openGroupGone: true } : {}) });
  };

  const readGroup = async () => {
    const groupId = get().openGroupId;
    if (groupId === null) return;
    await readLatestGroup.run(() => api.contract.groups.describe({ groupId }), () => get().openGroupId === groupId, {
      ok: (detail) => {
        // The host's history is authoritative; keep any newer pushed samples it did not have yet.
        const pushed = get().lagHistory.filter((sample) => sample.at > (detail.lagHistory.at(-1)?.at ?? -1));
        const history = [...detail.lagHistory, ...pushed].slice(-LAG_CHART_SAMPLES);
        set({ openGroupDetail: detail, openGroupError: null, openGroupGone: false, lagHistory: history });
      },
      failed: (error) => set({ openGroupError: error.message, ...(error.reason === 'GROUP_NOT_FOUND' ? { openGroupGone: true } : {}) }),
      thrown: (error) => set({ openGroupError: describeError(error) }),
    });
  };

  const readTopicLag = async () => {
    const topic = get().topicLagTopic;
    if (topic === null) return;
    await readLatestTopicLag.run(() => api.contract.groups.lagForTopic({ topic }), () => get().topicLagTopic === topic, {
      ok: (lag) => set({ topicLag: lag.groups, topicLagError: null }),
      failed: (error) => set({ topicLagError: error.message }),
      thrown: (error) => set({ topicLagError: describeError(error) }),
    });
  };

  return {
    async loadGroups() {
      const asked = listRevision;
      try {
        const result = await api.contract.groups.list();
        if (listRevision !== asked) return;
        if (result.ok) applyList(result.value);
        else set({ groupListError: result.error.message });
      } catch (error) {
        if (listRevision === asked) set({ groupListError: describeError(error) });
      }
    },
    receiveGroupList(list) {
      listRevision += 1;
      applyList(list);
    },
    receiveGroupChanges(changed) {
      const open = get().openGroupId;
      if (open !== null && (changed.groups === 'all' || changed.groups.includes(open))) void readGroup();
      if (get().topicLagTopic === null) return;
      if (changed.groups === 'all' || changed.groups.length > 0) void readTopicLag();
    },
    receiveLagSamples(samples) {
      const open = get().openGroupId;
      if (open === null) return;
      const sample = samples.groups.find((group) => group.groupId === open);
      if (sample) set({ lagHistory: appendLagSample(get().lagHistory, { at: samples.at, lag: sample.lag }) });
    },
    openGroup(groupId) {
      set({ ...openGroupState(groupId), activeView: 'groups' });
      void readGroup();
    },
    closeGroup() {
      readLatestGroup.supersede();
      set(openGroupState(null));
    },
    reloadOpenGroup() {
      void readGroup();
      void readTopicLag();
    },
    watchTopicLag(topic) {
      readLatestTopicLag.supersede();
      set({ topicLagTopic: topic, topicLag: null, topicLagError: null });
      if (topic !== null) void readTopicLag();
    },
    previewReset(request) {
      return settle(() => api.contract.groups.previewReset(request));
    },
    async resetOffsets(request) {
      const result = await settle(() => api.contract.groups.resetOffsets(request));
      if (result.ok && get().openGroupId === request.groupId) void readGroup();
      return result;
    },
    async deleteGroup(groupId) {
      const result = await settle(() => api.contract.groups.delete({ groupId }));
      if (!result.ok) return result;
      set({ groupList: get().groupList.filter((group) => group.groupId !== groupId) });
      if (get().openGroupId === groupId) set({ openGroupGone: true });
      return { ok: true, value: undefined };
    },
  };
}
