/**
 * Rebuilds the idempotent producers' state of a partition from its log, as Kafka does after an
 * unclean stop: without it, a producer retrying a batch it sent before the crash would get
 * UNKNOWN_PRODUCER_ID (and, resetting, could store the batch twice) instead of being recognised.
 *
 * Walks batch headers only, oldest segment first, skipping segments last appended to before
 * `since` (Kafka forgets a producer idle for `producer.id.expiration.ms`, one day), and feeds each
 * idempotent batch to the state in log order; the state keeps the last batches of each producer.
 * The partition runs it once, on the first idempotent append after such a start, while no write
 * is in flight.
 */
import { lastSequenceOf, ProducerSequenceState } from '../producers/producer-sequence-state';
import type { LogSegment } from './log-segment';

/** Kafka's `producer.id.expiration.ms` default: a producer idle this long has no state. */
export const PRODUCER_ID_EXPIRATION_MS = 24 * 60 * 60 * 1000;

export interface RebuiltProducerState {
  state: ProducerSequenceState;
  scannedBatches: number;
  producerBatches: number;
}

export function rebuildProducerState(segments: readonly LogSegment[], since: number): RebuiltProducerState {
  const state = new ProducerSequenceState();
  let scannedBatches = 0;
  let producerBatches = 0;
  for (const segment of segments) {
    const lastAppend = segment.lastAppendTimeOrNull();
    if (lastAppend !== null && lastAppend < since) continue;
    for (const batch of segment.batches()) {
      scannedBatches++;
      if (batch.producerId < 0) continue;
      producerBatches++;
      const appendTime = segment.appendTimeAt(batch.baseOffset) ?? batch.maxTimestamp;
      state.record(
        {
          producerId: BigInt(batch.producerId),
          producerEpoch: batch.producerEpoch,
          firstSequence: batch.baseSequence,
          lastSequence: lastSequenceOf(batch.baseSequence, batch.lastOffset - batch.baseOffset),
        },
        BigInt(batch.baseOffset),
        BigInt(appendTime),
      );
    }
  }
  return { state, scannedBatches, producerBatches };
}
