/**
 * Group commit for one partition: appends that need durability wait for an fdatasync that
 * started after they were written, and every append waiting at the same time shares one.
 *
 * A round starts on the next turn of the event loop after the first waiter arrives (so the
 * appends of every request that arrived in the same turn join it), captures the log end offset,
 * and syncs; when it returns, every waiter at or below that offset is resolved. Waiters that came
 * during the round start the next one. At most one round runs at a time.
 *
 * A failed sync rejects every waiter and is reported to `onFailure`; whether anything may be
 * appended afterwards is the owner's decision (partition-log.ts takes the partition offline, as
 * Kafka does: after a failed fsync the page cache can no longer be trusted).
 */

export interface SyncRound {
  /** Every offset below this one is durable once `done` resolves. */
  upTo: number;
  done: Promise<unknown>;
}

interface Waiter {
  upTo: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class GroupCommit {
  private durableUpTo: number;
  private waiters: Waiter[] = [];
  private running = false;
  private scheduled = false;
  /** Rounds completed; for stats and tests. */
  rounds = 0;

  constructor(
    initialDurableUpTo: number,
    private readonly startRound: () => SyncRound,
    private readonly onFailure: (error: unknown) => void,
  ) {
    this.durableUpTo = initialDurableUpTo;
  }

  get durableOffset(): number {
    return this.durableUpTo;
  }

  /** Resolves once every offset below `upTo` is durable. */
  waitFor(upTo: number): Promise<void> {
    if (upTo <= this.durableUpTo) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ upTo, resolve, reject });
      this.schedule();
    });
  }

  /** Everything written so far is durable once this resolves; `upTo` is the current log end. */
  flush(upTo: number): Promise<void> {
    return this.waitFor(upTo);
  }

  /** Everything below `upTo` became durable another way (a full sync at close). */
  markDurable(upTo: number): void {
    if (upTo > this.durableUpTo) this.durableUpTo = upTo;
  }

  private schedule(): void {
    if (this.running || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.run();
    });
  }

  private run(): void {
    if (this.running || this.waiters.length === 0) return;
    this.running = true;
    const round = this.startRound();
    round.done.then(
      () => {
        this.running = false;
        this.rounds++;
        this.markDurable(round.upTo);
        const pending: Waiter[] = [];
        for (const waiter of this.waiters) {
          if (waiter.upTo <= this.durableUpTo) waiter.resolve();
          else pending.push(waiter);
        }
        this.waiters = pending;
        if (pending.length > 0) this.schedule();
      },
      (error: unknown) => {
        this.running = false;
        const failed = this.waiters;
        this.waiters = [];
        this.onFailure(error);
        for (const waiter of failed) waiter.reject(error);
      },
    );
  }
}
