/** RateMeter: records per second over the last few seconds, on a clock the test moves. */
import { describe, expect, it } from 'vitest';
import { RateMeter } from './rate-meter';

describe('RateMeter', () => {
  it('rates over its life while younger than the window, then over the window only', () => {
    let now = 10_000;
    const meter = new RateMeter(() => now, 250, 20); // a 5 s window
    expect(meter.rate()).toBe(0);
    for (let i = 0; i < 20; i++) {
      now += 100;
      meter.add(100); // 1,000 a second
    }
    expect(meter.rate()).toBeCloseTo(1000, 5);
    now += 3000; // nothing for 3 s: the window (whole 250 ms slots: 10,250 to 15,000) holds the 1,800 added from 10,300 on
    expect(meter.rate()).toBeCloseTo(1800 / 4.75, 5);
    now += 3000; // all of them older than the window
    expect(meter.rate()).toBe(0);
    meter.add(500); // at a slot's start: the window is 4.75 s
    expect(meter.rate()).toBeCloseTo(500 / 4.75, 5);
  });
});
