/**
 * The load generator of the `wire` suite: speaks the Kafka protocol with requests encoded once
 * up front (only the correlation id and fetch offsets are patched in place), so the client is
 * not what limits the rate.
 *
 * - {@link produceLoad}: Produce v7 (acks=1), one pre-built RecordBatch per request, over several
 *   connections with several requests in flight on each; a request buffer is reused only after
 *   its response arrived, so patching it never changes bytes still being sent.
 * - {@link fetchLoad}: Fetch v11 of a log of known length, read back from offset 0 one or more
 *   times; each in-flight "slot" owns some partitions and sends its next fetch, with advanced
 *   offsets, when its response arrives; every pass is checked to return exactly the log.
 * - {@link endToEndLatency}: one single-record Produce per millisecond while a long-polling
 *   fetcher (min_bytes 1) reads them back; latency = receive time − send time, per record.
 *
 * Versions: the highest both brokers serve (librdkafka's mock: Produce ≤ 7, Fetch ≤ 11,
 * Metadata ≤ 2; ours: Produce 3–11, Fetch 4–16), so both parse the very same bytes.
 */
import { ErrorCode, errorCodeName } from '../../broker-core/src/protocol/generated/errors';
import { ApiVersionsApi, DeleteTopicsApi, FetchApi, MetadataApi, ProduceApi } from '../../broker-core/src/protocol/generated/index';
import { decodeResponse, encodeRequest, setCorrelationId, type Endpoint, WireConnection } from './wire-connection';

export const PRODUCE_VERSION = 7;
export const FETCH_VERSION = 11;
const METADATA_VERSION = 1;
const API_VERSIONS_VERSION = 2;
const DELETE_TOPICS_VERSION = 4;

/** Offsets within a RecordBatch v2 header. */
const BATCH_LENGTH_AT = 8;
const LAST_OFFSET_DELTA_AT = 23;
const RECORDS_COUNT_AT = 57;
const BATCH_HEADER_BYTES = 61;

export interface TopicPartition {
  topic: string;
  partition: number;
}

export interface Throughput {
  ms: number;
  records: number;
  bytes: number;
}

function errorText(code: number): string {
  return `${errorCodeName(code) ?? 'UNKNOWN'} (${code})`;
}

function readOffset(buffer: Buffer, at: number): number {
  return buffer.readInt32BE(at) * 2 ** 32 + buffer.readUInt32BE(at + 4);
}

function writeOffset(buffer: Buffer, at: number, offset: number): void {
  buffer.writeInt32BE(Math.floor(offset / 2 ** 32), at);
  buffer.writeUInt32BE(offset >>> 0, at + 4);
}

/** Record count of a RecordBatch v2. */
export function batchRecords(batch: Buffer): number {
  return batch.readInt32BE(RECORDS_COUNT_AT);
}

/** The complete batches in a fetched `records` field: their records, bytes and the offset after them. */
function walkBatches(records: Buffer): { records: number; bytes: number; nextOffset: number } {
  let position = 0;
  let count = 0;
  let nextOffset = -1;
  while (records.length - position >= BATCH_HEADER_BYTES) {
    const end = position + 12 + records.readInt32BE(position + BATCH_LENGTH_AT);
    if (end > records.length) break;
    count += records.readInt32BE(position + RECORDS_COUNT_AT);
    nextOffset = readOffset(records, position) + records.readInt32BE(position + LAST_OFFSET_DELTA_AT) + 1;
    position = end;
  }
  return { records: count, bytes: position, nextOffset };
}

/** The API versions a broker serves, by API key. */
export async function apiVersions(endpoint: Endpoint): Promise<Map<number, { min: number; max: number }>> {
  const connection = await WireConnection.open(endpoint);
  try {
    const frame = await connection.request(encodeRequest(ApiVersionsApi, API_VERSIONS_VERSION, { clientSoftwareName: 'eddy-bench', clientSoftwareVersion: '0' }));
    const response = decodeResponse(ApiVersionsApi, API_VERSIONS_VERSION, frame);
    if (response.errorCode !== ErrorCode.NONE) throw new Error(`ApiVersions failed: ${errorText(response.errorCode)}`);
    return new Map(response.apiKeys.map((key) => [key.apiKey, { min: key.minVersion, max: key.maxVersion }]));
  } finally {
    connection.close();
  }
}

/** Creates the topics (auto-creation on Metadata v1) and waits until each has `partitions` partitions with a leader. */
export async function createTopics(endpoint: Endpoint, topics: readonly string[], partitions: number): Promise<void> {
  const connection = await WireConnection.open(endpoint);
  try {
    for (let attempt = 0; ; attempt++) {
      const request = encodeRequest(MetadataApi, METADATA_VERSION, {
        topics: topics.map((name) => ({ name, topicId: 'AAAAAAAAAAAAAAAAAAAAAA' })),
        allowAutoTopicCreation: true,
        includeClusterAuthorizedOperations: false,
        includeTopicAuthorizedOperations: false,
      });
      const response = decodeResponse(MetadataApi, METADATA_VERSION, await connection.request(request));
      const ready = topics.every((name) => {
        const topic = response.topics.find((candidate) => candidate.name === name);
        return topic !== undefined && topic.errorCode === ErrorCode.NONE && topic.partitions.length === partitions && topic.partitions.every((p) => p.errorCode === ErrorCode.NONE && p.leaderId >= 0);
      });
      if (ready) return;
      if (attempt >= 100) {
        const states = response.topics.map((topic) => `${topic.name}: ${errorText(topic.errorCode)}, ${topic.partitions.length} partitions`);
        throw new Error(`topics not ready after ${attempt} Metadata requests: ${states.join('; ')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    connection.close();
  }
}

/** Deletes topics (our broker only: the mock has no admin APIs), dropping their unwritten pages. */
export async function deleteTopics(endpoint: Endpoint, topics: readonly string[]): Promise<void> {
  const connection = await WireConnection.open(endpoint);
  try {
    const request = encodeRequest(DeleteTopicsApi, DELETE_TOPICS_VERSION, { topics: [], topicNames: [...topics], timeoutMs: 30_000 });
    const response = decodeResponse(DeleteTopicsApi, DELETE_TOPICS_VERSION, await connection.request(request));
    const failed = response.responses.filter((result) => result.errorCode !== ErrorCode.NONE);
    if (failed.length > 0) throw new Error(`DeleteTopics failed: ${failed.map((result) => `${result.name}: ${errorText(result.errorCode)}`).join('; ')}`);
  } finally {
    connection.close();
  }
}

async function openConnections(endpoint: Endpoint, count: number): Promise<WireConnection[]> {
  return Promise.all(Array.from({ length: count }, () => WireConnection.open(endpoint)));
}

function produceRequest(target: TopicPartition, batch: Buffer): Buffer {
  return encodeRequest(ProduceApi, PRODUCE_VERSION, {
    transactionalId: null,
    acks: 1,
    timeoutMs: 30_000,
    topicData: [{ name: target.topic, partitionData: [{ index: target.partition, records: batch }] }],
  });
}

function checkProduceResponse(frame: Buffer): { baseOffset: number } {
  const response = decodeResponse(ProduceApi, PRODUCE_VERSION, frame);
  let baseOffset = -1;
  for (const topic of response.responses) {
    for (const partition of topic.partitionResponses) {
      if (partition.errorCode !== ErrorCode.NONE) {
        throw new Error(`produce to ${topic.name}-${partition.index} failed: ${errorText(partition.errorCode)}${partition.errorMessage ? `: ${partition.errorMessage}` : ''}`);
      }
      baseOffset = Number(partition.baseOffset);
    }
  }
  return { baseOffset };
}

export interface ProduceLoad {
  /** Request k of connection c goes to targets[(c + k) % targets.length]. */
  targets: readonly TopicPartition[];
  /** Pre-built RecordBatches, used in turn. */
  batches: readonly Buffer[];
  /** Produce requests in total (one batch each), spread evenly over the connections. */
  requests: number;
  connections: number;
  inFlight: number;
  /** Untimed requests sent on each connection first (and answered) so TCP buffers have grown. */
  warmUpRequests?: number;
  /**
   * Send `inFlight` more (untimed) requests per connection after the timed ones, so the last timed
   * responses are not held back: the mock leaves Nagle on, and a connection with nothing more to
   * send acknowledges late (delayed ACK), which stalls the last small response ~40 ms.
   */
  keepPipelineFull?: boolean;
}

/** Sends each connection's warm-up requests, all at once, and waits for every response. */
async function warmUp(connections: readonly WireConnection[], requests: (connection: number) => Buffer[]): Promise<void> {
  await Promise.all(connections.flatMap((connection, c) => requests(c).map((request) => connection.request(request))));
}

/** Produces `requests` batches as fast as the broker answers; the time runs from the first send to the last timed response. */
export async function produceLoad(endpoint: Endpoint, load: ProduceLoad): Promise<Throughput> {
  const connections = await openConnections(endpoint, load.connections);
  if (load.warmUpRequests) await warmUp(connections, (c) => Array.from({ length: load.warmUpRequests! }, (_, k) => produceRequest(load.targets[(c + k) % load.targets.length], load.batches[k % load.batches.length])));
  // A multiple of the target count (so slot j always holds the same target) and at least twice
  // the requests in flight (so a slot is reused only after its response has arrived).
  const ringSize = load.targets.length * Math.max(1, Math.ceil((2 * load.inFlight) / load.targets.length), Math.ceil(load.batches.length / load.targets.length));
  const rings = connections.map((_, c) =>
    Array.from({ length: ringSize }, (_, j) => produceRequest(load.targets[(c + j) % load.targets.length], load.batches[j % load.batches.length])),
  );
  const batchRecordCounts = load.batches.map(batchRecords);
  const trailing = load.keepPipelineFull ? load.inFlight : 0;
  let records = 0;
  let bytes = 0;
  let ms = 0;
  try {
    return await new Promise<Throughput>((resolve, reject) => {
      let answered = 0;
      let started = 0;
      const quota = connections.map((_, c) => Math.floor(load.requests / load.connections) + (c < load.requests % load.connections ? 1 : 0) + trailing);
      const total = load.requests + trailing * load.connections;
      const sent = connections.map(() => 0);
      const sendNext = (c: number) => {
        if (sent[c] >= quota[c]) return;
        const j = sent[c]++ % ringSize;
        const request = rings[c][j];
        setCorrelationId(request, connections[c].correlationId());
        const batchIndex = j % load.batches.length;
        connections[c].send(request, (frame) => {
          try {
            checkProduceResponse(frame);
          } catch (error) {
            reject(error);
            return;
          }
          if (++answered <= load.requests) {
            records += batchRecordCounts[batchIndex];
            bytes += load.batches[batchIndex].length;
            if (answered === load.requests) ms = performance.now() - started;
          }
          if (answered === total) resolve({ ms, records, bytes });
          else sendNext(c);
        });
      };
      connections.forEach((connection) => (connection.onFailure = reject));
      started = performance.now();
      for (let c = 0; c < connections.length; c++) for (let k = 0; k < load.inFlight; k++) sendNext(c);
      if (total === 0) resolve({ ms: 0, records: 0, bytes: 0 });
    });
  } finally {
    for (const connection of connections) connection.close();
  }
}

/** Writes exactly `batchesPerTarget` batches to every target (one connection, so the counts are exact). */
export async function fillLog(endpoint: Endpoint, targets: readonly TopicPartition[], batches: readonly Buffer[], batchesPerTarget: number): Promise<Throughput> {
  return produceLoad(endpoint, { targets, batches, requests: targets.length * batchesPerTarget, connections: 1, inFlight: 4 });
}

export interface FetchLoad {
  targets: readonly TopicPartition[];
  /** The log end offset of every target (each was filled from 0). */
  endOffset: number;
  /** Times the whole log is read, from offset 0: the clock stops once that many records are in. */
  passes: number;
  connections: number;
  inFlight: number;
  partitionMaxBytes: number;
  maxBytes: number;
  maxWaitMs: number;
}

interface FetchSlot {
  connection: WireConnection;
  request: Buffer;
  targets: TopicPartition[];
  /** Where each target's fetchOffset sits in `request`. */
  offsetAt: number[];
  offsets: number[];
  byKey: Map<string, number>;
  /** Records read in the current pass over this slot's partitions. */
  passRecords: number;
  idle: number;
}

const SENTINEL_OFFSET = 0x7ead_beefn << 24n;

function fetchRequest(targets: readonly TopicPartition[], load: Pick<FetchLoad, 'partitionMaxBytes' | 'maxBytes' | 'maxWaitMs'>): { request: Buffer; offsetAt: number[] } {
  const topics = [...new Set(targets.map((target) => target.topic))];
  const sentinel = (index: number) => SENTINEL_OFFSET + BigInt(index);
  const request = encodeRequest(FetchApi, FETCH_VERSION, {
    clusterId: null,
    replicaId: -1,
    replicaState: { replicaId: -1, replicaEpoch: -1n },
    maxWaitMs: load.maxWaitMs,
    minBytes: 1,
    maxBytes: load.maxBytes,
    isolationLevel: 0,
    sessionId: 0,
    sessionEpoch: -1,
    topics: topics.map((topic) => ({
      topic,
      topicId: 'AAAAAAAAAAAAAAAAAAAAAA',
      partitions: targets
        .map((target, index) => ({ target, index }))
        .filter(({ target }) => target.topic === topic)
        .map(({ target, index }) => ({
          partition: target.partition,
          currentLeaderEpoch: -1,
          fetchOffset: sentinel(index),
          lastFetchedEpoch: -1,
          logStartOffset: -1n,
          partitionMaxBytes: load.partitionMaxBytes,
          replicaDirectoryId: 'AAAAAAAAAAAAAAAAAAAAAA',
        })),
    })),
    forgottenTopicsData: [],
    rackId: '',
  });
  const offsetAt = targets.map((_, index) => {
    const bytes = Buffer.alloc(8);
    bytes.writeBigInt64BE(sentinel(index));
    const at = request.indexOf(bytes);
    if (at < 0) throw new Error('fetch request: fetchOffset not found');
    writeOffset(request, at, 0);
    return at;
  });
  return { request, offsetAt };
}

/** Reads the whole log back `passes` times; the time runs from the first fetch to the last response. */
export async function fetchLoad(endpoint: Endpoint, load: FetchLoad): Promise<Throughput> {
  const connections = await openConnections(endpoint, load.connections);
  // Untimed: one fetch from offset 0 per slot, so TCP buffers have grown before the clock starts.
  const slotCount = load.connections * load.inFlight;
  await warmUp(connections, (c) =>
    Array.from({ length: load.inFlight }, (_, k) => load.targets.filter((_, index) => index % slotCount === k * load.connections + c))
      .filter((targets) => targets.length > 0)
      .map((targets) => fetchRequest(targets, load).request),
  );
  const slots: FetchSlot[] = [];
  for (let s = 0; s < slotCount; s++) {
    const targets = load.targets.filter((_, index) => index % slotCount === s);
    if (targets.length === 0) continue;
    const { request, offsetAt } = fetchRequest(targets, load);
    slots.push({
      connection: connections[s % load.connections],
      request,
      targets,
      offsetAt,
      offsets: targets.map(() => 0),
      byKey: new Map(targets.map((target, index) => [`${target.topic}\u0000${target.partition}`, index])),
      passRecords: 0,
      idle: 0,
    });
  }
  const expected = load.targets.length * load.endOffset * load.passes;
  let records = 0;
  let bytes = 0;
  try {
    return await new Promise<Throughput>((resolve, reject) => {
      let started = 0;
      let result: Throughput | null = null;
      let outstanding = 0;
      const send = (slot: FetchSlot) => {
        for (let i = 0; i < slot.targets.length; i++) writeOffset(slot.request, slot.offsetAt[i], slot.offsets[i]);
        setCorrelationId(slot.request, slot.connection.correlationId());
        outstanding++;
        slot.connection.send(slot.request, (frame) => {
          outstanding--;
          try {
            onResponse(slot, frame);
          } catch (error) {
            reject(error);
          }
        });
      };
      const onResponse = (slot: FetchSlot, frame: Buffer) => {
        const response = decodeResponse(FetchApi, FETCH_VERSION, frame);
        if (response.errorCode !== ErrorCode.NONE) throw new Error(`fetch failed: ${errorText(response.errorCode)}`);
        let progress = 0;
        for (const topic of response.responses) {
          for (const partition of topic.partitions) {
            const index = slot.byKey.get(`${topic.topic}\u0000${partition.partitionIndex}`);
            if (index === undefined) throw new Error(`fetch answered for ${topic.topic}-${partition.partitionIndex}, which was not asked for`);
            if (partition.errorCode !== ErrorCode.NONE) throw new Error(`fetch from ${topic.topic}-${partition.partitionIndex} failed: ${errorText(partition.errorCode)}`);
            if (partition.logStartOffset > 0n) {
              throw new Error(`${topic.topic}-${partition.partitionIndex} starts at offset ${partition.logStartOffset}: older data was dropped (the mock keeps ~5 MiB per partition); use a smaller log`);
            }
            if (partition.records === null || partition.records.length === 0) continue;
            const walked = walkBatches(partition.records);
            if (walked.nextOffset < 0) continue;
            if (result === null) {
              records += walked.records;
              bytes += walked.bytes;
            }
            progress += walked.records;
            slot.passRecords += walked.records;
            slot.offsets[index] = walked.nextOffset;
          }
        }
        if (result === null && records >= expected) result = { ms: performance.now() - started, records, bytes };
        if (slot.offsets.every((offset) => offset >= load.endOffset)) {
          const wanted = slot.targets.length * load.endOffset;
          if (slot.passRecords !== wanted) throw new Error(`a pass over ${slot.targets.length} partitions read ${slot.passRecords} records, expected ${wanted}`);
          slot.passRecords = 0;
          slot.offsets.fill(0);
        } else if (progress === 0 && ++slot.idle > 20) {
          throw new Error(`fetch makes no progress at offsets ${slot.offsets.join(', ')} of ${load.endOffset}`);
        }
        if (progress > 0) slot.idle = 0;
        // Slots keep reading (untimed, pass after pass) until the total is in, so the last timed
        // responses are not held back by the mock's Nagle (see ProduceLoad.keepPipelineFull).
        if (result === null) send(slot);
        else if (outstanding === 0) resolve(result);
      };
      connections.forEach((connection) => (connection.onFailure = reject));
      started = performance.now();
      for (const slot of slots) send(slot);
    });
  } finally {
    for (const connection of connections) connection.close();
  }
}

export interface LatencyLoad {
  target: TopicPartition;
  /** A pre-built one-record batch. */
  batch: Buffer;
  records: number;
  ratePerSecond: number;
  maxWaitMs: number;
  /** How long to wait for the last records after the last send. */
  drainMs: number;
}

export interface LatencyResult {
  /** Receive time − send time of every record read back, in ms, in offset order. */
  latenciesMs: number[];
  sent: number;
}

/**
 * Sends one single-record batch every 1000/rate ms (on a 1 ms timer, catching up when it fires
 * late) while one fetcher long-polls the partition; the first offset read back is matched to the
 * first send through the Produce responses' base offsets.
 */
export async function endToEndLatency(endpoint: Endpoint, load: LatencyLoad): Promise<LatencyResult> {
  const [producer, fetcher] = await openConnections(endpoint, 2);
  const sentAt: number[] = [];
  const sentAtByOffset = new Map<number, number>();
  const receivedAt = new Map<number, number>();
  const pool: Buffer[] = [];
  const template = produceRequest(load.target, load.batch);
  const { request: fetch, offsetAt } = fetchRequest([load.target], { partitionMaxBytes: 1 << 20, maxBytes: 1 << 20, maxWaitMs: load.maxWaitMs });
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      let nextOffset = 0;
      let drainTimer: NodeJS.Timeout | undefined;
      const complete = () => receivedAt.size >= load.records && sentAtByOffset.size >= load.records;
      const finish = () => {
        stopped = true;
        clearTimeout(drainTimer);
        resolve();
      };
      const fail = (error: unknown) => {
        stopped = true;
        clearTimeout(drainTimer);
        reject(error);
      };
      const poll = () => {
        writeOffset(fetch, offsetAt[0], nextOffset);
        setCorrelationId(fetch, fetcher.correlationId());
        fetcher.send(fetch, (frame, at) => {
          try {
            const response = decodeResponse(FetchApi, FETCH_VERSION, frame);
            for (const topic of response.responses) {
              for (const partition of topic.partitions) {
                if (partition.errorCode !== ErrorCode.NONE) throw new Error(`latency fetch failed: ${errorText(partition.errorCode)}`);
                const records = partition.records;
                if (records === null) continue;
                let position = 0;
                while (records.length - position >= BATCH_HEADER_BYTES) {
                  const end = position + 12 + records.readInt32BE(position + BATCH_LENGTH_AT);
                  if (end > records.length) break;
                  const base = readOffset(records, position);
                  const last = base + records.readInt32BE(position + LAST_OFFSET_DELTA_AT);
                  for (let offset = base; offset <= last; offset++) if (!receivedAt.has(offset)) receivedAt.set(offset, at);
                  nextOffset = last + 1;
                  position = end;
                }
              }
            }
          } catch (error) {
            fail(error);
            return;
          }
          if (complete()) finish();
          else if (!stopped) poll();
        });
      };
      const sendOne = () => {
        const request = pool.pop() ?? Buffer.from(template);
        const correlationId = producer.correlationId();
        setCorrelationId(request, correlationId);
        const index = sentAt.length;
        sentAt.push(performance.now());
        producer.send(request, (frame) => {
          pool.push(request);
          try {
            sentAtByOffset.set(checkProduceResponse(frame).baseOffset, sentAt[index]);
          } catch (error) {
            fail(error);
            return;
          }
          if (complete()) finish();
        });
      };
      producer.onFailure = fail;
      fetcher.onFailure = (error) => {
        if (!stopped) fail(error);
      };
      poll();
      const started = performance.now();
      const intervalMs = 1000 / load.ratePerSecond;
      timer = setInterval(() => {
        const due = Math.min(load.records, Math.floor((performance.now() - started) / intervalMs) + 1);
        while (sentAt.length < due) sendOne();
        if (sentAt.length >= load.records) {
          clearInterval(timer);
          drainTimer = setTimeout(finish, load.drainMs);
        }
      }, 1);
    });
  } finally {
    clearInterval(timer);
    producer.close();
    fetcher.close();
  }
  const latenciesMs: number[] = [];
  for (const [offset, at] of [...receivedAt].sort((a, b) => a[0] - b[0])) {
    const sent = sentAtByOffset.get(offset);
    if (sent !== undefined) latenciesMs.push(at - sent);
  }
  return { latenciesMs, sent: sentAt.length };
}

/** The q-quantile (0–1) of `values`, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
