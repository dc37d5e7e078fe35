/**
 * ProduceJob: the progress of one bulk, import or copy job as the contract reports it
 * (`JobProgress`), and its end. The runner owns the work; the job holds what is counted: `sent`
 * and `failed` come from the job's BatchAppender (only what the sink acknowledged or refused),
 * plus records refused before reaching it (a bad template render, a missing source record).
 *
 * `requestCancel()` asks the runner to stop between batches; `ended` resolves once the runner has
 * finished (its in-flight appends settled), so a cancel answers with the exact final count.
 */
import { MAX_REPORTED_BAD_LINES, type JobProgress } from '../../contract';
import type { BatchAppender } from './batch-appender';
import { WakeSignal } from '../wake-signal';

export type JobState = JobProgress['state'];

export class ProduceJob {
  state: JobState = 'running';
  total: number | null;
  /** Records that never reached the appender (refused on the way there). */
  refusedBefore = 0;
  badLines: Array<{ line: number; reason: string }> = [];
  badLineCount = 0;
  error: string | null = null;
  cancelRequested = false;
  appender: BatchAppender<unknown> | null = null;
  private readonly startedAt = performance.now();
  private endedAt: number | null = null;
  private readonly endSignal = new WakeSignal();
  private readonly endPromise: Promise<void>;
  private resolveEnd!: () => void;

  constructor(
    readonly id: string,
    total: number | null,
  ) {
    this.total = total;
    this.endPromise = new Promise((resolve) => (this.resolveEnd = resolve));
  }

  get ended(): Promise<void> {
    return this.endPromise;
  }

  /** For jobs with no runner of their own between calls (an import): told when a cancel comes. */
  onCancel: (() => void) | null = null;

  requestCancel(): void {
    if (this.cancelRequested || this.state !== 'running') return;
    this.cancelRequested = true;
    this.onCancel?.();
  }

  addBadLine(line: number, reason: string): void {
    this.badLineCount++;
    if (this.badLines.length < MAX_REPORTED_BAD_LINES) this.badLines.push({ line, reason });
  }

  finish(state: Exclude<JobState, 'running'>, error: string | null = null): void {
    if (this.state !== 'running') return;
    this.state = state;
    this.error = error;
    this.endedAt = performance.now();
    this.resolveEnd();
    this.endSignal.wake();
  }

  /** Resolves when the job ends or `waitMs` passes, whichever is first. */
  async waitForEnd(waitMs: number): Promise<void> {
    if (this.state !== 'running') return;
    await this.endSignal.wait(waitMs);
  }

  progress(): JobProgress {
    const sent = this.appender?.sent ?? 0;
    const failed = (this.appender?.failed ?? 0) + this.refusedBefore;
    const elapsedMs = (this.endedAt ?? performance.now()) - this.startedAt;
    return {
      state: this.state,
      sent,
      failed,
      total: this.total,
      rate: elapsedMs > 0 ? Math.round((sent / elapsedMs) * 1000) : 0,
      badLines: [...this.badLines],
      badLineCount: this.badLineCount,
      error: this.error,
      elapsedMs: Math.round(elapsedMs),
    };
  }
}
