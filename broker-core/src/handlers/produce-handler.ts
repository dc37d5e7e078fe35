/**
 * Produce (key 0), v3–v11 (v3 is the first that carries RecordBatch v2, the only format stored).
 *
 * Each partition's batches go to the log as the producer sent them (the log validates them and
 * rewrites only baseOffset and partitionLeaderEpoch). acks=-1 answers once the data is fsynced
 * (group commit), acks=1 once written to the OS, acks=0 gets no response at all. Per-partition
 * errors (unknown topic or partition, corrupt or invalid batch, too large, storage failure,
 * out-of-order sequence) are answered in the response; one partition's failure does not affect
 * the others. Topics are auto-created as on Metadata. Transactions are not served yet: a
 * transactional request is refused with INVALID_TXN_STATE.
 */
import type { BrokerState } from '../cluster/broker-state';
import { ErrorCode } from '../protocol/generated/errors';
import { ProduceApi, type ProduceResponsePartitionProduceResponse } from '../protocol/generated/index';
import { RecordBatchError } from '../records/record-batch-error';
import type { Acks } from '../storage/partition-log';
import { defineHandler } from './api-handler';
import { kafkaFailure } from './storage-error-code';
import { ensureTopic } from './topic-auto-create';

type PartitionResponse = ProduceResponsePartitionProduceResponse;

const noLeader = { leaderId: -1, leaderEpoch: -1 };

function failed(index: number, errorCode: number, message: string | null, batchIndex = -1): PartitionResponse {
  return {
    index,
    errorCode,
    baseOffset: -1n,
    logAppendTimeMs: -1n,
    logStartOffset: -1n,
    recordErrors: batchIndex >= 0 ? [{ batchIndex, batchIndexErrorMessage: message }] : [],
    errorMessage: message,
    currentLeader: noLeader,
  };
}

/**
 * What a Produce request waits for, over its partitions: their log writes, then their fsyncs
 * (acks=all, or a `flush.messages` flush), told to the connection for stall reports.
 */
class ProduceWaits {
  private readonly writing = new Set<string>();
  private readonly syncing = new Set<string>();

  constructor(private readonly report: (description: string) => void) {}

  written(partition: string): void {
    this.writing.delete(partition);
    this.syncing.add(partition);
    this.tell();
  }

  started(partition: string): void {
    this.writing.add(partition);
    this.tell();
  }

  finished(partition: string): void {
    this.writing.delete(partition);
    this.syncing.delete(partition);
  }

  private tell(): void {
    if (this.writing.size > 0) this.report(`the log write of ${ProduceWaits.list(this.writing)}`);
    else if (this.syncing.size > 0) this.report(`the fsync of ${ProduceWaits.list(this.syncing)}`);
  }

  private static list(partitions: Set<string>): string {
    const names = [...partitions];
    return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more partitions`;
  }
}

async function appendPartition(broker: BrokerState, topic: string, index: number, records: Buffer | null, acks: Acks, waits: ProduceWaits): Promise<PartitionResponse> {
  if (index < 0 || index >= broker.logs.describeTopic(topic).partitions) {
    return failed(index, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `topic "${topic}" has no partition ${index}`);
  }
  if (records === null || records.length === 0) return failed(index, ErrorCode.CORRUPT_MESSAGE, 'the request carries no record batch for this partition');
  const name = `${topic}-${index}`;
  waits.started(name);
  try {
    const result = await broker.logs.append(topic, index, records, { acks, onWritten: () => waits.written(name) });
    return {
      index,
      errorCode: ErrorCode.NONE,
      baseOffset: BigInt(result.baseOffset),
      logAppendTimeMs: BigInt(result.logAppendTime),
      logStartOffset: BigInt(result.logStartOffset),
      recordErrors: [],
      errorMessage: null,
      currentLeader: noLeader,
    };
  } catch (error) {
    const failure = kafkaFailure(error, broker.logger, `produce to ${topic}-${index}`);
    return failed(index, failure.errorCode, failure.message, error instanceof RecordBatchError ? error.batchIndex : -1);
  } finally {
    waits.finished(name);
  }
}

export const produceHandler = defineHandler({
  api: ProduceApi,
  minVersion: 3,
  maxVersion: 11,
  async handle(request, { broker, waitingFor }) {
    const acks = request.acks;
    const refuseAll = (errorCode: number, message: string) =>
      request.topicData.map((topic) => ({ name: topic.name, partitionResponses: topic.partitionData.map((partition) => failed(partition.index, errorCode, message)) }));
    let responses;
    if (acks !== -1 && acks !== 0 && acks !== 1) {
      responses = refuseAll(ErrorCode.INVALID_REQUIRED_ACKS, `acks must be -1, 0 or 1, not ${acks}`);
    } else if (request.transactionalId !== null) {
      responses = refuseAll(ErrorCode.INVALID_TXN_STATE, 'transactions are not supported by this broker yet');
    } else {
      const waits = new ProduceWaits(waitingFor);
      responses = await Promise.all(
        request.topicData.map(async (topic) => {
          const presence = ensureTopic(broker, topic.name, true);
          const partitionResponses = presence.exists
            ? await Promise.all(topic.partitionData.map((partition) => appendPartition(broker, topic.name, partition.index, partition.records, acks, waits)))
            : topic.partitionData.map((partition) => failed(partition.index, presence.errorCode, presence.message));
          return { name: topic.name, partitionResponses };
        }),
      );
    }
    if (acks === 0) return null;
    return { responses, throttleTimeMs: 0, nodeEndpoints: [] };
  },
});
