/**
 * Fetch (key 1), v4–v16 (v4 is the first that carries RecordBatch v2 and isolation levels).
 *
 * Returns whole stored batches straight from the segment files, from the batch holding each
 * requested offset on, within the request's and each partition's byte limits — but never less
 * than one whole batch for the first partition that has data (KIP-74). When fewer than
 * `min_bytes` are available and no partition has an error, the request is parked until an append
 * to one of its partitions or `max_wait_ms`. Fetch sessions are declined (session id 0 in every
 * answer, which KIP-227 lets a broker do), so every fetch is a full one. Transactions are not
 * stored, so the last stable offset is the high watermark and there are no aborted transactions.
 * As Kafka, the tagged `currentLeader` is left at its default (not sent): KIP-951 sends it only
 * with NOT_LEADER_OR_FOLLOWER / FENCED_LEADER_EPOCH, and some clients cannot skip tagged fields.
 */
import type { BrokerState } from '../cluster/broker-state';
import { ErrorCode } from '../protocol/generated/errors';
import { FetchApi, type FetchRequest, type FetchResponseFetchableTopicResponse, type FetchResponsePartitionData } from '../protocol/generated/index';
import type { ReadMemory } from '../storage/read-buffer-pool';
import { StorageError } from '../storage/storage-error';
import { defineHandler } from './api-handler';
import { kafkaFailure } from './storage-error-code';

const LEADER_EPOCH = 0;
const READ_COMMITTED = 1;
/**
 * A partition answered with an error still carries a record set, an empty one, as Kafka's
 * (`MemoryRecords.EMPTY`): librdkafka cannot parse a null one (size -1) and never sees the error.
 */
const NO_RECORDS: Buffer = Buffer.alloc(0);

interface FetchRound {
  responses: FetchResponseFetchableTopicResponse[];
  bytes: number;
  hasError: boolean;
  waitable: Array<{ topic: string; partition: number }>;
}

function partitionData(partitionIndex: number, errorCode: number, readCommitted: boolean): FetchResponsePartitionData {
  return {
    partitionIndex,
    errorCode,
    highWatermark: -1n,
    lastStableOffset: -1n,
    logStartOffset: -1n,
    divergingEpoch: { epoch: -1, endOffset: -1n },
    currentLeader: { leaderId: -1, leaderEpoch: -1 },
    snapshotId: { endOffset: -1n, epoch: -1 },
    abortedTransactions: readCommitted ? [] : null,
    preferredReadReplica: -1,
    records: NO_RECORDS,
  };
}

function leaderEpochError(currentLeaderEpoch: number): number {
  if (currentLeaderEpoch < 0 || currentLeaderEpoch === LEADER_EPOCH) return ErrorCode.NONE;
  return currentLeaderEpoch > LEADER_EPOCH ? ErrorCode.UNKNOWN_LEADER_EPOCH : ErrorCode.FENCED_LEADER_EPOCH;
}

function readRound(broker: BrokerState, request: FetchRequest, version: number, memory: ReadMemory): FetchRound {
  const readCommitted = request.isolationLevel === READ_COMMITTED;
  const round: FetchRound = { responses: [], bytes: 0, hasError: false, waitable: [] };
  let budget = version >= 3 ? request.maxBytes : Number.MAX_SAFE_INTEGER;
  for (const wanted of request.topics) {
    const name = version >= 13 ? broker.logs.topicNameById(wanted.topicId) : wanted.topic;
    const partitions: FetchResponsePartitionData[] = [];
    round.responses.push({ topic: wanted.topic, topicId: wanted.topicId, partitions });
    const partitionCount = name !== undefined && broker.logs.hasTopic(name) ? broker.logs.describeTopic(name).partitions : -1;
    for (const asked of wanted.partitions) {
      const unknown = name === undefined ? ErrorCode.UNKNOWN_TOPIC_ID : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
      const refusal = asked.partition < 0 || asked.partition >= partitionCount ? unknown : leaderEpochError(asked.currentLeaderEpoch);
      if (refusal !== ErrorCode.NONE) {
        partitions.push(partitionData(asked.partition, refusal, readCommitted));
        round.hasError = true;
        continue;
      }
      const data = partitionData(asked.partition, ErrorCode.NONE, readCommitted);
      try {
        const limit = Math.max(0, Math.min(asked.partitionMaxBytes, budget));
        const read = broker.logs.read(name!, asked.partition, Number(asked.fetchOffset), limit, { minOneBatch: round.bytes === 0, memory });
        data.highWatermark = BigInt(read.highWatermark);
        data.lastStableOffset = BigInt(read.lastStableOffset);
        data.logStartOffset = BigInt(read.logStartOffset);
        data.records = read.records;
        round.bytes += read.records.length;
        budget -= read.records.length;
        round.waitable.push({ topic: name!, partition: asked.partition });
      } catch (error) {
        data.errorCode = error instanceof StorageError ? error.errorCode : kafkaFailure(error, broker.logger, `fetch from ${name}-${asked.partition}`).errorCode;
        round.hasError = true;
      }
      partitions.push(data);
    }
  }
  return round;
}

export const fetchHandler = defineHandler({
  api: FetchApi,
  minVersion: 4,
  maxVersion: 16,
  async handle(request, { broker, apiVersion, afterResponse, waitingFor }) {
    const answer = (errorCode: number, responses: FetchResponseFetchableTopicResponse[]) => ({ throttleTimeMs: 0, errorCode, sessionId: 0, responses, nodeEndpoints: [] });
    if (apiVersion >= 7 && request.sessionId !== 0) return answer(ErrorCode.FETCH_SESSION_ID_NOT_FOUND, []);
    if (apiVersion >= 7 && request.sessionEpoch > 0) return answer(ErrorCode.INVALID_FETCH_SESSION_EPOCH, []);
    const deadline = Date.now() + Math.max(0, request.maxWaitMs);
    // The records are read into pooled memory (or lent by the tail cache), given back once the response has been sent.
    const lease = broker.readBuffers.lease();
    afterResponse(() => lease.release());
    for (;;) {
      const round = readRound(broker, request, apiVersion, lease);
      const left = deadline - Date.now();
      if (round.bytes >= request.minBytes || round.hasError || left <= 0 || round.waitable.length === 0) {
        return answer(ErrorCode.NONE, round.responses);
      }
      waitingFor(`new records (long poll: ${round.bytes} of min.bytes ${request.minBytes}, max.wait.ms ${request.maxWaitMs})`, request.maxWaitMs);
      await broker.appendWaiters.waitForAppend(round.waitable, left);
      if (broker.stopping) return answer(ErrorCode.NONE, round.responses);
    }
  },
});
