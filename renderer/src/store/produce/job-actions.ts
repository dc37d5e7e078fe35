/**
 * The produce jobs the console runs on the host, each polled to its end: a bulk run (a template
 * repeated `count` times at a rate), a JSON Lines import and a copy of chosen records to another
 * topic. One panel job (bulk or import) and one copy at a time; starting another forgets the
 * finished one.
 *
 * - Polling: `produce.jobPoll` waits on the host up to JOB_POLL_WAIT_MS for news; polls start at
 *   least `minPollIntervalMs` apart. The loop ends with the job (done, cancelled, failed), or when
 *   the job is forgotten.
 * - Import: the file is read in the renderer in slices of lines (line-slices.ts) and each slice
 *   is sent with `produce.importLines`, awaited before the next is read: the host resolves it
 *   once the lines are taken, so a slow topic slows the reading, and the file is never held
 *   whole. `produce.importEnd` then waits for every record and gives the final count.
 * - Cancel: `produce.jobCancel` answers with the exact count stored; an import also stops reading.
 */
import type { StoreApi } from 'zustand/vanilla';
import { MAX_IMPORT_LINES, type BulkTemplate, type JobProgress, type ProduceSettings } from '../../../../electron/contract';
import type { HostApi } from '../../api/host-api';
import { describeError, type AppState } from '../app-state';
import { settle, type ActionResult } from '../action-result';
import { lineSlices } from './line-slices';
import type { JobState } from './state';

/** How long one job poll may wait on the host for news. */
export const JOB_POLL_WAIT_MS = 500;
/** Characters of one import slice as JSON, when the link has no limit of its own. */
const IMPORT_SLICE_CHARS = 4 * 1024 * 1024;

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];
type Slot = 'produceJob' | 'copyJob';

export interface JobsConfig {
  minPollIntervalMs?: number;
  /** Called once when a job the console started ends (done, cancelled or failed). */
  onJobEnded?(job: JobState): void;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const ended = (progress: JobProgress | null) => progress !== null && progress.state !== 'running';

export interface ProduceJobActions {
  startBulk(topic: string, template: BulkTemplate, settings: ProduceSettings, count: number, ratePerSecond: number | null): Promise<ActionResult<string>>;
  importFile(topic: string, file: Blob & { name: string }, settings: ProduceSettings): Promise<ActionResult<JobProgress>>;
  startCopy(fromTopic: string, records: Array<{ partition: number; offset: number }>, toTopic: string, settings: ProduceSettings): Promise<ActionResult<string>>;
  cancelJob(slot: Slot): Promise<void>;
  /** Forgets a job (its dialog or panel closed); one still running is cancelled. */
  forgetJob(slot: Slot): void;
}

export function createJobActions(api: HostApi, set: Set, get: Get, config: JobsConfig = {}): ProduceJobActions {
  const minPollIntervalMs = config.minPollIntervalMs ?? 250;
  const produce = () => api.contract.produce;
  const generations: Record<Slot, number> = { produceJob: 0, copyJob: 0 };

  const update = (slot: Slot, generation: number, patch: Partial<JobState> | ((job: JobState) => Partial<JobState>)) => {
    const job = get()[slot];
    if (generation !== generations[slot] || !job) return;
    set({ [slot]: { ...job, ...(typeof patch === 'function' ? patch(job) : patch) } } as Partial<AppState>);
  };

  const poll = async (slot: Slot, generation: number, jobId: string) => {
    while (generation === generations[slot]) {
      const began = Date.now();
      let result;
      try {
        result = await produce().jobPoll({ jobId, waitMs: JOB_POLL_WAIT_MS });
      } catch (error) {
        update(slot, generation, { error: `lost touch with the job: ${describeError(error)}` });
        return;
      }
      if (generation !== generations[slot]) return;
      if (!result.ok) {
        update(slot, generation, { error: result.error.message });
        return;
      }
      update(slot, generation, { progress: result.value });
      if (result.value.state !== 'running') {
        const job = get()[slot];
        if (job) config.onJobEnded?.(job);
        return;
      }
      const elapsed = Date.now() - began;
      if (elapsed < minPollIntervalMs) await wait(minPollIntervalMs - elapsed);
    }
  };

  /** Starts a job in `slot` with `start`, then polls it; resolves once the host accepted or refused it. */
  const run = async (slot: Slot, job: Omit<JobState, 'jobId' | 'progress' | 'error'>, start: () => ReturnType<HostApi['contract']['produce']['bulkStart']>): Promise<ActionResult<string>> => {
    const generation = ++generations[slot];
    set({ [slot]: { ...job, jobId: null, progress: null, error: null } } as Partial<AppState>);
    const result = await settle(start);
    if (generation !== generations[slot]) {
      if (result.ok) void produce().jobCancel({ jobId: result.value.jobId }).catch(() => undefined);
      return { ok: false, message: 'the job was replaced before it started', reason: null };
    }
    if (!result.ok) {
      update(slot, generation, { error: result.message });
      return result;
    }
    update(slot, generation, { jobId: result.value.jobId });
    void poll(slot, generation, result.value.jobId);
    return { ok: true, value: result.value.jobId };
  };

  return {
    startBulk(topic, template, settings, count, ratePerSecond) {
      return run('produceJob', { kind: 'bulk', topic, file: null }, () => produce().bulkStart({ topic, template, settings, count, ratePerSecond }));
    },

    async importFile(topic, file, settings) {
      const slot = 'produceJob';
      const generation = ++generations[slot];
      const fileState = { name: file.name, bytes: file.size, bytesRead: 0, linesRead: 0, badLines: [] };
      set({ produceJob: { kind: 'import', topic, jobId: null, progress: null, error: null, file: fileState } });
      const started = await settle(() => produce().importStart({ topic, settings }));
      if (generation !== generations[slot]) {
        if (started.ok) void produce().jobCancel({ jobId: started.value.jobId }).catch(() => undefined);
        return { ok: false, message: 'the import was replaced before it started', reason: null };
      }
      if (!started.ok) {
        update(slot, generation, { error: started.message });
        return started;
      }
      const jobId = started.value.jobId;
      update(slot, generation, { jobId });
      const maxChars = Math.min(IMPORT_SLICE_CHARS, api.maxRequestBytes !== undefined ? Math.floor(api.maxRequestBytes / 2) : IMPORT_SLICE_CHARS);
      try {
        for await (const slice of lineSlices(file, { maxLines: MAX_IMPORT_LINES, maxChars })) {
          if (generation !== generations[slot] || ended(get().produceJob?.progress ?? null)) break;
          const taken = await produce().importLines({ jobId, firstLine: slice.firstLine, lines: slice.lines });
          if (!taken.ok) {
            update(slot, generation, { error: taken.error.message });
            break;
          }
          update(slot, generation, (job) => ({
            file: job.file && {
              ...job.file,
              bytesRead: slice.bytesRead,
              linesRead: slice.firstLine + slice.lines.length - 1,
              badLines: slice.badLines.length > 0 ? job.file.badLines.concat(slice.badLines).slice(0, 1000) : job.file.badLines,
            },
          }));
          const progress = await produce().jobPoll({ jobId, waitMs: 0 });
          if (progress.ok) update(slot, generation, { progress: progress.value });
          if (!taken.value.accepted) break;
        }
      } catch (error) {
        update(slot, generation, { error: `the import stopped: ${describeError(error)}` });
      }
      if (generation !== generations[slot]) return { ok: false, message: 'the import was forgotten', reason: null };
      const last = get().produceJob?.progress ?? null;
      if (ended(last)) return { ok: true, value: last! };
      const end = await settle(() => produce().importEnd({ jobId }));
      if (generation !== generations[slot]) return { ok: false, message: 'the import was forgotten', reason: null };
      if (!end.ok) {
        update(slot, generation, { error: end.message });
        return end;
      }
      update(slot, generation, { progress: end.value });
      const job = get().produceJob;
      if (job) config.onJobEnded?.(job);
      return end;
    },

    startCopy(fromTopic, records, toTopic, settings) {
      return run('copyJob', { kind: 'copy', topic: toTopic, file: null }, () => produce().copyStart({ from: { topic: fromTopic, records }, to: { topic: toTopic, settings } }));
    },

    async cancelJob(slot) {
      const job = get()[slot];
      if (!job?.jobId || ended(job.progress)) return;
      const generation = generations[slot];
      const result = await settle(() => produce().jobCancel({ jobId: job.jobId! }));
      if (result.ok) update(slot, generation, { progress: result.value });
    },

    forgetJob(slot) {
      const job = get()[slot];
      if (job?.jobId && !ended(job.progress)) void produce().jobCancel({ jobId: job.jobId }).catch(() => undefined);
      generations[slot] += 1;
      set({ [slot]: null } as Partial<AppState>);
    },
  };
}
