/**
 * Messages actions: the one way the view's query changes (from the toolbar, a link or the URL),
 * the reads each query needs, and the long operations, each cancellable and bounded.
 *
 * - Browse: one `messages.browse` (or `messages.page` for a cursor) per query; only the answer to
 *   the latest read lands.
 * - Search: `messages.searchStart`, then a polling loop (`searchPoll` waits on the host up to
 *   SEARCH_POLL_WAIT_MS for something new, and polls are at least `minPollIntervalMs` apart), so
 *   matches land in batches, a few times a second at most, never one render per record. The loop
 *   stops when the search ends and its matches are all read, when it is cancelled, when the query
 *   changes, or when the view is left (a search still running on the host is then cancelled).
 * - The open record is read whole by `messages.get` (a large one only when asked), and as hex
 *   when its Hex tab is opened.
 * - Export: `messages.exportStart` (the desktop app asks where to save first; `started: false`
 *   when the user cancels that), then polled to the end.
 */
import type { StoreApi } from 'zustand/vanilla';
import { MAX_SEARCH_MATCHES, type ContractError, type ExportFormat, type MessageRecord } from '../../../../electron/contract';
import type { HostApi } from '../../api/host-api';
import { describeError, type AppState } from '../app-state';
import { settle, type ActionResult } from '../action-result';
import { latestRead } from '../latest-read';
import { exportRange, forwardStart, type ExportScope } from './export-request';
import { isSearch, queryKey, sameRecordKey, type MessagesQuery, type RecordKey } from './messages-query';
import { LARGE_FIELD_BYTES, MESSAGES_PAGE_SIZE, type MessagesProblem, type RecordDetail, type SearchState } from './state';

/** How long one search or export poll may wait on the host for something new. */
export const SEARCH_POLL_WAIT_MS = 500;

export interface MessagesOptions {
  /** Least time between two polls of one search or export (bounds how often matches render). */
  minPollIntervalMs?: number;
}

export interface MessagesActions {
  /** Shows the Messages view on `query` with `record` open, reading only what is not read yet. */
  showMessages(query: MessagesQuery, record?: RecordKey | null): void;
  /** The view is shown: reads what its query asks for, unless that is read already. */
  enterMessages(): void;
  /** Changes the query (topic, partitions, start, decoding, filters, end): back to the first page. */
  changeMessagesQuery(patch: Partial<Omit<MessagesQuery, 'cursor'>>): void;
  /** The page before (`older`) or after (`newer`) the one shown. */
  pageMessages(toward: 'older' | 'newer'): void;
  /** Opens a record's detail (null closes it). */
  openRecord(key: RecordKey | null): void;
  /** Reads the open record whole (a large one shows its preview until asked). */
  loadWholeRecord(): void;
  /** Reads the open record's key, value and headers as hex. */
  loadRecordHex(): void;
  /** Stops the running search; the matches found so far stay. */
  cancelSearch(): Promise<void>;
  /** Reads again what the view shows (after reconnecting, or the Refresh button). */
  reloadMessages(): void;
  /** The view was left: polling stops, a running search is cancelled, a return reads afresh. */
  leaveMessages(): void;
  /** Exports the page shown or the whole range (a search: its matches) in `format`. */
  startExport(format: ExportFormat, scope: ExportScope): Promise<ActionResult<{ started: boolean }>>;
  cancelExport(): Promise<void>;
  /** Forgets the export (the dialog closed); one still running is cancelled. */
  closeExport(): void;
}

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

const EMPTY_RECORDS: MessageRecord[] = [];

const problemOf = (error: ContractError): MessagesProblem => ({ message: error.message, reason: error.reason ?? null });
const thrownProblem = (error: unknown): MessagesProblem => ({ message: describeError(error), reason: null });
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The records the table shows: the tail's rows, the search's matches, else the page's. */
export function shownRecords(state: AppState): MessageRecord[] {
  if (state.messagesQuery.mode === 'tail') return state.tail?.rows ?? EMPTY_RECORDS;
  return state.messagesSearch ? state.messagesSearch.matches : (state.messagesPage?.records ?? EMPTY_RECORDS);
}

export function createMessagesActions(api: HostApi, set: Set, get: Get, options: MessagesOptions = {}): MessagesActions {
  const minPollIntervalMs = options.minPollIntervalMs ?? 250;
  const pageReads = latestRead();
  const detailReads = latestRead();
  const hexReads = latestRead();
  /** The query whose records are shown or being read; null: nothing read (a return reads again). */
  let readKey: string | null = null;
  /** The record (and decoding) the detail shows or is reading. */
  let detailKey: string | null = null;
  let searchGeneration = 0;
  /** The host's search this page still has running (cancelled when it is no longer wanted). */
  let runningSearchId: string | null = null;
  let exportGeneration = 0;

  const stopSearch = () => {
    searchGeneration += 1;
    const searchId = runningSearchId;
    runningSearchId = null;
    if (searchId !== null) void api.contract.messages.searchCancel({ searchId }).catch(() => undefined);
  };

  const updateSearch = (generation: number, patch: Partial<SearchState>) => {
    const search = get().messagesSearch;
    if (generation !== searchGeneration || !search) return;
    set({ messagesSearch: { ...search, ...patch } });
  };

  const readPage = (query: MessagesQuery) => {
    const topic = query.topic!;
    set({ messagesLoading: true, messagesError: null, messagesSearch: null });
    const limit = MESSAGES_PAGE_SIZE;
    const request = () =>
      query.cursor
        ? api.contract.messages.page({ topic, cursor: query.cursor, limit, decode: query.decoding })
        : api.contract.messages.browse({ topic, partitions: query.partitions, start: query.start, limit, decode: query.decoding });
    const key = queryKey(query);
    void pageReads.run(request, () => readKey === key, {
      ok: (page) => {
        set({ messagesPage: page, messagesLoading: false, messagesError: null });
        refreshDetailPreview();
      },
      failed: (error) => set({ messagesPage: null, messagesLoading: false, messagesError: problemOf(error) }),
      thrown: (error) => set({ messagesPage: null, messagesLoading: false, messagesError: thrownProblem(error) }),
    });
  };

  const pollSearch = async (generation: number, searchId: string) => {
    while (generation === searchGeneration) {
      const began = Date.now();
      const after = get().messagesSearch?.matches.length ?? 0;
      let result;
      try {
        result = await api.contract.messages.searchPoll({ searchId, after, waitMs: SEARCH_POLL_WAIT_MS });
      } catch (error) {
        updateSearch(generation, { error: { message: `lost touch with the search: ${describeError(error)}`, reason: null } });
        return;
      }
      const search = get().messagesSearch;
      if (generation !== searchGeneration || !search) return;
      if (!result.ok) {
        if (runningSearchId === searchId) runningSearchId = null;
        updateSearch(generation, { error: problemOf(result.error) });
        return;
      }
      const { matches, problems, progress } = result.value;
      set({ messagesSearch: { ...search, matches: matches.length > 0 ? search.matches.concat(matches).slice(0, MAX_SEARCH_MATCHES) : search.matches, problems, progress } });
      if (progress.state !== 'running') {
        if (runningSearchId === searchId) runningSearchId = null;
        // Ended: read on only while matches are still waiting (more than one poll carries).
        if (matches.length === 0 || after + matches.length >= progress.matched) return;
        continue;
      }
      const elapsed = Date.now() - began;
      if (elapsed < minPollIntervalMs) await wait(minPollIntervalMs - elapsed);
    }
  };

  const runSearch = async (query: MessagesQuery) => {
    const generation = ++searchGeneration;
    set({ messagesSearch: { searchId: null, matches: [], problems: [], progress: null, error: null }, messagesPage: null, messagesLoading: false, messagesError: null });
    let result;
    try {
      result = await api.contract.messages.searchStart({
        topic: query.topic!,
        partitions: query.partitions,
        start: forwardStart(query.start),
        end: query.end,
        filters: query.filters,
        decode: query.decoding,
        limit: MAX_SEARCH_MATCHES,
      });
    } catch (error) {
      updateSearch(generation, { error: thrownProblem(error) });
      return;
    }
    if (generation !== searchGeneration) {
      if (result.ok) void api.contract.messages.searchCancel({ searchId: result.value.searchId }).catch(() => undefined);
      return;
    }
    if (!result.ok) {
      updateSearch(generation, { error: problemOf(result.error) });
      return;
    }
    runningSearchId = result.value.searchId;
    updateSearch(generation, { searchId: result.value.searchId });
    await pollSearch(generation, result.value.searchId);
  };

  /** Reads what `query` shows, unless that is already shown or being read. */
  const read = (query: MessagesQuery, force = false) => {
    const key = queryKey(query);
    if (!force && key === readKey) return;
    readKey = key;
    stopSearch();
    if (query.topic === null || query.mode === 'tail') {
      pageReads.supersede();
      set({ messagesPage: null, messagesLoading: false, messagesError: null, messagesSearch: null });
      return;
    }
    if (isSearch(query)) {
      pageReads.supersede();
      void runSearch(query);
    } else readPage(query);
  };

  const detailKeyOf = (state: AppState) => {
    const { messagesQuery: query, messagesRecordKey: key } = state;
    return query.topic === null || key === null ? null : JSON.stringify([query.topic, key.partition, key.offset, query.decoding]);
  };

  const updateDetail = (key: string, patch: Partial<RecordDetail>) => {
    const detail = get().messagesDetail;
    if (detail && detailKey === key) set({ messagesDetail: { ...detail, ...patch } });
  };

  const readWhole = () => {
    const detail = get().messagesDetail;
    const key = detailKey;
    if (!detail || key === null) return;
    const { topic, key: record } = detail;
    updateDetail(key, { loading: true, error: null });
    void detailReads.run(
      () => api.contract.messages.get({ topic, partition: record.partition, offset: record.offset, decode: get().messagesQuery.decoding }),
      () => detailKey === key,
      {
        ok: (answer) =>
          updateDetail(key, {
            loading: false,
            record: answer.record ?? (answer.problem ? null : get().messagesDetail?.record ?? null),
            whole: answer.record !== null,
            problem: answer.problem,
            error:
              answer.record === null && answer.problem === null
                ? { message: `partition ${record.partition} of "${topic}" has no record at offset ${record.offset} (deleted by retention or a purge, or not written yet)`, reason: 'NO_RECORD' }
                : null,
          }),
        failed: (error) => updateDetail(key, { loading: false, error: problemOf(error) }),
        thrown: (error) => updateDetail(key, { loading: false, error: thrownProblem(error) }),
      },
    );
  };

  /** Opens, switches or closes the detail to match the record key and decoding in the state. */
  const syncDetail = () => {
    const state = get();
    const key = detailKeyOf(state);
    if (key === detailKey) return;
    detailKey = key;
    detailReads.supersede();
    hexReads.supersede();
    if (key === null) {
      set({ messagesDetail: null });
      return;
    }
    const recordKey = state.messagesRecordKey!;
    const preview = shownRecords(state).find((record) => record.partition === recordKey.partition && record.offset === recordKey.offset) ?? null;
    set({
      messagesDetail: { topic: state.messagesQuery.topic!, key: recordKey, record: preview, whole: false, loading: false, problem: null, error: null, hex: null, hexLoading: false, hexError: null },
    });
    const large = preview !== null && (preview.value.bytes > LARGE_FIELD_BYTES || preview.key.bytes > LARGE_FIELD_BYTES);
    if (!large) readWhole();
  };

  /** A detail opened before its page arrived gets the row's preview, if it is there now. */
  const refreshDetailPreview = () => {
    const detail = get().messagesDetail;
    if (!detail || detail.record !== null || detail.loading === false) return;
    const preview = shownRecords(get()).find((record) => record.partition === detail.key.partition && record.offset === detail.key.offset);
    if (preview && detailKey !== null) updateDetail(detailKey, { record: preview });
  };

  const pollExport = async (generation: number, exportId: string) => {
    while (generation === exportGeneration) {
      const began = Date.now();
      let result;
      try {
        result = await api.contract.messages.exportPoll({ exportId, waitMs: SEARCH_POLL_WAIT_MS * 2 });
      } catch (error) {
        if (generation === exportGeneration) updateExport({ error: { message: `lost touch with the export: ${describeError(error)}`, reason: null } });
        return;
      }
      if (generation !== exportGeneration) return;
      if (!result.ok) {
        updateExport({ error: problemOf(result.error) });
        return;
      }
      updateExport({ progress: result.value });
      if (result.value.state !== 'running') return;
      const elapsed = Date.now() - began;
      if (elapsed < minPollIntervalMs) await wait(minPollIntervalMs - elapsed);
    }
  };

  const updateExport = (patch: Partial<NonNullable<AppState['messagesExport']>>) => {
    const current = get().messagesExport;
    if (current) set({ messagesExport: { ...current, ...patch } });
  };

  return {
    showMessages(query, record = null) {
      set({ activeView: 'messages', messagesQuery: query, messagesRecordKey: record });
      read(query);
      get().syncTail();
      get().followMessagesTopic();
      syncDetail();
    },
    enterMessages() {
      read(get().messagesQuery);
      get().syncTail();
      syncDetail();
    },
    changeMessagesQuery(patch) {
      const current = get().messagesQuery;
      const topicChanged = patch.topic !== undefined && patch.topic !== current.topic;
      const query: MessagesQuery = { ...current, ...(topicChanged ? { partitions: null } : {}), ...patch, cursor: null };
      set({ messagesQuery: query, ...(topicChanged ? { messagesRecordKey: null } : {}) });
      read(query);
      get().syncTail();
      get().followMessagesTopic();
      syncDetail();
    },
    pageMessages(toward) {
      const cursor = get().messagesPage?.[toward];
      if (!cursor) return;
      const query = { ...get().messagesQuery, cursor };
      set({ messagesQuery: query });
      read(query);
    },
    openRecord(key) {
      if (sameRecordKey(key, get().messagesRecordKey)) return;
      // The detail and the produce panel share the right-hand side.
      set({ messagesRecordKey: key, ...(key !== null && get().producePanel !== null ? { producePanel: null } : {}) });
      syncDetail();
    },
    loadWholeRecord() {
      readWhole();
    },
    loadRecordHex() {
      const detail = get().messagesDetail;
      const key = detailKey;
      if (!detail || key === null || detail.hexLoading) return;
      updateDetail(key, { hexLoading: true, hexError: null });
      void hexReads.run(
        () => api.contract.messages.get({ topic: detail.topic, partition: detail.key.partition, offset: detail.key.offset, decode: { key: 'hex', value: 'hex' } }),
        () => detailKey === key,
        {
          ok: (answer) =>
            updateDetail(key, {
              hexLoading: false,
              hex: answer.record ? { key: answer.record.key, value: answer.record.value, headers: answer.record.headers } : null,
              hexError: answer.record ? null : (answer.problem?.reason ?? 'the record is no longer there'),
            }),
          failed: (error) => updateDetail(key, { hexLoading: false, hexError: error.message }),
          thrown: (error) => updateDetail(key, { hexLoading: false, hexError: describeError(error) }),
        },
      );
    },
    async cancelSearch() {
      const search = get().messagesSearch;
      const searchId = search?.searchId;
      if (!searchId || search.progress?.state !== 'running') return;
      const generation = searchGeneration;
      if (runningSearchId === searchId) runningSearchId = null;
      const result = await settle(() => api.contract.messages.searchCancel({ searchId }));
      // The poll loop sees the end on its next answer; show it at once.
      if (result.ok) updateSearch(generation, { progress: result.value });
    },
    reloadMessages() {
      if (get().activeView !== 'messages') return;
      read(get().messagesQuery, true);
      if (get().messagesQuery.mode === 'tail') get().restartTail();
      const key = detailKey;
      if (key !== null) {
        detailKey = null;
        syncDetail();
      }
    },
    leaveMessages() {
      readKey = null;
      detailKey = null;
      stopSearch();
      get().stopTail();
      pageReads.supersede();
      detailReads.supersede();
      hexReads.supersede();
      set({ messagesLoading: false, messagesSearch: null, messagesPage: null, messagesDetail: null });
    },
    async startExport(format, scope) {
      const query = get().messagesQuery;
      const range = exportRange(query, scope, shownRecords(get()));
      if (range === null) return { ok: false, message: 'there is nothing to export: no topic, or no records shown', reason: null };
      const generation = ++exportGeneration;
      set({ messagesExport: { exportId: null, format, progress: null, error: null } });
      const result = await settle(() => api.contract.messages.exportStart({ ...range, decode: query.decoding, format }));
      if (generation !== exportGeneration) return { ok: true, value: { started: false } };
      if (!result.ok) {
        updateExport({ error: { message: result.message, reason: result.reason } });
        return result;
      }
      if (!result.value.started || result.value.exportId === null) {
        set({ messagesExport: null });
        return { ok: true, value: { started: false } };
      }
      updateExport({ exportId: result.value.exportId });
      void pollExport(generation, result.value.exportId);
      return { ok: true, value: { started: true } };
    },
    async cancelExport() {
      const current = get().messagesExport;
      if (!current?.exportId || (current.progress && current.progress.state !== 'running')) return;
      const generation = exportGeneration;
      const result = await settle(() => api.contract.messages.exportCancel({ exportId: current.exportId! }));
      if (generation === exportGeneration && result.ok) updateExport({ progress: result.value });
    },
    closeExport() {
      const current = get().messagesExport;
      if (current?.exportId && current.progress?.state !== 'done' && current.progress?.state !== 'failed' && current.progress?.state !== 'cancelled') {
        void api.contract.messages.exportCancel({ exportId: current.exportId }).catch(() => undefined);
      }
      exportGeneration += 1;
      set({ messagesExport: null });
    },
  };
}
