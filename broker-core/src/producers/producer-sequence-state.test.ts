import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../protocol/generated/errors';
import { lastSequenceOf, ProducerSequenceState, type ProducerBatchInfo } from './producer-sequence-state';

const batch = (firstSequence: number, count = 10, producerEpoch = 0, producerId = 7n): ProducerBatchInfo => ({
  producerId,
  producerEpoch,
  firstSequence,
  lastSequence: lastSequenceOf(firstSequence, count - 1),
});

function appendAll(state: ProducerSequenceState, batches: ProducerBatchInfo[]): void {
  let offset = 0n;
  for (const b of batches) {
    expect(state.check(b)).toEqual({ kind: 'append' });
    state.record(b, offset, 1000n + offset);
    offset += BigInt(b.lastSequence - b.firstSequence + 1);
  }
}

describe('ProducerSequenceState', () => {
  it('accepts batches in sequence and answers retries with their original offset', () => {
    const state = new ProducerSequenceState();
    appendAll(state, [batch(0), batch(10), batch(20)]);
    expect(state.check(batch(10))).toEqual({ kind: 'duplicate', baseOffset: 10n, logAppendTime: 1010n });
    expect(state.check(batch(30))).toEqual({ kind: 'append' });
  });

  it('remembers only the last five batches', () => {
    const state = new ProducerSequenceState();
    appendAll(state, [0, 10, 20, 30, 40, 50].map((sequence) => batch(sequence)));
    expect(state.check(batch(10)).kind).toBe('duplicate');
    expect(state.check(batch(0))).toMatchObject({ kind: 'error', errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER });
  });

  it('refuses a gap with OUT_OF_ORDER_SEQUENCE_NUMBER', () => {
    const state = new ProducerSequenceState();
    appendAll(state, [batch(0)]);
    expect(state.check(batch(11))).toMatchObject({ kind: 'error', errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, message: 'producer 7 sent sequence 11, expected 10' });
  });

  it('refuses an unknown producer that does not start at 0 with UNKNOWN_PRODUCER_ID', () => {
    expect(new ProducerSequenceState().check(batch(5))).toMatchObject({ kind: 'error', errorCode: ErrorCode.UNKNOWN_PRODUCER_ID });
  });

  it('fences older epochs and restarts sequences on a new epoch', () => {
    const state = new ProducerSequenceState();
    appendAll(state, [batch(0, 10, 1), batch(10, 10, 1)]);
    expect(state.check(batch(20, 10, 0))).toMatchObject({ kind: 'error', errorCode: ErrorCode.INVALID_PRODUCER_EPOCH });
    expect(state.check(batch(20, 10, 2))).toMatchObject({ kind: 'error', errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER });
    appendAll(state, [batch(0, 10, 2)]);
    expect(state.check(batch(10, 10, 2))).toEqual({ kind: 'append' });
  });

  it('wraps sequences at 2^31', () => {
    const state = new ProducerSequenceState();
    const nearEnd = 2 ** 31 - 5;
    appendAll(state, [batch(0), batch(10)]);
    // Jump the tracked sequence near the end by recording a batch that continues there.
    const continuing = { producerId: 7n, producerEpoch: 0, firstSequence: 20, lastSequence: nearEnd - 1 };
    state.record(continuing, 20n, 0n);
    const wrapping = batch(nearEnd, 10);
    expect(wrapping.lastSequence).toBe(4);
    expect(state.check(wrapping)).toEqual({ kind: 'append' });
    state.record(wrapping, 100n, 0n);
    expect(state.check(batch(5))).toEqual({ kind: 'append' });
  });

  it('ignores non-idempotent batches', () => {
    const state = new ProducerSequenceState();
    const plain = { producerId: -1n, producerEpoch: -1, firstSequence: -1, lastSequence: -1 };
    expect(state.check(plain)).toEqual({ kind: 'append' });
    state.record(plain, 0n, 0n);
    expect(state.producerCount).toBe(0);
  });
});
