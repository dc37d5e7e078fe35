/**
 * The running and recently ended produce jobs, by id: polled and cancelled by whoever started
 * them. Ended jobs are kept for polling (the latest MAX_ENDED_JOBS); an unknown id is refused.
 * `stopAll` cancels every running job (the broker is stopping) and waits for them to settle.
 */
import { randomUUID } from 'node:crypto';
import type { JobProgress } from '../../contract';
import { HostRefusal } from '../host-refusal';
import { ProduceJob } from './produce-job';

const MAX_ENDED_JOBS = 100;

export class ProduceJobs {
  private readonly jobs = new Map<string, ProduceJob>();

  create(total: number | null): ProduceJob {
    const job = new ProduceJob(randomUUID(), total);
    this.jobs.set(job.id, job);
    void job.ended.then(() => this.prune());
    return job;
  }

  get(jobId: string): ProduceJob {
    const job = this.jobs.get(jobId);
    if (!job) throw new HostRefusal('UNKNOWN_JOB', `there is no produce job ${jobId} (it ended long ago, or the broker restarted)`);
    return job;
  }

  async poll(jobId: string, waitMs: number): Promise<JobProgress> {
    const job = this.get(jobId);
    await job.waitForEnd(waitMs);
    return job.progress();
  }

  async cancel(jobId: string): Promise<JobProgress> {
    const job = this.get(jobId);
    job.requestCancel();
    await job.ended;
    return job.progress();
  }

  async stopAll(): Promise<void> {
    const running = [...this.jobs.values()].filter((job) => job.state === 'running');
    for (const job of running) job.requestCancel();
    await Promise.all(running.map((job) => job.ended));
  }

  private prune(): void {
    const ended = [...this.jobs.values()].filter((job) => job.state !== 'running');
    for (const job of ended.slice(0, Math.max(0, ended.length - MAX_ENDED_JOBS))) this.jobs.delete(job.id);
  }
}
