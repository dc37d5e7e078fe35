/**
 * What a partition knows of its idempotent producers (their last batches, for duplicate and
 * sequence checks), and how that survives a restart:
 * - at a clean close it is saved in `<partition>/producer-state.json`, valid only for the log end
 *   it was written at and removed once read, so a snapshot never outlives an append made after it;
 * - after an unclean stop, or with a snapshot that does not fit the log, it is rebuilt from the
 *   log (producer-state-rebuild.ts), lazily: before the first idempotent append needs it. A close
 *   that comes first saves `rebuildFromLog: true` instead, so the next start still rebuilds.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BrokerLogger } from '../broker-api';
import { lastSequenceOf, ProducerSequenceState, type ProducerBatchInfo, type ProducerSnapshotEntry, type SequenceCheck } from '../producers/producer-sequence-state';
import { RecordBatchError } from '../records/record-batch-error';
import { BASE_SEQUENCE, PRODUCER_EPOCH, PRODUCER_ID, readInt64 } from '../records/record-batch-layout';
import type { BatchSummary } from '../records/record-batch-validator';
import { replaceFileAtomically } from './atomic-file';
import type { LogSegment } from './log-segment';
import { PRODUCER_ID_EXPIRATION_MS, rebuildProducerState } from './producer-state-rebuild';

const SNAPSHOT_FILE = 'producer-state.json';

interface Snapshot {
  endOffset: number;
  producers: ProducerSnapshotEntry[];
  rebuildFromLog?: boolean;
}

/**
 * The producer fields of an idempotent producer's payload, or null for a plain one. Kafka takes
 * exactly one batch per partition from an idempotent producer, so more is INVALID_RECORD.
 */
export function producerBatchOf(bytes: Buffer, batches: readonly BatchSummary[]): ProducerBatchInfo | null {
  const producerId = readInt64(bytes, batches[0].position + PRODUCER_ID);
  if (producerId < 0) return null;
  if (batches.length > 1) throw new RecordBatchError('INVALID_RECORD', `an idempotent producer must send one batch per partition, not ${batches.length}`, 1);
  const firstSequence = bytes.readInt32BE(batches[0].position + BASE_SEQUENCE);
  return {
    producerId: BigInt(producerId),
    producerEpoch: bytes.readInt16BE(batches[0].position + PRODUCER_EPOCH),
    firstSequence,
    lastSequence: lastSequenceOf(firstSequence, batches[0].lastOffsetDelta),
  };
}

export class PartitionProducers {
  private state = new ProducerSequenceState();
  private needsRebuild: boolean;

  /** Restores the snapshot in `dir` if it fits `endOffset`; `clean`: whether the last stop was clean. */
  constructor(
    private readonly dir: string,
    private readonly name: string,
    endOffset: number,
    clean: boolean,
    private readonly logger: BrokerLogger,
  ) {
    const snapshot = this.restore(endOffset);
    this.needsRebuild = snapshot === 'stale' || (snapshot === 'none' && !clean);
  }

  private get snapshotPath(): string {
    return join(this.dir, SNAPSHOT_FILE);
  }

  /** Checks a batch against the state (rebuilding it from `segments` first if that is still to do). */
  check(batch: ProducerBatchInfo, segments: readonly LogSegment[], now: number): SequenceCheck {
    if (this.needsRebuild) this.rebuild(segments, now);
    return this.state.check(batch);
  }

  /** Records an appended batch; returns what undoes it (the write failed). */
  record(batch: ProducerBatchInfo, baseOffset: number, appendTime: number): () => void {
    return this.state.record(batch, BigInt(baseOffset), BigInt(appendTime));
  }

  /** Saves the state for the next clean start at `endOffset` (after the last write). */
  save(endOffset: number): void {
    if (this.state.producerCount === 0 && !this.needsRebuild) return;
    const snapshot: Snapshot = this.needsRebuild ? { endOffset, producers: [], rebuildFromLog: true } : { endOffset, producers: this.state.snapshot() };
    try {
      replaceFileAtomically(this.snapshotPath, JSON.stringify(snapshot));
    } catch (error) {
      this.logger.warn(`${this.name}: could not save the producer state (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); idempotent producers will start afresh`);
    }
  }

  private restore(endOffset: number): 'restored' | 'stale' | 'none' {
    let text: string;
    try {
      text = readFileSync(this.snapshotPath, 'utf8');
    } catch {
      return 'none';
    }
    let outcome: 'restored' | 'stale' = 'stale';
    try {
      const snapshot = JSON.parse(text) as Snapshot;
      if (snapshot.rebuildFromLog === true) {
        // Written by a close that came before the state had been rebuilt: still to do.
      } else if (snapshot.endOffset === endOffset) {
        this.state = ProducerSequenceState.restore(snapshot.producers);
        outcome = 'restored';
      } else {
        this.logger.info(`${this.name}: producer state snapshot is for log end ${snapshot.endOffset}, not ${endOffset}; rebuilding it from the log instead`);
      }
    } catch (error) {
      this.logger.warn(`${this.name}: ignoring an unreadable producer state snapshot (${(error as Error).message}); rebuilding it from the log instead`);
    }
    rmSync(this.snapshotPath, { force: true });
    return outcome;
  }

  private rebuild(segments: readonly LogSegment[], now: number): void {
    this.needsRebuild = false;
    const started = performance.now();
    try {
      const rebuilt = rebuildProducerState(segments, now - PRODUCER_ID_EXPIRATION_MS);
      this.state = rebuilt.state;
      this.logger.info(
        `${this.name}: rebuilt idempotent producer state from the log (${rebuilt.state.producerCount} producer(s), ${rebuilt.producerBatches} of ${rebuilt.scannedBatches} batches) in ${(performance.now() - started).toFixed(0)} ms`,
      );
    } catch (error) {
      this.logger.warn(`${this.name}: could not rebuild idempotent producer state (${(error as Error).message}); idempotent producers start afresh`);
    }
  }
}
