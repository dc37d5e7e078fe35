/**
 * A Fetch that keeps the records as Kafka sent them, at the version the cluster takes (v4 to
 * v12): the generated codec hands the records field out as the answer's own bytes, and this
 * trims a batch Kafka cut at the size limit, so only whole batches come back, as a RecordSource
 * hands them out (record-source.ts). Asked as a consumer (replica id -1), of the partition's
 * leader, with no consumer group and no fetch session (session id 0, epoch -1): reading leaves no
 * trace on the cluster.
 */
import type { Connection } from '@platformatic/kafka';
import { ZERO_UUID, type FetchRequest } from '../../../../broker-core/src/protocol/index';
import { ask, kafkaError, OWN_APIS } from './kafka-request';

export interface RawFetchPartition {
  partitionIndex: number;
  errorCode: number;
  highWatermark: bigint;
  logStartOffset: bigint;
  /** Whole record batches, byte for byte as the broker sent them (empty: none). */
  records: Buffer;
}

const BATCH_LENGTH_OFFSET = 8;
const BATCH_HEADER = 12;

/** The leading whole batches of `records` (Kafka may end a response with a truncated one). */
export function wholeBatches(records: Buffer): Buffer {
  let end = 0;
  while (end + BATCH_HEADER <= records.length) {
    const next = end + BATCH_HEADER + records.readInt32BE(end + BATCH_LENGTH_OFFSET);
    if (next > records.length) break;
    end = next;
  }
  return end === records.length ? records : records.subarray(0, end);
}

const CONSUMER_REPLICA = -1;
const READ_UNCOMMITTED = 0;

/** About `maxBytes` of whole batches of one partition from the batch holding `offset`, asked of `connection` (its leader) with Fetch `version`. */
export async function fetchRaw(connection: Connection, version: number, topic: string, partition: number, offset: number, maxBytes: number): Promise<RawFetchPartition> {
  const bytes = Math.max(1, Math.min(maxBytes, 0x7fffffff));
  const request: FetchRequest = {
    clusterId: null,
    replicaId: CONSUMER_REPLICA,
    replicaState: { replicaId: CONSUMER_REPLICA, replicaEpoch: -1n },
    maxWaitMs: 0, // answer now, whatever there is
    minBytes: 0,
    maxBytes: bytes,
    isolationLevel: READ_UNCOMMITTED,
    sessionId: 0, // no fetch session
    sessionEpoch: -1,
    topics: [{ topic, topicId: ZERO_UUID, partitions: [{ partition, currentLeaderEpoch: -1, fetchOffset: BigInt(offset), lastFetchedEpoch: -1, logStartOffset: -1n, partitionMaxBytes: bytes, replicaDirectoryId: ZERO_UUID }] }],
    forgottenTopicsData: [],
    rackId: '',
  };
  const response = await ask(connection, OWN_APIS.fetch, version, request);
  if (response.errorCode !== 0) throw kafkaError(response.errorCode, `fetching ${topic}-${partition}`);
  const found = response.responses.find((candidate) => candidate.topic === topic)?.partitions.find((candidate) => candidate.partitionIndex === partition);
  if (!found) throw new Error(`the broker's Fetch answer has no ${topic}-${partition}`);
  if (found.errorCode !== 0) throw kafkaError(found.errorCode, `fetching ${topic}-${partition} from offset ${offset}`);
  return {
    partitionIndex: found.partitionIndex,
    errorCode: found.errorCode,
    highWatermark: found.highWatermark,
    logStartOffset: found.logStartOffset,
    records: found.records && found.records.length > 0 ? wholeBatches(found.records) : Buffer.alloc(0),
  };
}
