/**
 * Why a RecordBatch was refused, named by the Kafka error code a Produce handler answers with:
 * - CORRUPT_MESSAGE: the bytes are not a well-formed batch (bad length, truncated, CRC mismatch);
 * - INVALID_RECORD: well-formed but not acceptable (magic other than 2, record count that does
 *   not match lastOffsetDelta, a control batch from a client, an unknown compression codec);
 * - MESSAGE_TOO_LARGE: a batch larger than the topic's `max.message.bytes` (Kafka's
 *   RecordTooLargeException).
 */
export type RecordBatchErrorCode = 'CORRUPT_MESSAGE' | 'INVALID_RECORD' | 'MESSAGE_TOO_LARGE';

/**
 * Kafka's numeric codes for the three names, as in Kafka's `Errors` (CORRUPT_MESSAGE = 2,
 * MESSAGE_TOO_LARGE = 10, INVALID_RECORD = 87): kept here so the record codec needs nothing of
 * the protocol layer.
 */
const KAFKA_ERROR_CODES = { CORRUPT_MESSAGE: 2, MESSAGE_TOO_LARGE: 10, INVALID_RECORD: 87 } as const satisfies Record<RecordBatchErrorCode, number>;

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
    return KAFKA_ERROR_CODES[this.code];
  }
}
