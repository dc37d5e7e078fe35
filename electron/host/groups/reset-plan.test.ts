import { describe, expect, it } from 'vitest';
import { planPartition, type PartitionPosition } from './reset-plan';

const at = (currentOffset: number | null, extra: Partial<PartitionPosition> = {}): PartitionPosition => ({ partition: 0, currentOffset, logStartOffset: 5, highWatermark: 20, ...extra });

describe('reset plan', () => {
  it('moves to the log start or the high watermark and counts what is read again or skipped', () => {
    expect(planPartition(at(12), { kind: 'earliest' }, 't')).toMatchObject({ newOffset: 5, reread: 7, skipped: 0, clamped: false });
    expect(planPartition(at(12), { kind: 'latest' }, 't')).toMatchObject({ newOffset: 20, reread: 0, skipped: 8, clamped: false });
  });

  it('clamps an offset or a shift to [log start, high watermark], as Kafka’s tool does', () => {
    expect(planPartition(at(12), { kind: 'offset', offset: 2 }, 't')).toMatchObject({ newOffset: 5, clamped: true, reread: 7 });
    expect(planPartition(at(12), { kind: 'offset', offset: 99 }, 't')).toMatchObject({ newOffset: 20, clamped: true, skipped: 8 });
    expect(planPartition(at(12), { kind: 'shift', by: -3 }, 't')).toMatchObject({ newOffset: 9, clamped: false, reread: 3 });
    expect(planPartition(at(12), { kind: 'shift', by: 100 }, 't')).toMatchObject({ newOffset: 20, clamped: true, skipped: 8 });
  });

  it('uses the offset for a time, or the end when no record is that new', () => {
    expect(planPartition(at(12, { offsetForTimestamp: 8 }), { kind: 'timestamp', timestamp: 1 }, 't')).toMatchObject({ newOffset: 8, reread: 4 });
    expect(planPartition(at(12, { offsetForTimestamp: -1 }), { kind: 'timestamp', timestamp: 1 }, 't')).toMatchObject({ newOffset: 20, skipped: 8 });
  });

  it('has no counts without a committed offset, and refuses to shift from nothing', () => {
    expect(planPartition(at(null), { kind: 'earliest' }, 't')).toMatchObject({ newOffset: 5, reread: null, skipped: null });
    expect(() => planPartition(at(null), { kind: 'shift', by: 1 }, 'orders')).toThrow('cannot shift the offset of orders-0: the group has no committed offset there');
  });
});
