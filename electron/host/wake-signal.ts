/**
 * Callers waiting, each at most its own time, for something to happen (a job's progress or its
 * end): the long-poll half of the host's `…Poll` methods. A wait that times out leaves nothing
 * behind.
 */
export class WakeSignal {
  private readonly waiters = new Set<() => void>();

  /** Resolves at the next `wake()` or once `waitMs` has passed, whichever is first. */
  wait(waitMs: number): Promise<void> {
    if (waitMs <= 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, waitMs);
      this.waiters.add(done);
    });
  }

  wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
