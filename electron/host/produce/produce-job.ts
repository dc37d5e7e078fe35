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
import { JobRun } from '../job-run';

export type JobState = JobProgress['state'];

export class ProduceJob extends JobRun<JobState> {
  total: number | null;
  /** Records that never reached the appender (refused on the way there). */
  refusedBefore = 0;
  badLines: Array<{ line: number; reason: string }> = [];
  badLineCount = 0;
  appender: BatchAppender<unknown> | null = null;

  constructor(id: string, total: number | null) {
    super(id);
    this.total = total;
  }

  /** For jobs with no runner of their own between calls (an import): told when a cancel comes. */
  onCancel: (() => void) | null = null;

  protected override cancelAsked(): void {
    this.onCancel?.();
  }

  addBadLine(line: number, reason: string): void {
    this.badLineCount++;
    if (this.badLines.length < MAX_REPORTED_BAD_LINES) this.badLines.push({ line, reason });
  }

  progress(): JobProgress {
    const sent = this.appender?.sent ?? 0;
    const failed = (this.appender?.failed ?? 0) + this.refusedBefore;
    const elapsedMs = this.elapsedMs();
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
