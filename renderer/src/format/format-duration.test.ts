import { describe, expect, it } from 'vitest';
import { formatDuration } from './format-duration';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [999, '0s'],
    [42_000, '42s'],
    [187_000, '3m 07s'],
    [7_500_000, '2h 05m'],
    [273_600_000, '3d 4h'],
    [-5000, '0s'],
  ])('%i ms reads %s', (milliseconds, text) => {
    expect(formatDuration(milliseconds)).toBe(text);
  });
});
