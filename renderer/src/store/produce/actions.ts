/**
 * Produce actions: the produce panel (open, close, the form), sending the form's record, bulk
 * and import jobs (job-actions.ts), templates saved per topic, "Produce again" from a record,
 * the records checked for "Copy to topic…" and that copy, and "Copy as code".
 *
 * The panel produces to the Messages view's topic. Opening it closes the record detail (the two
 * share the right-hand side), and opening a record closes it. The form lives here, not in the
 * components, so "Produce again" can fill it from anywhere and it survives closing the panel.
 */
import type { StoreApi } from 'zustand/vanilla';
import { MAX_SEND_RECORDS, type MessageRecord, type ProduceSettings, type SnippetLanguage, type SnippetSubject } from '../../../../electron/contract';
import type { HostApi } from '../../api/host-api';
import { describeError, type AppState } from '../app-state';
import { settle, type ActionResult } from '../action-result';
import { latestRead } from '../latest-read';
import { createJobActions, type JobsConfig, type ProduceJobActions } from './job-actions';
import { bulkSizeOf, draftOfTemplate, recordOf, type DraftProblems, type ProduceDraft } from './produce-draft';
import { draftOfRecord, fieldsToRead } from './record-draft';
import { MAX_COPY_RECORDS, type ProduceTab, type SnippetCode } from './state';

export const SNIPPET_LANGUAGES: SnippetLanguage[] = ['kafka-python', 'confluent-kafka-python', 'kafkajs', 'kcat'];

export interface ProduceActions extends ProduceJobActions {
  /** Opens the produce panel on a tab (null closes it). */
  showProducePanel(tab: ProduceTab | null): void;
  /** Changes the form. */
  editProduceDraft(patch: Partial<ProduceDraft>): void;
  /** Empties the form (the settings are kept). */
  resetProduceDraft(): void;
  /** Sends the form's record; the problems in the form when it is not one yet. */
  sendProduceDraft(): Promise<ActionResult<undefined> | { ok: false; problems: DraftProblems }>;
  /** Starts a bulk run of the form as a template. */
  startBulkFromDraft(): Promise<ActionResult<string> | { ok: false; problems: DraftProblems }>;
  /** Fills the form from a record (read whole first where the table shows a preview) and opens the panel. */
  produceAgain(topic: string, record: MessageRecord): Promise<ActionResult<undefined>>;
  loadTemplates(topic: string): void;
  saveTemplate(name: string): Promise<ActionResult<undefined> | { ok: false; problems: DraftProblems }>;
  useTemplate(name: string): void;
  deleteTemplate(name: string): Promise<ActionResult<undefined>>;
  /** Checks or unchecks records for "Copy to topic…". */
  selectForCopy(keys: Array<{ partition: number; offset: number }>, checked: boolean): void;
  clearCopySelection(): void;
  /** Copies the checked records of the view's topic to `toTopic`. */
  copySelectionTo(toTopic: string, settings: ProduceSettings): Promise<ActionResult<string>>;
  /** Opens "Copy as code" for the form or a position, and reads the code in every language. */
  openSnippet(subject: SnippetSubject, title: string): void;
  closeSnippet(): void;
  /** The Messages view's topic may have changed: the selection is of the old one, the templates too. */
  followMessagesTopic(): void;
  /** Reads again what the open panel shows (the link to the host came back). */
  reloadProduce(): void;
}

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

const keyText = (key: { partition: number; offset: number }) => `${key.partition}:${key.offset}`;

export function createProduceActions(api: HostApi, set: Set, get: Get, config: JobsConfig = {}): ProduceActions {
  const produce = () => api.contract.produce;
  const jobs = createJobActions(api, set, get, { ...config, onJobEnded: (job) => job.kind !== 'copy' && showNewRecords(job.topic) });
  const templateReads = latestRead();
  let sendGeneration = 0;
  let snippetGeneration = 0;
  /** The topic the checked records are of. */
  let selectionTopic: string | null = null;

  const topicOf = () => get().messagesQuery.topic;

  /** A browse of the topic just produced to reads again, so what was sent shows (a tail shows it anyway). */
  const showNewRecords = (topic: string) => {
    const state = get();
    if (state.activeView === 'messages' && state.messagesQuery.topic === topic && state.messagesQuery.mode === 'browse' && state.messagesQuery.cursor === null) state.reloadMessages();
  };

  const setTemplates = (topic: string, patch: Partial<NonNullable<AppState['produceTemplates']>>) => {
    const current = get().produceTemplates;
    if (current?.topic === topic) set({ produceTemplates: { ...current, ...patch } });
  };

  const actions: ProduceActions = {
    ...jobs,

    showProducePanel(tab) {
      if (tab === get().producePanel) return;
      set({ producePanel: tab });
      if (tab !== null) {
        get().openRecord(null);
        const topic = topicOf();
        if (topic !== null && get().produceTemplates?.topic !== topic) actions.loadTemplates(topic);
      }
    },

    editProduceDraft(patch) {
      set({ produceDraft: { ...get().produceDraft, ...patch } });
    },

    resetProduceDraft() {
      const { settings, count, rate } = get().produceDraft;
      set({ produceDraft: { ...get().produceDraft, key: { text: '', encoding: 'text', isNull: true }, value: { text: '', encoding: 'json', isNull: false }, headers: [], timestamp: '', settings, count, rate }, produceDraftSource: null });
    },

    async sendProduceDraft() {
      const topic = topicOf();
      if (topic === null) return { ok: false, message: 'choose a topic to produce to', reason: null };
      const draft = get().produceDraft;
      const built = recordOf(draft);
      if ('problems' in built) return { ok: false, problems: built.problems };
      const generation = ++sendGeneration;
      set({ produceSend: { sending: true, topic, outcomes: null, error: null } });
      const result = await settle(() => produce().send({ topic, records: [built.record], settings: draft.settings }));
      if (generation !== sendGeneration) return { ok: true, value: undefined };
      if (!result.ok) {
        set({ produceSend: { sending: false, topic, outcomes: null, error: result.message } });
        return result;
      }
      set({ produceSend: { sending: false, topic, outcomes: result.value.outcomes.slice(0, MAX_SEND_RECORDS), error: null } });
      showNewRecords(topic);
      return { ok: true, value: undefined };
    },

    async startBulkFromDraft() {
      const topic = topicOf();
      if (topic === null) return { ok: false, message: 'choose a topic to produce to', reason: null };
      const draft = get().produceDraft;
      const built = recordOf(draft, true);
      const size = bulkSizeOf(draft);
      if ('problems' in built || 'problems' in size) return { ok: false, problems: { ...('problems' in built ? built.problems : {}), ...('problems' in size ? size.problems : {}) } };
      return jobs.startBulk(topic, built.record, draft.settings, size.count, size.ratePerSecond);
    },

    async produceAgain(topic, record) {
      const needs = fieldsToRead(record);
      let whole = record;
      let hex: MessageRecord | null = null;
      const position = { topic, partition: record.partition, offset: record.offset };
      if (needs.whole) {
        const read = await settle(() => api.contract.messages.get({ ...position, decode: get().messagesQuery.decoding }));
        if (!read.ok) return read;
        if (!read.value.record) return { ok: false, message: `partition ${record.partition} of "${topic}" has no record at offset ${record.offset} any more`, reason: 'NO_RECORD' };
        whole = read.value.record;
      }
      if (fieldsToRead(whole).hex || fieldsToRead(whole).whole) {
        const read = await settle(() => api.contract.messages.get({ ...position, decode: { key: 'hex', value: 'hex' } }));
        if (read.ok) hex = read.value.record;
      }
      const { draft, unreadable } = draftOfRecord(get().produceDraft, whole, hex);
      const source = `partition ${record.partition}, offset ${record.offset} of “${topic}”${unreadable.length > 0 ? ` (${unreadable.join(', ')} could not be read: fill ${unreadable.length === 1 ? 'it' : 'them'} in)` : ''}`;
      set({ produceDraft: draft, produceDraftSource: source, produceSend: { sending: false, topic: null, outcomes: null, error: null } });
      actions.showProducePanel('record');
      return { ok: true, value: undefined };
    },

    loadTemplates(topic) {
      set({ produceTemplates: { topic, templates: get().produceTemplates?.topic === topic ? get().produceTemplates!.templates : [], loading: true, error: null } });
      void templateReads.run(
        () => produce().templatesList({ topic }),
        () => get().produceTemplates?.topic === topic,
        {
          ok: (value) => setTemplates(topic, { templates: value.templates, loading: false }),
          failed: (error) => setTemplates(topic, { loading: false, error: error.message }),
          thrown: (error) => setTemplates(topic, { loading: false, error: describeError(error) }),
        },
      );
    },

    async saveTemplate(name) {
      const topic = topicOf();
      if (topic === null) return { ok: false, message: 'choose a topic first: templates are saved per topic', reason: null };
      const draft = get().produceDraft;
      const built = recordOf(draft, true);
      if ('problems' in built) return { ok: false, problems: built.problems };
      const result = await settle(() => produce().templateSave({ topic, name: name.trim(), template: built.record, settings: draft.settings }));
      if (!result.ok) return result;
      set({ produceTemplates: { topic, templates: result.value.templates, loading: false, error: null } });
      return { ok: true, value: undefined };
    },

    useTemplate(name) {
      const template = get().produceTemplates?.templates.find((candidate) => candidate.name === name);
      if (!template) return;
      set({ produceDraft: draftOfTemplate(get().produceDraft, template.template, template.settings), produceDraftSource: `the template “${name}”` });
    },

    async deleteTemplate(name) {
      const topic = topicOf();
      if (topic === null) return { ok: false, message: 'no topic chosen', reason: null };
      const result = await settle(() => produce().templateDelete({ topic, name }));
      if (!result.ok) return result;
      set({ produceTemplates: { topic, templates: result.value.templates, loading: false, error: null } });
      return { ok: true, value: undefined };
    },

    selectForCopy(keys, checked) {
      selectionTopic = topicOf();
      const next = new Set(get().copySelection);
      for (const key of keys) {
        if (!checked) next.delete(keyText(key));
        else if (next.size < MAX_COPY_RECORDS) next.add(keyText(key));
      }
      set({ copySelection: next });
    },

    clearCopySelection() {
      if (get().copySelection.size > 0) set({ copySelection: new Set() });
    },

    copySelectionTo(toTopic, settings) {
      const topic = topicOf();
      if (topic === null) return Promise.resolve({ ok: false, message: 'no topic chosen', reason: null });
      const records = [...get().copySelection]
        .map((text) => {
          const [partition, offset] = text.split(':').map(Number);
          return { partition, offset };
        })
        .sort((a, b) => a.partition - b.partition || a.offset - b.offset);
      if (records.length === 0) return Promise.resolve({ ok: false, message: 'check the records to copy first', reason: null });
      return jobs.startCopy(topic, records, toTopic, settings);
    },

    openSnippet(subject, title) {
      const generation = ++snippetGeneration;
      set({ snippet: { subject, title, codes: {} } });
      for (const language of SNIPPET_LANGUAGES) {
        void settle(() => produce().snippet({ subject, language })).then((result) => {
          const current = get().snippet;
          if (generation !== snippetGeneration || !current) return;
          const code: SnippetCode = result.ok ? { code: result.value.code, bootstrap: result.value.bootstrap, error: null } : { code: null, bootstrap: null, error: result.message };
          set({ snippet: { ...current, codes: { ...current.codes, [language]: code } } });
        });
      }
    },

    closeSnippet() {
      snippetGeneration += 1;
      set({ snippet: null });
    },

    reloadProduce() {
      const topic = topicOf();
      if (get().producePanel !== null && topic !== null) actions.loadTemplates(topic);
    },

    followMessagesTopic() {
      const topic = topicOf();
      if (topic !== selectionTopic) {
        selectionTopic = topic;
        actions.clearCopySelection();
      }
      if (get().producePanel !== null && topic !== null && get().produceTemplates?.topic !== topic) actions.loadTemplates(topic);
    },
  };
  return actions;
}
