/**
 * Fetch v12 that keeps the records as Kafka sent them: the Kafka client's own Fetch decodes the
 * record batches, while a RecordSource hands out the stored bytes (record-source.ts). The request
 * is the client's (replica id -1: a consumer, not a follower); the response parser is this one,
 * which slices the records and trims a batch Kafka cut at the size limit, so only whole batches
 * come back. No consumer group and no fetch session (session id 0, epoch -1): reading leaves no
 * trace on the cluster.
 */
import { createAPI, fetchV12, FetchIsolationLevels, ResponseError, type Connection, type Reader } from '@platformatic/kafka';

export interface RawFetchPartition {
  partitionIndex: number;
  errorCode: number;
  highWatermark: bigint;
  logStartOffset: bigint;
  /** Whole record batches, byte for byte as the broker sent them (empty: none). */
  records: Buffer;
}

export interface RawFetchResponse {
  errorCode: number;
  responses: { topic: string; partitions: RawFetchPartition[] }[];
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

/* Fetch Response v12 (see the client's fetch-v12.js for the layout), records kept as bytes. */
function parseResponse(_correlationId: number, apiKey: number, apiVersion: number, reader: Reader): RawFetchResponse {
  const errors: [string, [number, null]][] = [];
  reader.readInt32(); // throttle_time_ms
  const errorCode = reader.readInt16();
  if (errorCode !== 0) errors.push(['/', [errorCode, null]]);
  reader.readInt32(); // session_id
  const responses = reader.readArray((r, i) => ({
    topic: r.readString(),
    partitions: r.readArray((r, j) => {
      const partitionIndex = r.readInt32();
      const partitionError = r.readInt16();
      const highWatermark = r.readInt64();
      r.readInt64(); // last_stable_offset
      const logStartOffset = r.readInt64();
      r.readArray((r) => [r.readInt64(), r.readInt64()]); // aborted_transactions
      r.readInt32(); // preferred_read_replica
      if (partitionError !== 0) errors.push([`/responses/${i}/partitions/${j}`, [partitionError, null]]);
      const size = r.readUnsignedVarInt() - 1; // COMPACT_RECORDS: length + 1, 0 for null
      const records = size > 0 ? wholeBatches(r.buffer.slice(r.position, r.position + size)) : Buffer.alloc(0);
      if (size > 0) r.skip(size);
      return { partitionIndex, errorCode: partitionError, highWatermark, logStartOffset, records };
    }),
  }));
  const response: RawFetchResponse = { errorCode, responses };
  if (errors.length > 0) throw new ResponseError(apiKey, apiVersion, Object.fromEntries(errors), response);
  return response;
}

const rawFetchV12 = createAPI<Parameters<typeof fetchV12.createRequest>, RawFetchResponse>(1, 12, fetchV12.createRequest, parseResponse);

/** About `maxBytes` of whole batches of one partition from the batch holding `offset`, asked of `connection` (its leader). */
export async function fetchRaw(connection: Connection, topic: string, partition: number, offset: number, maxBytes: number): Promise<RawFetchPartition> {
  const bytes = Math.max(1, Math.min(maxBytes, 0x7fffffff));
  const response = await rawFetchV12.async(
    connection,
    0, // max_wait_ms: answer now, whatever there is
    0, // min_bytes
    bytes,
    FetchIsolationLevels.READ_UNCOMMITTED,
    0, // session_id: no fetch session
    -1, // session_epoch
    [{ topicId: topic, partitions: [{ partition, currentLeaderEpoch: -1, fetchOffset: BigInt(offset), lastFetchedEpoch: -1, partitionMaxBytes: bytes }] }],
    [],
    '',
  );
  const found = response.responses.find((candidate) => candidate.topic === topic)?.partitions.find((candidate) => candidate.partitionIndex === partition);
  if (!found) throw new Error(`the broker's Fetch answer has no ${topic}-${partition}`);
  return found;
}
