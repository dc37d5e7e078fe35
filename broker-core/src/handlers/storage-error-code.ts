/**
 * Maps a failure from the log layer to the Kafka error code a handler answers with, and logs what
 * is not an expected refusal (anything without a Kafka code is UNKNOWN_SERVER_ERROR).
 */
import type { BrokerLogger } from '../broker-api';
import { ErrorCode } from '../protocol/generated/errors';
import { RecordBatchError } from '../records/record-batch-error';
import { StorageError } from '../storage/storage-error';

export interface KafkaFailure {
  errorCode: number;
  message: string;
}

export function kafkaFailure(error: unknown, logger: BrokerLogger, what: string): KafkaFailure {
  if (error instanceof StorageError || error instanceof RecordBatchError) {
    if (error instanceof StorageError && error.code === 'KAFKA_STORAGE_ERROR') logger.error(`${what}: ${error.message}`);
    return { errorCode: error.errorCode, message: error.message };
  }
  logger.error(`${what} failed unexpectedly: ${(error as Error)?.stack ?? String(error)}`);
  return { errorCode: ErrorCode.UNKNOWN_SERVER_ERROR, message: `internal error: ${(error as Error)?.message ?? String(error)}` };
}
