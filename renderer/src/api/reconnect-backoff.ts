/**
 * Delay before the next reconnect attempt: exponential from 250 ms, capped at 10 s, with ±20 %
 * jitter so many tabs do not retry in lockstep. `attempt` counts failures since the last success.
 */
export const RECONNECT_BASE_MS = 250;
export const RECONNECT_MAX_MS = 10_000;

export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const exponential = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** Math.max(0, attempt));
  const jitter = 1 + (random() * 2 - 1) * 0.2;
  return Math.round(Math.min(RECONNECT_MAX_MS, exponential * jitter));
}
