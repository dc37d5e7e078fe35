/**
 * Idempotent-producer sequence checks for one partition, as Kafka's broker makes them.
 *
 * For each producer id the partition remembers the producer epoch and the last five batches
 * appended (first/last sequence, base offset, append time). A batch from an idempotent producer is:
 * - a duplicate (a retry of one of those five): acknowledged again with its original offset and
 *   not stored twice;
 * - in order (first sequence = last sequence + 1, wrapping at 2^31, or 0 for a new epoch): stored;
 * - otherwise refused: an older epoch with INVALID_PRODUCER_EPOCH, a gap with
 *   OUT_OF_ORDER_SEQUENCE_NUMBER, and a producer this partition has no state for that does not
 *   start at 0 with UNKNOWN_PRODUCER_ID (the client then resets its sequence, per KIP-360).
 *
 * The state lives in memory and is owned by the partition's single writer: `check` and `record`
 * are called around one append, with no other append in between. The partition log snapshots it
 * at a clean close and restores it when it reopens at the same log end, so a producer's retry
 * across a broker restart is still recognized.
 */
import { ErrorCode } from '../protocol/generated/errors';

export const NO_PRODUCER_ID = -1n;
const CACHED_BATCHES = 5;
const SEQUENCE_LIMIT = 2 ** 31;

export interface ProducerBatchInfo {
  producerId: bigint;
  producerEpoch: number;
  firstSequence: number;
  /** firstSequence + lastOffsetDelta, wrapped at 2^31. */
  lastSequence: number;
}

interface CachedBatch {
  firstSequence: number;
  lastSequence: number;
  baseOffset: bigint;
  logAppendTime: bigint;
}

interface ProducerEntry {
  epoch: number;
  batches: CachedBatch[];
}

export type SequenceCheck =
  | { kind: 'append' }
  | { kind: 'duplicate'; baseOffset: bigint; logAppendTime: bigint }
  | { kind: 'error'; errorCode: number; message: string };

export function lastSequenceOf(firstSequence: number, lastOffsetDelta: number): number {
  return (firstSequence + lastOffsetDelta) % SEQUENCE_LIMIT;
}

export class ProducerSequenceState {
  private readonly producers = new Map<bigint, ProducerEntry>();

  check(batch: ProducerBatchInfo): SequenceCheck {
    if (batch.producerId === NO_PRODUCER_ID) return { kind: 'append' };
    const entry = this.producers.get(batch.producerId);
    if (!entry) {
      if (batch.firstSequence === 0) return { kind: 'append' };
      return { kind: 'error', errorCode: ErrorCode.UNKNOWN_PRODUCER_ID, message: `producer ${batch.producerId} has no state here; its sequence ${batch.firstSequence} must restart at 0` };
    }
    if (batch.producerEpoch < entry.epoch) {
      return { kind: 'error', errorCode: ErrorCode.INVALID_PRODUCER_EPOCH, message: `producer ${batch.producerId} epoch ${batch.producerEpoch} is older than the current epoch ${entry.epoch}` };
    }
    if (batch.producerEpoch > entry.epoch) {
      if (batch.firstSequence === 0) return { kind: 'append' };
      return { kind: 'error', errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, message: `producer ${batch.producerId} new epoch ${batch.producerEpoch} must start at sequence 0, not ${batch.firstSequence}` };
    }
    const duplicate = entry.batches.find((cached) => cached.firstSequence === batch.firstSequence && cached.lastSequence === batch.lastSequence);
    if (duplicate) return { kind: 'duplicate', baseOffset: duplicate.baseOffset, logAppendTime: duplicate.logAppendTime };
    const last = entry.batches[entry.batches.length - 1];
    const expected = last ? (last.lastSequence + 1) % SEQUENCE_LIMIT : 0;
    if (batch.firstSequence === expected) return { kind: 'append' };
    return {
      kind: 'error',
      errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
      message: `producer ${batch.producerId} sent sequence ${batch.firstSequence}, expected ${expected}`,
    };
  }

  /**
   * Records a batch appended at `baseOffset` after `check` returned 'append'. Returns what undoes
   * it (the write failed); undo in reverse order of recording.
   */
  record(batch: ProducerBatchInfo, baseOffset: bigint, logAppendTime: bigint): () => void {
    if (batch.producerId === NO_PRODUCER_ID) return () => {};
    const previous = this.producers.get(batch.producerId);
    const saved = previous ? { epoch: previous.epoch, batches: [...previous.batches] } : null;
    const undo = () => {
      if (saved) this.producers.set(batch.producerId, saved);
      else this.producers.delete(batch.producerId);
    };
    let entry = previous;
    if (!entry || batch.producerEpoch > entry.epoch) {
      entry = { epoch: batch.producerEpoch, batches: [] };
      this.producers.set(batch.producerId, entry);
    }
    entry.batches.push({ firstSequence: batch.firstSequence, lastSequence: batch.lastSequence, baseOffset, logAppendTime });
    if (entry.batches.length > CACHED_BATCHES) entry.batches.shift();
    return undo;
  }

  get producerCount(): number {
    return this.producers.size;
  }

  /** The state as JSON-safe data (bigints as strings), for the partition's snapshot at close. */
  snapshot(): ProducerSnapshotEntry[] {
    return [...this.producers].map(([producerId, entry]) => ({
      producerId: producerId.toString(),
      epoch: entry.epoch,
      batches: entry.batches.map((batch) => ({
        firstSequence: batch.firstSequence,
        lastSequence: batch.lastSequence,
        baseOffset: batch.baseOffset.toString(),
        logAppendTime: batch.logAppendTime.toString(),
      })),
    }));
  }

  /** Rebuilds the state from `snapshot()`; throws on malformed data (the caller then starts empty). */
  static restore(entries: readonly ProducerSnapshotEntry[]): ProducerSequenceState {
    const state = new ProducerSequenceState();
    for (const entry of entries) {
      if (!Number.isInteger(entry.epoch) || !Array.isArray(entry.batches)) throw new Error('malformed producer snapshot entry');
      state.producers.set(BigInt(entry.producerId), {
        epoch: entry.epoch,
        batches: entry.batches.slice(-CACHED_BATCHES).map((batch) => ({
          firstSequence: batch.firstSequence,
          lastSequence: batch.lastSequence,
          baseOffset: BigInt(batch.baseOffset),
          logAppendTime: BigInt(batch.logAppendTime),
        })),
      });
    }
    return state;
  }
}

export interface ProducerSnapshotEntry {
  producerId: string;
  epoch: number;
  batches: Array<{ firstSequence: number; lastSequence: number; baseOffset: string; logAppendTime: string }>;
}
