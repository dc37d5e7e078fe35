import { describe, expect, it } from 'vitest';
import { formatAgo } from './format-ago';
import { formatBytes } from './format-bytes';
import { formatCount } from './format-count';
import { configValueHint, formatMillis } from './config-value-hint';
import { DURATION_UNITS, SIZE_UNITS, toBaseUnits } from './units';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [812, '812 B'],
    [1024, '1 KiB'],
    [1536, '1.5 KiB'],
    [24_536_678, '23.4 MiB'],
    [1_073_741_824, '1 GiB'],
    [500 * 1024 ** 3, '500 GiB'],
  ])('%i bytes reads %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('formatCount', () => {
  it('groups thousands', () => {
    expect(formatCount(1_234_567)).toBe('1,234,567');
    expect(formatCount(0)).toBe('0');
  });
});

describe('formatAgo', () => {
  it.each([
    [500, 'just now'],
    [12_000, '12s ago'],
    [185_000, '3m ago'],
    [7_300_000, '2h ago'],
    [5 * 86_400_000, '5d ago'],
    [-3000, 'just now'],
  ])('%i ms ago reads %s', (age, text) => {
    expect(formatAgo(1_000_000_000_000 - age, 1_000_000_000_000)).toBe(text);
  });
});

describe('configValueHint', () => {
  it('reads durations, sizes and the special values', () => {
    expect(configValueHint('retention.ms', '604800000')).toBe('7 days');
    expect(configValueHint('retention.ms', '-1')).toBe('forever');
    expect(configValueHint('segment.ms', '5400000')).toBe('90 minutes');
    expect(configValueHint('flush.ms', '9223372036854775807')).toBe('never');
    expect(configValueHint('segment.bytes', '1073741824')).toBe('1 GiB');
    expect(configValueHint('retention.bytes', '-1')).toBe('no limit');
    expect(configValueHint('cleanup.policy', 'delete')).toBeNull();
    expect(configValueHint('min.insync.replicas', '1')).toBeNull();
  });

  it('keeps milliseconds that fit no whole unit', () => {
    expect(formatMillis(1500)).toBe('1500 ms');
    expect(formatMillis(1000)).toBe('1 second');
  });
});

describe('toBaseUnits', () => {
  it('converts what a form holds to milliseconds and bytes', () => {
    const days = DURATION_UNITS.find((unit) => unit.id === 'd')!;
    const mib = SIZE_UNITS.find((unit) => unit.id === 'MiB')!;
    expect(toBaseUnits('7', days)).toBe(604_800_000);
    expect(toBaseUnits('1.5', days)).toBe(129_600_000);
    expect(toBaseUnits('64', mib)).toBe(67_108_864);
    expect(toBaseUnits('', days)).toBeNull();
    expect(toBaseUnits('-1', days)).toBeNull();
    expect(toBaseUnits('0.0001', mib)).toBeNull();
    expect(toBaseUnits('abc', mib)).toBeNull();
  });
});
