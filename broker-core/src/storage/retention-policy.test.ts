import { describe, expect, it } from 'vitest';
import { decideRetention, type RetentionLimits, type SegmentRetentionView } from './retention-policy';

function segments(specs: [number, number, number][]): SegmentRetentionView[] {
  // [baseOffset, size, largestTimestamp]; each ends where the next starts, the last at 1000.
  return specs.map(([baseOffset, size, largest], i) => ({ baseOffset, nextOffset: specs[i + 1]?.[0] ?? 1000, size, largestTimestamp: () => largest }));
}

const limits = (overrides: Partial<RetentionLimits>): RetentionLimits => ({ now: 10_000, retentionMs: -1, retentionBytes: -1, logStartOffset: 0, deleteEnabled: true, ...overrides });

describe('decideRetention', () => {
  const log = segments([
    [0, 100, 1_000],
    [100, 100, 5_000],
    [200, 100, 2_000],
    [300, 50, 9_000],
  ]);

  it('keeps everything by default (retention.ms -1, retention.bytes -1)', () => {
    expect(decideRetention(log, limits({}))).toEqual({ count: 0, reason: null });
  });

  it('deletes the oldest segments older than retention.ms, stopping at the first young one', () => {
    expect(decideRetention(log, limits({ retentionMs: 6_000 }))).toEqual({ count: 1, reason: 'retention.ms' });
    expect(decideRetention(log, limits({ retentionMs: 4_000 }))).toEqual({ count: 3, reason: 'retention.ms' });
    expect(decideRetention(log, limits({ retentionMs: 0 }))).toEqual({ count: 4, reason: 'retention.ms' });
  });

  it('deletes the oldest segments while the rest still holds retention.bytes', () => {
    expect(decideRetention(log, limits({ retentionBytes: 350 }))).toEqual({ count: 0, reason: null });
    expect(decideRetention(log, limits({ retentionBytes: 250 }))).toEqual({ count: 1, reason: 'retention.bytes' });
    expect(decideRetention(log, limits({ retentionBytes: 150 }))).toEqual({ count: 2, reason: 'retention.bytes' });
    expect(decideRetention(log, limits({ retentionBytes: 0 }))).toEqual({ count: 4, reason: 'retention.bytes' });
  });

  it('deletes segments wholly below the log start offset, whatever the policy', () => {
    expect(decideRetention(log, limits({ logStartOffset: 150, deleteEnabled: false }))).toEqual({ count: 1, reason: 'log start offset' });
    expect(decideRetention(log, limits({ logStartOffset: 1000, deleteEnabled: false }))).toEqual({ count: 4, reason: 'log start offset' });
    expect(decideRetention(log, limits({ retentionMs: 0, retentionBytes: 0, deleteEnabled: false }))).toEqual({ count: 0, reason: null });
  });

  it('never counts an empty active segment', () => {
    const withEmptyActive = segments([
      [0, 100, 1_000],
      [100, 0, -1],
    ]);
    expect(decideRetention(withEmptyActive, limits({ retentionMs: 0 })).count).toBe(1);
  });
});
