/**
 * Kafka's controller applies one admin operation as at most 10,000 metadata records (a topic, each
 * of its partitions and each config override is one) and refuses a larger one as a whole with
 * POLICY_VIOLATION. Eddy keeps the same limit: it is what a client moving to Kafka would hit, and it
 * stops one request from creating millions of partition directories.
 */
import { ErrorCode } from '../protocol/generated/errors';
import { AdminRefusal } from './admin-refusal';

export const MAX_RECORDS_PER_ADMIN_OPERATION = 10_000;

/** Kafka's message, word for word (clients and tools match on it). */
export const EXCESSIVE_BATCH_MESSAGE = 'Unable to perform excessively large batch operation.';

export function excessiveBatchRefusal(records: number): AdminRefusal {
  return new AdminRefusal(
    ErrorCode.POLICY_VIOLATION,
    `${EXCESSIVE_BATCH_MESSAGE} It would write ${records} metadata records (topics, partitions and configs); the limit is ${MAX_RECORDS_PER_ADMIN_OPERATION}.`,
  );
}
