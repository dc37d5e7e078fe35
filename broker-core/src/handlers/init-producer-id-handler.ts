/**
 * InitProducerId (key 22), v0–v5, for idempotent producers: every call gets a new producer id at
 * epoch 0 (as Kafka does for a producer without a transactional id). Transactions are not served
 * yet, so a transactional id gets COORDINATOR_NOT_AVAILABLE: there is no transaction coordinator.
 */
import { ErrorCode } from '../protocol/generated/errors';
import { InitProducerIdApi } from '../protocol/generated/index';
import { defineHandler } from './api-handler';

export const initProducerIdHandler = defineHandler({
  api: InitProducerIdApi,
  minVersion: 0,
  maxVersion: 5,
  handle(request, { broker }) {
    if (request.transactionalId !== null) {
      return { throttleTimeMs: 0, errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, producerId: -1n, producerEpoch: -1 };
    }
    return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, producerId: broker.producerIds.allocate(), producerEpoch: 0 };
  },
});
