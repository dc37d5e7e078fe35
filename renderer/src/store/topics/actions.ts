/**
 * Topics actions: the list (loaded, then replaced by each `topics.list` push), the open topic's
 * page (its partitions, one page at a time, and its configs, re-read when `topics.changed` names
 * it), and the admin operations, which resolve to a `TopicActionResult` so the form that asked
 * can show the host's refusal as it is.
 *
 * Ordering: a pushed list always wins over a load that was in flight when it arrived; for the
 * open topic only the answer to the latest read is applied, so a slow read never steps back.
 */
import type { StoreApi } from 'zustand/vanilla';
import {
  MAX_TOPICS_LISTED,
  type DeleteRecordsTarget,
  type MethodRequest,
  type TopicList,
  type TopicsChanged,
  type TopicSummary,
} from '../../../../electron/contract';
import type { HostApi } from '../../api/host-api';
import { describeError, type AppState } from '../app-state';
import { openTopicState, PARTITIONS_PAGE_SIZE } from './state';
import { settle, type ActionResult } from '../action-result';
import { latestRead } from '../latest-read';

export type TopicActionResult<T = undefined> = ActionResult<T>;

export interface TopicsActions {
  /** Fetches the list (on start-up and after reconnecting). */
  loadTopics(): Promise<void>;
  /** Applies a pushed `topics.list` event. */
  receiveTopicList(list: TopicList): void;
  /** Applies a pushed `topics.changed` event: re-reads what the open page shows, if it changed. */
  receiveTopicChanges(changed: TopicsChanged): void;
  /** Opens a topic's page (and the Topics view). */
  openTopic(name: string): void;
  /** Back to the list. */
  closeTopic(): void;
  /** Shows the page of partitions starting at `offset`. */
  showPartitionsPage(offset: number): Promise<void>;
  /** Re-reads the open topic's partitions and configs (after reconnecting). */
  reloadOpenTopic(): void;
  createTopic(request: MethodRequest<'topics.create'>): Promise<TopicActionResult<TopicSummary>>;
  deleteTopic(name: string): Promise<TopicActionResult>;
  addPartitions(name: string, totalCount: number): Promise<TopicActionResult<TopicSummary>>;
  setTopicConfig(name: string, config: string, value: string): Promise<TopicActionResult>;
  resetTopicConfig(name: string, config: string): Promise<TopicActionResult>;
  /** Purges records below the given offsets; `clampToHighWatermark` empties partitions that hold fewer. */
  deleteRecords(name: string, targets: DeleteRecordsTarget[], clampToHighWatermark?: boolean): Promise<TopicActionResult<Array<{ partition: number; logStartOffset: number }>>>;
}

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

/** The list with `summary` put in its place by name (or added, keeping the order). */
function upsert(list: TopicSummary[], summary: TopicSummary): TopicSummary[] {
  const index = list.findIndex((topic) => topic.name >= summary.name);
  if (index === -1) return [...list, summary];
  if (list[index].name === summary.name) return list.map((topic, i) => (i === index ? summary : topic));
  return [...list.slice(0, index), summary, ...list.slice(index)];
}

export function createTopicsActions(api: HostApi, set: Set, get: Get): TopicsActions {
  let listRevision = 0;
  const readLatestPartitions = latestRead();
  const readLatestConfigs = latestRead();

  const applyList = (list: TopicList) => {
    const topics = list.topics.slice(0, MAX_TOPICS_LISTED);
    const open = get().openTopicName;
    const summary = open === null ? undefined : topics.find((topic) => topic.name === open);
    const complete = list.total <= topics.length;
    set({
      topicList: topics,
      topicsTotal: list.total,
      topicListLoaded: true,
      topicListError: null,
      ...(open === null ? {} : summary ? { openTopicSummary: summary, openTopicGone: false } : complete ? { openTopicGone: true } : {}),
    });
  };

  const readPartitions = async (offset: number) => {
    const name = get().openTopicName;
    if (name === null) return;
    await readLatestPartitions.run(() => api.contract.topics.listPartitions({ name, offset, limit: PARTITIONS_PAGE_SIZE }), () => get().openTopicName === name, {
      ok: (page) => set({ partitionsOffset: page.offset, topicPartitions: page.partitions, openTopicSummary: page.topic, topicPartitionsError: null, openTopicGone: false }),
      failed: (error) => set({ topicPartitionsError: error.message, ...(error.reason === 'UNKNOWN_TOPIC_OR_PARTITION' ? { openTopicGone: true } : {}) }),
      thrown: (error) => set({ topicPartitionsError: describeError(error) }),
    });
  };

  const readConfigs = async () => {
    const name = get().openTopicName;
    if (name === null) return;
    await readLatestConfigs.run(() => api.contract.topics.describeConfigs({ name }), () => get().openTopicName === name, {
      ok: (configs) => set({ topicConfigs: configs.configs, topicConfigsError: null }),
      failed: (error) => set({ topicConfigsError: error.message }),
      thrown: (error) => set({ topicConfigsError: describeError(error) }),
    });
  };

  /** Applies an alterConfigs answer, if the page still shows that topic. */
  const alterConfigs = async (name: string, operations: MethodRequest<'topics.alterConfigs'>['operations']): Promise<TopicActionResult> => {
    const result = await settle(() => api.contract.topics.alterConfigs({ name, operations }));
    if (!result.ok) return result;
    if (get().openTopicName === name) {
      readLatestConfigs.supersede();
      set({ topicConfigs: result.value.configs, topicConfigsError: null });
    }
    return { ok: true, value: undefined };
  };

  return {
    async loadTopics() {
      const asked = listRevision;
      try {
        const result = await api.contract.topics.list();
        if (listRevision !== asked) return;
        if (result.ok) applyList(result.value);
        else set({ topicListError: result.error.message });
      } catch (error) {
        if (listRevision === asked) set({ topicListError: describeError(error) });
      }
    },
    receiveTopicList(list) {
      listRevision += 1;
      applyList(list);
    },
    receiveTopicChanges(changed) {
      const name = get().openTopicName;
      if (name === null) return;
      if (changed.topics === 'all' || changed.topics.includes(name)) void readPartitions(get().partitionsOffset);
      if (changed.configs === 'all' || changed.configs.includes(name)) void readConfigs();
    },
    openTopic(name) {
      const summary = get().topicList.find((topic) => topic.name === name) ?? null;
      set({ ...openTopicState(name), openTopicSummary: summary, activeView: 'topics' });
      void readPartitions(0);
      void readConfigs();
    },
    closeTopic() {
      readLatestPartitions.supersede();
      readLatestConfigs.supersede();
      set(openTopicState(null));
    },
    showPartitionsPage(offset) {
      return readPartitions(Math.max(0, offset));
    },
    reloadOpenTopic() {
      void readPartitions(get().partitionsOffset);
      void readConfigs();
    },
    async createTopic(request) {
      const result = await settle(() => api.contract.topics.create(request));
      if (result.ok && !request.validateOnly) set({ topicList: upsert(get().topicList, result.value) });
      return result;
    },
    async deleteTopic(name) {
      const result = await settle(() => api.contract.topics.delete({ name }));
      if (!result.ok) return result;
      set({ topicList: get().topicList.filter((topic) => topic.name !== name) });
      if (get().openTopicName === name) set({ openTopicGone: true });
      return { ok: true, value: undefined };
    },
    async addPartitions(name, totalCount) {
      const result = await settle(() => api.contract.topics.createPartitions({ name, totalCount }));
      if (result.ok) {
        set({ topicList: upsert(get().topicList, result.value) });
        if (get().openTopicName === name) {
          set({ openTopicSummary: result.value });
          void readPartitions(get().partitionsOffset);
        }
      }
      return result;
    },
    setTopicConfig(name, config, value) {
      return alterConfigs(name, [{ op: 'SET', name: config, value }]);
    },
    resetTopicConfig(name, config) {
      return alterConfigs(name, [{ op: 'DELETE', name: config }]);
    },
    async deleteRecords(name, targets, clampToHighWatermark) {
      const result = await settle(() => api.contract.topics.deleteRecords({ name, partitions: targets, clampToHighWatermark }));
      if (!result.ok) return result;
      if (get().openTopicName === name) void readPartitions(get().partitionsOffset);
      return { ok: true, value: result.value.partitions };
    },
  };
}
