import { describe, expect, it } from 'vitest';
import { reconnectDelay, RECONNECT_MAX_MS } from './reconnect-backoff';

describe('reconnectDelay', () => {
  const noJitter = () => 0.5;

  it('doubles from 250 ms', () => {
    expect([0, 1, 2, 3].map((attempt) => reconnectDelay(attempt, noJitter))).toEqual([250, 500, 1000, 2000]);
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    expect(reconnectDelay(50, () => 1)).toBe(RECONNECT_MAX_MS);
    expect(reconnectDelay(1000, noJitter)).toBe(RECONNECT_MAX_MS);
  });

  it('spreads retries by at most 20 percent', () => {
    expect(reconnectDelay(2, () => 0)).toBe(800);
    expect(reconnectDelay(2, () => 1)).toBe(1200);
  });
});
