/**
 * Coalesces bursts of "something changed" into at most one emission per interval.
 *
 * The first change after a quiet period is emitted at once (leading edge); changes inside the
 * interval collapse into one emission at its end (trailing edge). The payload is built when
 * emitting, never when scheduling, so the last emission always carries the latest state.
 */
export interface EventThrottle {
  /** Notes that the state changed; emits now or at the end of the current interval. */
  schedule(): void;
  /** Emits now if a trailing emission is pending (used on stop, so the last state goes out). */
  flush(): void;
  /** Drops a pending emission and its timer. */
  cancel(): void;
}

export function createEventThrottle(intervalMs: number, emit: () => void, now: () => number = Date.now): EventThrottle {
  let lastEmittedAt = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const fire = (): void => {
    timer = null;
    lastEmittedAt = now();
    emit();
  };

  return {
    schedule() {
      if (timer !== null) return;
      const wait = lastEmittedAt + intervalMs - now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    flush() {
      if (timer === null) return;
      clearTimeout(timer);
      fire();
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
