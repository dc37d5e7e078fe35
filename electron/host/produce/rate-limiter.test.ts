import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('lets n records go at n / rate seconds after the start, never before', async () => {
    const limiter = new RateLimiter(200);
    const started = performance.now();
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      await limiter.take(20);
      times.push(performance.now() - started);
    }
    // 20 records every 100 ms: the k-th group goes once its last record is due, at k × 100 ms.
    times.forEach((time, i) => expect(time).toBeGreaterThanOrEqual((i + 1) * 100 - 2));
    expect(times[4]).toBeLessThan(1000);
  });

  it('stops waiting when asked to', async () => {
    const limiter = new RateLimiter(1);
    const started = performance.now();
    let stop = false;
    setTimeout(() => (stop = true), 50);
    expect(await limiter.take(1, () => stop)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
