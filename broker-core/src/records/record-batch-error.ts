/**
 * Why a RecordBatch was refused, named by the Kafka error code a Produce handler answers with:
 * - CORRUPT_MESSAGE: the bytes are not a well-formed batch (bad length, truncated, CRC mismatch);
 * - INVALID_RECORD: well-formed but not acceptable (magic other than 2, record count that does
 *   not match lastOffsetDelta, a control batch from a client, an unknown compression codec);
 * - MESSAGE_TOO_LARGE: a batch larger than the topic's `max.message.bytes` (Kafka's
 *   RecordTooLargeException).
 */
import { ErrorCode } from '../protocol/generated/errors';

export type RecordBatchErrorCode = 'CORRUPT_MESSAGE' | 'INVALID_RECORD' | 'MESSAGE_TOO_LARGE';

export class RecordBatchError extends Error {
  constructor(
    readonly code: RecordBatchErrorCode,
    message: string,
    /** Which batch of the payload (0-based) was refused. */
    readonly batchIndex: number,
  ) {
    super(message);
    this.name = 'RecordBatchError';
  }

  /** Kafka's numeric error code for `code`. */
  get errorCode(): number {
    return ErrorCode[this.code];
  }
}
