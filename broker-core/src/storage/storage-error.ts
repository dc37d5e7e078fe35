/**
 * Typed failures of the log layer, named by the Kafka error code a protocol handler answers with
 * (`errorCode` gives the number). Validation failures of the batches themselves are
 * `RecordBatchError`s (records/record-batch-error.ts); everything else the storage API refuses or
 * fails at is a `StorageError`:
 * - KAFKA_STORAGE_ERROR: the disk refused a write or an fsync (ENOSPC, EIO, …); `cause` has the
 *   system error. Reads keep working; appends work again once the cause is gone, except after a
 *   failed fsync, which takes the partition offline until restart (as Kafka does).
 * - UNKNOWN_TOPIC_OR_PARTITION, OFFSET_OUT_OF_RANGE: what a reader or writer asked for is not there.
 * - NOT_ENOUGH_REPLICAS: acks=all on a topic whose min.insync.replicas is above 1 (one broker).
 * - OUT_OF_ORDER_SEQUENCE_NUMBER, INVALID_PRODUCER_EPOCH, UNKNOWN_PRODUCER_ID: an idempotent
 *   producer's batch that does not follow its previous one (producers/producer-sequence-state.ts).
 * - TOPIC_ALREADY_EXISTS, INVALID_TOPIC_EXCEPTION, INVALID_PARTITIONS, INVALID_REPLICATION_FACTOR,
 *   INVALID_CONFIG, INVALID_REQUEST: admin requests that cannot be carried out.
 */
import { ErrorCode } from '../protocol/generated/errors';

export type StorageErrorCode =
  | 'KAFKA_STORAGE_ERROR'
  | 'UNKNOWN_TOPIC_OR_PARTITION'
  | 'OFFSET_OUT_OF_RANGE'
  | 'NOT_ENOUGH_REPLICAS'
  | 'OUT_OF_ORDER_SEQUENCE_NUMBER'
  | 'INVALID_PRODUCER_EPOCH'
  | 'UNKNOWN_PRODUCER_ID'
  | 'TOPIC_ALREADY_EXISTS'
  | 'INVALID_TOPIC_EXCEPTION'
  | 'INVALID_PARTITIONS'
  | 'INVALID_REPLICATION_FACTOR'
  | 'INVALID_CONFIG'
  | 'INVALID_REQUEST';

export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageError';
  }

  /** Kafka's numeric error code for `code`. */
  get errorCode(): number {
    return ErrorCode[this.code];
  }
}

/** Wraps a system error from a file operation as KAFKA_STORAGE_ERROR, saying what was being done. */
export function storageFailure(what: string, cause: unknown): StorageError {
  const reason = (cause as NodeJS.ErrnoException)?.code ?? (cause as Error)?.message ?? String(cause);
  return new StorageError('KAFKA_STORAGE_ERROR', `${what} failed: ${reason}`, { cause });
}
