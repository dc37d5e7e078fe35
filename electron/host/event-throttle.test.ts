import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventThrottle } from './event-throttle';

describe('createEventThrottle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('emits the first change at once', () => {
    const emit = vi.fn();
    createEventThrottle(100, emit).schedule();
    expect(emit).toHaveBeenCalledTimes(1);
  });

  it('collapses a burst into one trailing emission per interval', () => {
    const emit = vi.fn();
    const throttle = createEventThrottle(100, emit);

    for (let i = 0; i < 50; i += 1) throttle.schedule();
    expect(emit).toHaveBeenCalledTimes(1);

    vi.advanceTimersByTime(99);
    expect(emit).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(emit).toHaveBeenCalledTimes(2);

    vi.advanceTimersByTime(1000);
    expect(emit).toHaveBeenCalledTimes(2);
  });

  it('never exceeds ten emissions a second under a steady stream of changes', () => {
    const emit = vi.fn();
    const throttle = createEventThrottle(100, emit);

    // Changes every 5 ms for just under one second (0..995 ms).
    for (let ms = 0; ms < 1000; ms += 5) {
      throttle.schedule();
      vi.advanceTimersByTime(ms === 995 ? 4 : 5);
    }

    expect(emit).toHaveBeenCalledTimes(10);
  });

  it('flush emits a pending change now; cancel drops it', () => {
    const emit = vi.fn();
    const throttle = createEventThrottle(100, emit);
    throttle.schedule();
    throttle.schedule();

    throttle.flush();
    expect(emit).toHaveBeenCalledTimes(2);

    throttle.schedule();
    throttle.cancel();
    vi.advanceTimersByTime(500);
    expect(emit).toHaveBeenCalledTimes(2);
  });
});
