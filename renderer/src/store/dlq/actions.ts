/**
 * Dead-letters actions: the DLQ topics (loaded, then replaced by each `dlq.topics` push), the
 * view's place (topic, filter, open dead letter; the URL mirrors it) and the reads it needs, the
 * selection, and the "seen" counts behind the sidebar's badge. Jobs (replay, export) and discard
 * are in job-actions.ts, the sweeper and its policies in sweeper-actions.ts.
 *
 * - The list is read a page (`pageSize`, MAX_DEAD_LETTER_PAGE unless told) at a time, for the
 *   rows in view: `loadDeadLetterRows` asks for the pages that hold them; the pages farthest
 *   from them are dropped past MAX_HELD_PAGES. A new topic or filter starts the list afresh
 *   (answers for the old one are dropped); a refresh re-reads the pages in view and keeps
 *   showing the old rows until the new ones land.
 * - A `dlq.topics` push that changes the shown topic's counts (a dead letter arrived, a replay
 *   or discard elsewhere) refreshes the summary, the rows in view, the open dead letter and the
 *   sweeper's status, at most once per `minRefreshIntervalMs`.
 * - Seen: while the view is shown, every DLQ topic's record count is "seen" (stored through the
 *   SeenDeadLetterStore, the page's localStorage in the app).
 */
import type { StoreApi } from 'zustand/vanilla';
import { MAX_DEAD_LETTER_PAGE, MAX_SELECTED_DEAD_LETTERS, noDeadLetterFilter, type DeadLetterFilter, type DeadLetterSelection, type DeadLetterTopic } from '../../../../electron/contract';
import type { HostApi } from '../../api/host-api';
import { memorySeenDeadLetters, type SeenDeadLetterStore } from '../../api/seen-dead-letters';
import { describeError, type AppState } from '../app-state';
import { latestRead } from '../latest-read';
import { DEFAULT_DECODING } from '../messages/messages-query';
import { keepNearest, pagesCovering } from './dead-letter-pages';
import { sameSeen, seenOf } from './seen-counts';
import { deadLetterKeyText, emptyDeadLetterList, MAX_HELD_PAGES, noDeadLetterChoice, sameDeadLetterKey, type DeadLetterDetail, type DeadLetterKey } from './state';

export interface DlqOptions {
  /** Where "seen" counts are kept (the app passes the page's localStorage); default: memory. */
  seenStore?: SeenDeadLetterStore;
  /** Dead letters per `dlq.list` call. */
  pageSize?: number;
  /** Least time between two refreshes caused by pushes. */
  minRefreshIntervalMs?: number;
  /** Least time between two polls of a job. */
  minPollIntervalMs?: number;
}

export interface DlqViewActions {
  /** Fetches the DLQ topics (on start-up and after reconnecting). */
  loadDeadLetterTopics(): Promise<void>;
  /** Applies a pushed `dlq.topics` event. */
  receiveDeadLetterTopics(payload: { topics: DeadLetterTopic[] }): void;
  /** Shows the Dead letters view on a topic (null: the first one), a filter and an open dead letter. */
  showDeadLetters(topic: string | null, filter?: DeadLetterFilter, record?: DeadLetterKey | null): void;
  /** The view is shown: reads what it needs, unless that is read already; counts as seen. */
  enterDeadLetters(): void;
  /** The view was left: reads in flight are dropped, a return reads afresh. */
  leaveDeadLetters(): void;
  /** Another DLQ topic: its own filter (none), nothing chosen, nothing open. */
  chooseDeadLetterTopic(topic: string): void;
  /** Changes the filter: the list is read again from its first row; the selection is cleared. */
  changeDeadLetterFilter(patch: Partial<DeadLetterFilter>): void;
  /** Rows `from..to` of the list are in view: reads the pages holding them that are not held. */
  loadDeadLetterRows(from: number, to: number): void;
  /** Opens a dead letter's detail (null closes it). */
  openDeadLetter(key: DeadLetterKey | null): void;
  /** Reads again what the view shows, the DLQ topics aside (the Refresh button, a reconnect). */
  reloadDeadLetters(): void;
  /** Checks or unchecks dead letters by key. */
  checkDeadLetters(keys: DeadLetterKey[], checked: boolean): void;
  /** Chooses every dead letter matching the filter (a filter selection, however many). */
  chooseAllMatching(): void;
  clearDeadLetterChoice(): void;
}

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

/** Rows asked for before the list has reported what is in view. */
const FIRST_ROWS = 50;

const listKeyOf = (topic: string, filter: DeadLetterFilter) => JSON.stringify([topic, filter.reason, filter.sourceTopic, filter.from, filter.to, filter.state]);

const sameCounts = (a: DeadLetterTopic | undefined, b: DeadLetterTopic | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.records === b.records && a.dead === b.dead && a.replayed === b.replayed && a.discarded === b.discarded);

/** What an action applies to, as the contract takes it; null when nothing is chosen. */
export function selectionOf(state: AppState): DeadLetterSelection | null {
  const choice = state.dlqChoice;
  if (choice.kind === 'filter') return { kind: 'filter', filter: state.dlqFilter };
  if (choice.keys.size === 0) return null;
  const records = [...choice.keys]
    .map((text) => {
      const [partition, offset] = text.split(':').map(Number);
      return { partition, offset };
    })
    .sort((a, b) => a.partition - b.partition || a.offset - b.offset);
  return { kind: 'records', records };
}

export function createDlqViewActions(api: HostApi, set: Set, get: Get, options: DlqOptions = {}) {
  const dlq = () => api.contract.dlq;
  const seenStore = options.seenStore ?? memorySeenDeadLetters();
  const pageSize = Math.min(MAX_DEAD_LETTER_PAGE, options.pageSize ?? MAX_DEAD_LETTER_PAGE);
  const minRefreshIntervalMs = options.minRefreshIntervalMs ?? 1000;
  const summaryReads = latestRead();
  const detailReads = latestRead();
  let topicsRevision = 0;
  /** The topic and filter whose list is shown or being read; null: nothing read (a return reads again). */
  let listKey: string | null = null;
  /** Bumped whenever the list starts afresh or is refreshed: older answers are dropped. */
  let listGeneration = 0;
  const pagesInFlight = new Set<number>();
  let inView = { from: 0, to: FIRST_ROWS - 1 };
  /** The dead letter (of which topic) the detail shows or is reading. */
  let detailKey: string | null = null;
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;
  let lastRefreshAt = 0;

  const shown = () => get().activeView === 'dead-letters';
  const emptyList = () => ({ ...emptyDeadLetterList, pageSize });

  const markSeen = () => {
    const state = get();
    if (!shown() || !state.dlqTopicsLoaded) return;
    const seen = seenOf(state.dlqTopics);
    if (sameSeen(seen, state.dlqSeen)) return;
    set({ dlqSeen: seen });
    seenStore.write(seen);
  };

  /** No topic chosen yet: the view shows the first one (the URL is then written in place). */
  const pickFirstTopic = () => {
    const state = get();
    if (state.dlqTopic === null && shown() && state.dlqTopics.length > 0) set({ dlqTopic: state.dlqTopics[0].topic });
  };

  const readSummary = () => {
    const topic = get().dlqTopic;
    if (topic === null) return;
    void summaryReads.run(() => dlq().summary({ topic }), () => get().dlqTopic === topic && listKey !== null, {
      ok: (summary) => set({ dlqSummary: summary, dlqSummaryError: null }),
      failed: (error) => set({ dlqSummaryError: error.message }),
      thrown: (error) => set({ dlqSummaryError: describeError(error) }),
    });
  };

  const centerPage = () => Math.floor((inView.from + inView.to) / 2 / pageSize);

  const requestPage = (page: number) => {
    const { dlqTopic: topic, dlqFilter: filter } = get();
    if (topic === null || pagesInFlight.has(page)) return;
    const generation = listGeneration;
    pagesInFlight.add(page);
    if (!get().dlqList.loading) set({ dlqList: { ...get().dlqList, loading: true } });
    const landed = (patch: Partial<AppState['dlqList']>) => {
      if (generation !== listGeneration) return;
      pagesInFlight.delete(page);
      set({ dlqList: { ...get().dlqList, ...patch, loading: pagesInFlight.size > 0 } });
    };
    dlq()
      .list({ topic, filter, start: page * pageSize, limit: pageSize, decode: DEFAULT_DECODING })
      .then(
        (result) => {
          if (!result.ok) return landed({ error: result.error.message });
          const firstAnswer = get().dlqList.total === null;
          const pages = keepNearest({ ...get().dlqList.pages, [page]: result.value.deadLetters }, centerPage(), MAX_HELD_PAGES);
          landed({ pages, total: result.value.total, error: null });
          if (generation !== listGeneration) return;
          refreshDetailPreview();
          // Until the total is known, only the first page is asked for; now the rest in view.
          if (firstAnswer) requestRowsInView();
        },
        (error: unknown) => landed({ error: describeError(error) }),
      );
  };

  const requestRowsInView = () => {
    const total = get().dlqList.total;
    for (const page of total === null ? [0] : pagesCovering(inView.from, inView.to, pageSize, total)) {
      if (!(page in get().dlqList.pages)) requestPage(page);
    }
  };

  /** Reads the list of the topic and filter shown, unless that is shown or being read already. */
  const readList = (force = false) => {
    const { dlqTopic: topic, dlqFilter: filter } = get();
    const key = topic === null ? null : listKeyOf(topic, filter);
    if (!force && key === listKey) return;
    listKey = key;
    listGeneration += 1;
    pagesInFlight.clear();
    inView = { from: 0, to: FIRST_ROWS - 1 };
    summaryReads.supersede();
    set({ dlqList: emptyList(), ...(topic === null ? { dlqSummary: null, dlqSummaryError: null } : {}) });
    if (topic === null) return;
    if (get().dlqSummary?.topic !== topic) set({ dlqSummary: null, dlqSummaryError: null });
    readSummary();
    requestRowsInView();
  };

  /** Reads again the summary and the rows in view, showing the old ones until the new land. */
  const refreshList = () => {
    if (listKey === null || get().dlqTopic === null) return;
    listGeneration += 1;
    pagesInFlight.clear();
    const wanted = new Set(pagesCovering(inView.from, inView.to, pageSize, get().dlqList.total));
    const stale = Object.fromEntries(Object.entries(get().dlqList.pages).filter(([page]) => wanted.has(Number(page))));
    set({ dlqList: { ...get().dlqList, pages: stale } });
    readSummary();
    for (const page of wanted.size > 0 ? wanted : [0]) requestPage(page);
  };

  const refreshShown = () => {
    lastRefreshAt = Date.now();
    refreshList();
    if (detailKey !== null) {
      detailKey = null;
      syncDetail();
    }
    void get().loadSweeperStatus();
  };

  /** A refresh soon, at most one per `minRefreshIntervalMs` (pushes come up to ~5 a second). */
  const scheduleRefresh = () => {
    if (refreshTimer !== null) return;
    const wait = Math.max(0, lastRefreshAt + minRefreshIntervalMs - Date.now());
    if (wait === 0) return refreshShown();
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      if (shown() && listKey !== null) refreshShown();
    }, wait);
  };

  const detailKeyOf = (state: AppState) => (state.dlqTopic === null || state.dlqOpenKey === null ? null : JSON.stringify([state.dlqTopic, state.dlqOpenKey.partition, state.dlqOpenKey.offset]));

  const findRow = (key: DeadLetterKey) => {
    for (const page of Object.values(get().dlqList.pages)) {
      const found = page.find((row) => row.partition === key.partition && row.offset === key.offset);
      if (found) return found;
    }
    return null;
  };

  const updateDetail = (key: string, patch: Partial<DeadLetterDetail>) => {
    const detail = get().dlqDetail;
    if (detail && detailKey === key) set({ dlqDetail: { ...detail, ...patch } });
  };

  /** Opens, switches or closes the detail to match the open key in the state. */
  const syncDetail = () => {
    const state = get();
    const key = detailKeyOf(state);
    if (key === detailKey) return;
    detailKey = key;
    detailReads.supersede();
    if (key === null) {
      set({ dlqDetail: null });
      return;
    }
    const topic = state.dlqTopic!;
    const open = state.dlqOpenKey!;
    const previous = state.dlqDetail && state.dlqDetail.topic === topic && sameDeadLetterKey(state.dlqDetail.key, open) ? state.dlqDetail : null;
    set({
      dlqDetail: previous
        ? { ...previous, loading: true, error: null }
        : { topic, key: open, deadLetter: findRow(open), record: null, originalRetained: null, loading: true, error: null },
    });
    void detailReads.run(() => dlq().get({ topic, partition: open.partition, offset: open.offset, decode: DEFAULT_DECODING }), () => detailKey === key, {
      ok: (answer) =>
        updateDetail(key, {
          loading: false,
          deadLetter: answer.deadLetter ?? null,
          record: answer.record,
          originalRetained: answer.originalRetained,
          error: answer.deadLetter === null ? `partition ${open.partition} of "${topic}" has no dead letter at offset ${open.offset} (deleted by retention or a purge)` : null,
        }),
      failed: (error) => updateDetail(key, { loading: false, error: error.message }),
      thrown: (error) => updateDetail(key, { loading: false, error: describeError(error) }),
    });
  };

  /** A detail opened before its row was read gets the row, if it is there now. */
  const refreshDetailPreview = () => {
    const detail = get().dlqDetail;
    if (!detail || detail.deadLetter !== null || detailKey === null) return;
    const row = findRow(detail.key);
    if (row) updateDetail(detailKey, { deadLetter: row });
  };

  const applyTopics = (topics: DeadLetterTopic[]) => {
    const sorted = [...topics].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
    const before = get().dlqTopics;
    const topic = get().dlqTopic;
    const changed = topic !== null && !sameCounts(before.find((entry) => entry.topic === topic), sorted.find((entry) => entry.topic === topic));
    set({ dlqTopics: sorted, dlqTopicsLoaded: true, dlqTopicsError: null });
    markSeen();
    if (!shown()) return;
    if (get().dlqTopic === null) {
      pickFirstTopic();
      readList();
    } else if (changed && listKey !== null) scheduleRefresh();
  };

  const actions: DlqViewActions = {
    async loadDeadLetterTopics() {
      const revision = ++topicsRevision;
      try {
        const result = await dlq().topics({});
        if (revision !== topicsRevision) return;
        if (result.ok) applyTopics(result.value.topics);
        else set({ dlqTopicsError: result.error.message });
      } catch (error) {
        if (revision === topicsRevision) set({ dlqTopicsError: describeError(error) });
      }
    },

    receiveDeadLetterTopics(payload) {
      // A push is newer than any load in flight.
      topicsRevision += 1;
      applyTopics(payload.topics);
    },

    showDeadLetters(topic, filter = noDeadLetterFilter, record = null) {
      const state = get();
      const topicChanged = topic !== state.dlqTopic;
      set({
        activeView: 'dead-letters',
        dlqTopic: topic,
        dlqFilter: filter,
        dlqOpenKey: record,
        ...(topicChanged || listKeyOf(topic ?? '', filter) !== listKeyOf(state.dlqTopic ?? '', state.dlqFilter) ? { dlqChoice: noDeadLetterChoice } : {}),
      });
      pickFirstTopic();
      readList();
      syncDetail();
      markSeen();
    },

    enterDeadLetters() {
      if (!get().dlqTopicsLoaded) void actions.loadDeadLetterTopics();
      pickFirstTopic();
      readList();
      syncDetail();
      markSeen();
      void get().loadSweeperStatus();
    },

    leaveDeadLetters() {
      listKey = null;
      detailKey = null;
      listGeneration += 1;
      pagesInFlight.clear();
      summaryReads.supersede();
      detailReads.supersede();
      if (refreshTimer !== null) clearTimeout(refreshTimer);
      refreshTimer = null;
      set({ dlqList: emptyList(), dlqDetail: null });
    },

    chooseDeadLetterTopic(topic) {
      if (topic === get().dlqTopic) return;
      set({ dlqTopic: topic, dlqFilter: noDeadLetterFilter, dlqOpenKey: null, dlqChoice: noDeadLetterChoice, dlqSummary: null });
      readList();
      syncDetail();
    },

    changeDeadLetterFilter(patch) {
      const filter = { ...get().dlqFilter, ...patch };
      set({ dlqFilter: filter, dlqChoice: noDeadLetterChoice });
      readList();
    },

    loadDeadLetterRows(from, to) {
      if (listKey === null) return;
      inView = { from: Math.max(0, from), to: Math.max(from, to) };
      requestRowsInView();
    },

    openDeadLetter(key) {
      if (sameDeadLetterKey(key, get().dlqOpenKey)) return;
      set({ dlqOpenKey: key });
      syncDetail();
    },

    reloadDeadLetters() {
      if (!shown()) return;
      if (listKey === null) readList();
      else refreshShown();
    },

    checkDeadLetters(keys, checked) {
      const choice = get().dlqChoice;
      const next = new Set(choice.kind === 'records' ? choice.keys : []);
      for (const key of keys) {
        if (!checked) next.delete(deadLetterKeyText(key));
        else if (next.size < MAX_SELECTED_DEAD_LETTERS) next.add(deadLetterKeyText(key));
      }
      set({ dlqChoice: { kind: 'records', keys: next } });
    },

    chooseAllMatching() {
      set({ dlqChoice: { kind: 'filter' } });
    },

    clearDeadLetterChoice() {
      const choice = get().dlqChoice;
      if (choice.kind === 'filter' || choice.keys.size > 0) set({ dlqChoice: noDeadLetterChoice });
    },
  };

  return {
    actions,
    /** For the jobs: after a replay or discard, what the view shows changed. */
    refreshNow: () => {
      if (shown() && listKey !== null) refreshShown();
    },
  };
}
