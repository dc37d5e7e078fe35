/**
 * Replay and export jobs as the contract reports them (`DlqJobProgress`), and the table of the
 * running and recently ended ones by id. The runner (replay-job.ts, dead-letter-export.ts) owns
 * the work and counts on the job: `done` only for what is finished for good (a replay stored by
 * the sink and written to the ledger; a line written), `failed` by reason.
 *
 * `requestCancel()` asks the runner to stop at its next step; `ended` resolves once the runner
 * has settled, so a cancel answers with the exact final counts. `stopAll` cancels every running
 * job and waits (the broker is stopping). An unknown id is refused with UNKNOWN_JOB.
 */
import { randomUUID } from 'node:crypto';
import type { DlqJobProgress } from '../../contract';
import { HostRefusal } from '../host-refusal';
import { JobRun } from '../job-run';

export type DlqJobKind = DlqJobProgress['kind'];
export type DlqJobState = DlqJobProgress['state'];

const MAX_REASONS = 50;
const MAX_ENDED_JOBS = 100;

export class DlqJob extends JobRun<DlqJobState> {
  total: number | null = null;
  done = 0;
  failed = 0;
  exportId: string | null = null;
  private readonly failures = new Map<string, number>();

  constructor(
    id: string,
    readonly kind: DlqJobKind,
  ) {
    super(id);
  }

  /** Counts `count` dead letters failed for `reason`. */
  fail(reason: string, count = 1): void {
    if (count <= 0) return;
    this.failed += count;
    this.failures.set(reason, (this.failures.get(reason) ?? 0) + count);
  }

  progress(): DlqJobProgress {
    const elapsedMs = this.elapsedMs();
    const reasons = [...this.failures].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const failures = reasons.slice(0, MAX_REASONS).map(([name, count]) => ({ name, count }));
    const rest = reasons.slice(MAX_REASONS).reduce((sum, [, count]) => sum + count, 0);
    if (rest > 0) failures.push({ name: `${reasons.length - MAX_REASONS} other reasons`, count: rest });
    return {
      kind: this.kind,
      state: this.state,
      total: this.total,
      done: this.done,
      failed: this.failed,
      failures,
      rate: elapsedMs > 0 ? Math.round((this.done / elapsedMs) * 1000) : 0,
      elapsedMs: Math.round(elapsedMs),
      error: this.error,
      exportId: this.exportId,
    };
  }
}

export class DlqJobs {
  private readonly jobs = new Map<string, DlqJob>();

  create(kind: DlqJobKind): DlqJob {
    const job = new DlqJob(randomUUID(), kind);
    this.jobs.set(job.id, job);
    void job.ended.then(() => this.prune());
    return job;
  }

  get(jobId: string): DlqJob {
    const job = this.jobs.get(jobId);
    if (!job) throw new HostRefusal('UNKNOWN_JOB', `there is no dead-letter job ${jobId} (it ended long ago, or the broker restarted)`);
    return job;
  }

  /** The job with this id, if the table still has it (an export's download). */
  find(jobId: string): DlqJob | undefined {
    return this.jobs.get(jobId);
  }

  async poll(jobId: string, waitMs: number): Promise<DlqJobProgress> {
    const job = this.get(jobId);
    await job.waitForEnd(waitMs);
    return job.progress();
  }

  async cancel(jobId: string): Promise<DlqJobProgress> {
    const job = this.get(jobId);
    job.requestCancel();
    await job.ended;
    return job.progress();
  }

  running(): DlqJob[] {
    return [...this.jobs.values()].filter((job) => job.state === 'running');
  }

  async stopAll(): Promise<void> {
    const running = this.running();
    for (const job of running) job.requestCancel();
    await Promise.all(running.map((job) => job.ended));
  }

  private prune(): void {
    const ended = [...this.jobs.values()].filter((job) => job.state !== 'running');
    for (const job of ended.slice(0, Math.max(0, ended.length - MAX_ENDED_JOBS))) this.jobs.delete(job.id);
  }
}
