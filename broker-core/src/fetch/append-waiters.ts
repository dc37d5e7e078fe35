/**
 * Parks long-polling fetches until one of their partitions is appended to, or their wait ends.
 * One listener on the log manager's `appended` events wakes the waiters of that partition; a
 * waiter is removed from every partition it waits on when it wakes or times out, so nothing
 * accumulates. Stopping the broker wakes everyone.
 */
import type { LogManager } from '../storage/log-manager';

type Wake = () => void;

const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;

export class AppendWaiters {
  private readonly waiting = new Map<string, Set<Wake>>();
  private readonly unsubscribe: () => void;

  constructor(logs: LogManager) {
    this.unsubscribe = logs.on((event) => {
      if (event.type === 'appended') this.wake(key(event.topic, event.partition));
    });
  }

  /** Resolves on the first append to any of `partitions`, or after `timeoutMs`. */
  waitForAppend(partitions: ReadonlyArray<{ topic: string; partition: number }>, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const keys = partitions.map(({ topic, partition }) => key(topic, partition));
      let timer: NodeJS.Timeout | null = null;
      const done: Wake = () => {
        if (timer) clearTimeout(timer);
        for (const k of keys) {
          const set = this.waiting.get(k);
          if (!set) continue;
          set.delete(done);
          if (set.size === 0) this.waiting.delete(k);
        }
        resolve();
      };
      for (const k of keys) {
        let set = this.waiting.get(k);
        if (!set) this.waiting.set(k, (set = new Set()));
        set.add(done);
      }
      timer = setTimeout(done, timeoutMs);
    });
  }

  private wake(k: string): void {
    const set = this.waiting.get(k);
    if (!set) return;
    for (const wake of [...set]) wake();
  }

  /** Wakes every waiter (broker stopping) and stops listening. */
  close(): void {
    for (const set of [...this.waiting.values()]) for (const wake of [...set]) wake();
    this.unsubscribe();
  }

  get size(): number {
    return this.waiting.size;
  }
}
