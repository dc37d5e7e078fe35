/**
 * JobRun: what every long host job (produce bulk/import/copy, dead-letter replay/export) shares
 * about its life: running until `finish(state)` once, a cancel asked for at most once
 * (`cancelRequested`, which the runner reads between its steps), `ended` resolving when it
 * finished, `waitForEnd(waitMs)` for long polls, and the elapsed time. Subclasses hold the counts
 * and say how progress is reported.
 */
import { WakeSignal } from './wake-signal';

export type JobRunState = 'running' | 'done' | 'cancelled' | 'failed';

export class JobRun<State extends JobRunState = JobRunState> {
  state: State | 'running' = 'running';
  error: string | null = null;
  cancelRequested = false;
  private readonly startedAt = performance.now();
  private endedAt: number | null = null;
  private readonly endSignal = new WakeSignal();
  private resolveEnd!: () => void;
  /** Resolves once the job finished (its runner settled). */
  readonly ended: Promise<void> = new Promise((resolve) => (this.resolveEnd = resolve));

  constructor(readonly id: string) {}

  /** Asks the runner to stop at its next step (once; nothing once the job ended). */
  requestCancel(): void {
    if (this.cancelRequested || this.state !== 'running') return;
    this.cancelRequested = true;
    this.cancelAsked();
  }

  /** Called once when a cancel is first asked for, for jobs that must be told (an import). */
  protected cancelAsked(): void {}

  finish(state: Exclude<State, 'running'>, error: string | null = null): void {
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

  /** Milliseconds from the start to the end (or to now, while running). */
  elapsedMs(): number {
    return (this.endedAt ?? performance.now()) - this.startedAt;
  }
}
