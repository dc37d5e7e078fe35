/**
 * What the user does to chosen dead letters: replay them (a job), export them (a job) or discard
 * them (one call). One job at a time; starting another forgets the finished one.
 *
 * - Replay: `dlq.replayStart`. When some of the chosen were replayed already and `replayAgain`
 *   is false, the host starts nothing and says how many (`jobId` null): the caller asks the user
 *   and starts again with `replayAgain`.
 * - Polling: `dlq.jobPoll` waits on the host up to JOB_POLL_WAIT_MS for news; polls start at
 *   least `minPollIntervalMs` apart; the loop ends with the job or when it is forgotten.
 * - Cancel: `dlq.jobCancel` answers with the exact counts. A job that ends (or a discard) makes
 *   the view read its rows again, since their states changed.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { DlqJobProgress, ReplayTarget } from '../../../../electron/contract';
import type { HostApi } from '../../api/host-api';
import { describeError, type AppState } from '../app-state';
import { settle, type ActionResult } from '../action-result';
import { selectionOf } from './actions';
import { exportFileName, noDeadLetterChoice, type DlqJobState } from './state';

/** How long one job poll may wait on the host for news. */
export const DLQ_JOB_POLL_WAIT_MS = 500;

export interface ReplayOptions {
  target: ReplayTarget;
  ratePerSecond: number | null;
  includeDiscarded: boolean;
  /** Replay also those replayed before (the user said yes). */
  replayAgain: boolean;
}

/** A replay's start: running, or not started because some were replayed already (ask first). */
export type ReplayStart = { started: true; jobId: string; selected: number } | { started: false; selected: number; alreadyReplayed: number };

export interface DlqJobActions {
  startReplay(options: ReplayOptions): Promise<ActionResult<ReplayStart>>;
  startDeadLetterExport(): Promise<ActionResult<string>>;
  cancelDlqJob(): Promise<void>;
  /** Forgets the job (its dialog closed); one still running is cancelled. */
  forgetDlqJob(): void;
  /** Marks the chosen dead letters discarded; resolves with how many were. */
  discardChosen(): Promise<ActionResult<number>>;
}

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const ended = (progress: DlqJobProgress | null) => progress !== null && progress.state !== 'running';

const nothingChosen = { ok: false as const, message: 'choose dead letters first: check them, or choose all that match the filter', reason: null };

export function createDlqJobActions(api: HostApi, set: Set, get: Get, config: { minPollIntervalMs?: number; afterChange(): void }): DlqJobActions {
  const minPollIntervalMs = config.minPollIntervalMs ?? 250;
  const dlq = () => api.contract.dlq;
  let generation = 0;

  const update = (jobGeneration: number, patch: Partial<DlqJobState>) => {
    const job = get().dlqJob;
    if (jobGeneration === generation && job) set({ dlqJob: { ...job, ...patch } });
  };

  const poll = async (jobGeneration: number, jobId: string) => {
    while (jobGeneration === generation) {
      const began = Date.now();
      let result;
      try {
        result = await dlq().jobPoll({ jobId, waitMs: DLQ_JOB_POLL_WAIT_MS });
      } catch (error) {
        update(jobGeneration, { error: `lost touch with the job: ${describeError(error)}` });
        return;
      }
      if (jobGeneration !== generation) return;
      if (!result.ok) {
        update(jobGeneration, { error: result.error.message });
        return;
      }
      const exportId = result.value.exportId;
      const topic = get().dlqJob?.topic ?? '';
      update(jobGeneration, { progress: result.value, downloadUrl: exportId !== null && api.exportDownloadUrl ? api.exportDownloadUrl(exportId, exportFileName(topic)) : null });
      if (result.value.state !== 'running') {
        config.afterChange();
        return;
      }
      const elapsed = Date.now() - began;
      if (elapsed < minPollIntervalMs) await wait(minPollIntervalMs - elapsed);
    }
  };

  const begin = (kind: DlqJobState['kind'], topic: string, jobId: string) => {
    const jobGeneration = ++generation;
    set({ dlqJob: { kind, topic, jobId, progress: null, error: null, downloadUrl: null } });
    void poll(jobGeneration, jobId);
  };

  const forget = () => {
    const job = get().dlqJob;
    if (job?.jobId && !ended(job.progress)) void dlq().jobCancel({ jobId: job.jobId }).catch(() => undefined);
    generation += 1;
    if (job) set({ dlqJob: null });
  };

  return {
    async startReplay({ target, ratePerSecond, includeDiscarded, replayAgain }) {
      const state = get();
      const topic = state.dlqTopic;
      const selection = selectionOf(state);
      if (topic === null || selection === null) return nothingChosen;
      forget();
      const result = await settle(() => dlq().replayStart({ topic, selection, target, ratePerSecond, replayAgain, includeDiscarded }));
      if (!result.ok) return result;
      const { jobId, selected, alreadyReplayed } = result.value;
      if (jobId === null) return { ok: true, value: { started: false, selected, alreadyReplayed } };
      begin('replay', topic, jobId);
      return { ok: true, value: { started: true, jobId, selected } };
    },

    async startDeadLetterExport() {
      const state = get();
      const topic = state.dlqTopic;
      const selection = selectionOf(state);
      if (topic === null || selection === null) return nothingChosen;
      forget();
      const result = await settle(() => dlq().exportStart({ topic, selection }));
      if (!result.ok) return result;
      begin('export', topic, result.value.jobId);
      return { ok: true, value: result.value.jobId };
    },

    async cancelDlqJob() {
      const job = get().dlqJob;
      if (!job?.jobId || ended(job.progress)) return;
      const jobGeneration = generation;
      const result = await settle(() => dlq().jobCancel({ jobId: job.jobId! }));
      if (result.ok) update(jobGeneration, { progress: result.value });
    },

    forgetDlqJob: forget,

    async discardChosen() {
      const state = get();
      const topic = state.dlqTopic;
      const selection = selectionOf(state);
      if (topic === null || selection === null) return nothingChosen;
      const result = await settle(() => dlq().discard({ topic, selection }));
      if (!result.ok) return result;
      if (get().dlqTopic === topic) set({ dlqChoice: noDeadLetterChoice });
      config.afterChange();
      return { ok: true, value: result.value.discarded };
    },
  };
}
