/**
 * A refusal decided by an admin handler itself (before the log layer is asked): a Kafka error code
 * and a message for the client. `adminFailure` turns any failure of one admin item (a topic, a
 * config resource) into the code and message its result carries: a refusal as it is, a storage
 * failure by `kafkaFailure` (logged when unexpected).
 */
import type { BrokerLogger } from '../broker-api';
import { kafkaFailure, type KafkaFailure } from './storage-error-code';

export class AdminRefusal extends Error {
  constructor(
    readonly errorCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'AdminRefusal';
  }
}

export function adminFailure(error: unknown, logger: BrokerLogger, what: string): KafkaFailure {
  if (error instanceof AdminRefusal) return { errorCode: error.errorCode, message: error.message };
  return kafkaFailure(error, logger, what);
}
