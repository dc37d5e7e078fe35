import { describe, expect, it } from 'vitest';
import { GroupState } from './group-state';
import { expiredOffsets, type ExpiryFacts } from './offset-expiry';
import type { CommittedOffset } from './offset-table';

const HOUR = 3_600_000;
const retention = 24 * HOUR;
const now = 1_700_000_000_000;

const offset = (commitTimestamp: number, expireTimestamp: number | null = null): CommittedOffset => ({
  offset: 10n,
  leaderEpoch: -1,
  metadata: '',
  commitTimestamp,
  expireTimestamp,
});

function facts(overrides: Partial<ExpiryFacts>, offsets: [string, number, CommittedOffset][]): ExpiryFacts {
  return {
    state: GroupState.Empty,
    protocolType: 'consumer',
    isConsumerGroup: true,
    subscribedTopics: null,
    stateTimestamp: now,
    offsets: offsets.map(([topic, partition, value]) => ({ topic, partition, value })),
    isPending: () => false,
    ...overrides,
  };
}

describe('expiredOffsets', () => {
  it('expires all offsets of a group once it has been empty for the retention period', () => {
    const offsets: [string, number, CommittedOffset][] = [
      ['orders', 0, offset(now - 1000)],
      ['orders', 1, offset(now - 2 * retention)],
    ];
    expect(expiredOffsets(facts({ stateTimestamp: now - retention + 1 }, offsets), now, retention)).toEqual([]);
    expect(expiredOffsets(facts({ stateTimestamp: now - retention }, offsets), now, retention)).toEqual([
      { topic: 'orders', partition: 0 },
      { topic: 'orders', partition: 1 },
    ]);
  });

  it('keeps the offsets of an active consumer group for topics it subscribes to', () => {
    const offsets: [string, number, CommittedOffset][] = [
      ['orders', 0, offset(now - 2 * retention)],
      ['old-topic', 0, offset(now - 2 * retention)],
      ['old-topic', 1, offset(now - 1000)],
    ];
    const stable = facts({ state: GroupState.Stable, subscribedTopics: new Set(['orders']) }, offsets);
    expect(expiredOffsets(stable, now, retention)).toEqual([{ topic: 'old-topic', partition: 0 }]);
  });

  it('expires nothing while a group rebalances or its subscriptions are unknown', () => {
    const offsets: [string, number, CommittedOffset][] = [['orders', 0, offset(now - 2 * retention)]];
    expect(expiredOffsets(facts({ state: GroupState.PreparingRebalance, subscribedTopics: new Set() }, offsets), now, retention)).toEqual([]);
    expect(expiredOffsets(facts({ state: GroupState.Stable, subscribedTopics: null }, offsets), now, retention)).toEqual([]);
    expect(expiredOffsets(facts({ state: GroupState.Stable, protocolType: 'connect', isConsumerGroup: false }, offsets), now, retention)).toEqual([]);
  });

  it('expires each offset of a simple group (never had members) by its own commit time', () => {
    const offsets: [string, number, CommittedOffset][] = [
      ['orders', 0, offset(now - retention)],
      ['orders', 1, offset(now - retention + 1)],
    ];
    expect(expiredOffsets(facts({ protocolType: null, isConsumerGroup: false, stateTimestamp: now - 10 * retention }, offsets), now, retention)).toEqual([
      { topic: 'orders', partition: 0 },
    ]);
  });

  it('uses an explicit expire timestamp (OffsetCommit v2–v4 retention) instead of the broker retention', () => {
    const offsets: [string, number, CommittedOffset][] = [
      ['orders', 0, offset(now, now)],
      ['orders', 1, offset(now - 10 * retention, now + 1)],
    ];
    expect(expiredOffsets(facts({ stateTimestamp: now - 10 * retention }, offsets), now, retention)).toEqual([{ topic: 'orders', partition: 0 }]);
  });

  it('never expires an offset whose commit is still being written', () => {
    const offsets: [string, number, CommittedOffset][] = [['orders', 0, offset(now - 2 * retention)]];
    expect(expiredOffsets(facts({ stateTimestamp: 0, isPending: () => true }, offsets), now, retention)).toEqual([]);
  });
});
