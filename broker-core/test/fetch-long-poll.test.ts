/**
 * Fetch long-poll over real TCP: a fetch at the end of the log is parked (and its connection says
 * so: what it waits for, as expected, not stalled) and woken by an append,
 * answers empty when max_wait passes, and returns at least one whole batch even when the batch is
 * larger than every byte limit (KIP-74).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchApi, type FetchRequest, type FetchResponse } from '../src/protocol/generated/index';
import { writeRequestHeader, readResponseHeader, requestHeaderVersion, responseHeaderVersion } from '../src/protocol/headers';
import { ProtocolReader } from '../src/protocol/primitives/reader';
import { ProtocolWriter } from '../src/protocol/primitives/writer';
import { buildRecordBatch } from '../src/records/record-batch-builder';
import { RawKafkaSocket } from './support/raw-kafka-socket';
import { startTempBroker, type TempBroker } from './support/temp-broker';

const VERSION = 12;

function fetchRequest(topic: string, offset: number, maxWaitMs: number, maxBytes = 1 << 20, partitionMaxBytes = 1 << 20): FetchRequest {
  return {
    clusterId: null,
    replicaId: -1,
    replicaState: { replicaId: -1, replicaEpoch: -1n },
    maxWaitMs,
    minBytes: 1,
    maxBytes,
    isolationLevel: 0,
    sessionId: 0,
    sessionEpoch: -1,
    topics: [{ topic, topicId: 'AAAAAAAAAAAAAAAAAAAAAA', partitions: [{ partition: 0, currentLeaderEpoch: -1, fetchOffset: BigInt(offset), lastFetchedEpoch: -1, logStartOffset: -1n, partitionMaxBytes, replicaDirectoryId: 'AAAAAAAAAAAAAAAAAAAAAA' }] }],
    forgottenTopicsData: [],
    rackId: '',
  };
}

async function fetch(socket: RawKafkaSocket, request: FetchRequest, correlationId: number): Promise<FetchResponse> {
  const writer = new ProtocolWriter();
  const mark = writer.beginSizePrefix();
  writeRequestHeader(writer, requestHeaderVersion(1, VERSION), { apiKey: 1, apiVersion: VERSION, correlationId, clientId: 'long-poll-test' });
  FetchApi.encodeRequest(writer, VERSION, request);
  writer.endSizePrefix(mark);
  socket.write(writer.finish());
  const reader = new ProtocolReader(await socket.readFrame(15_000));
  expect(readResponseHeader(reader, responseHeaderVersion(1, VERSION))).toBe(correlationId);
  return FetchApi.decodeResponse(reader, VERSION);
}

function batch(values: string[]): Buffer {
  return buildRecordBatch(values.map((value) => ({ value: Buffer.from(value) })));
}

describe('Fetch long-poll', () => {
  let temp: TempBroker;
  beforeAll(async () => {
    temp = await startTempBroker();
    temp.broker.logs.createTopic('polled', { partitions: 1 });
  });
  afterAll(() => temp.stop());

  it('is woken by an append instead of waiting out max_wait', async () => {
    const socket = await RawKafkaSocket.open(temp.broker.port);
    const started = Date.now();
    const pending = fetch(socket, fetchRequest('polled', 0, 10_000), 1);
    await expect.poll(() => temp.broker.connections()[0]?.requestCount ?? 0).toBe(1);
    // While parked, the connection shows what the Fetch waits for, expected (not stalled) for max_wait.
    const parked = temp.broker.connections()[0];
    expect(parked.pendingRequests).toBe(1);
    expect(parked.oldestPendingRequest).toMatchObject({ api: 'Fetch', apiVersion: VERSION, correlationId: 1, stalled: false });
    expect(parked.oldestPendingRequest!.waitingFor).toMatch(/^new records \(long poll: 0 of min\.bytes 1, max\.wait\.ms 10000\)$/);
    await temp.broker.logs.append('polled', 0, batch(['woken']), { acks: 1 });
    const response = await pending;
    expect(temp.broker.connections()[0]).toMatchObject({ pendingRequests: 0, oldestPendingRequest: null, readPaused: null });
    expect(Date.now() - started).toBeLessThan(5_000);
    const partition = response.responses[0].partitions[0];
    expect(partition.errorCode).toBe(0);
    expect(partition.highWatermark).toBe(1n);
    expect(partition.records!.length).toBeGreaterThan(0);
    socket.close();
  });

  it('answers empty once max_wait passes with nothing new', async () => {
    const socket = await RawKafkaSocket.open(temp.broker.port);
    const end = temp.broker.logs.partitionStats('polled', 0).highWatermark;
    const started = Date.now();
    const response = await fetch(socket, fetchRequest('polled', end, 300), 2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(response.responses[0].partitions[0].records!.length).toBe(0);
    socket.close();
  });

  it('returns a whole batch larger than max_bytes and partition_max_bytes', async () => {
    const big = batch([`big ${'y'.repeat(5000)}`]);
    const { baseOffset } = await temp.broker.logs.append('polled', 0, big, { acks: 1 });
    const socket = await RawKafkaSocket.open(temp.broker.port);
    const response = await fetch(socket, fetchRequest('polled', baseOffset, 0, 100, 100), 3);
    expect(response.responses[0].partitions[0].records!.length).toBe(big.length);
    socket.close();
  });

  it('answers OFFSET_OUT_OF_RANGE past the end and UNKNOWN_TOPIC_OR_PARTITION for a missing topic', async () => {
    const socket = await RawKafkaSocket.open(temp.broker.port);
    const beyond = await fetch(socket, fetchRequest('polled', 1_000_000, 0), 4);
    expect(beyond.responses[0].partitions[0].errorCode).toBe(1);
    const missing = await fetch(socket, fetchRequest('no-such-topic', 0, 0), 5);
    expect(missing.responses[0].partitions[0].errorCode).toBe(3);
    socket.close();
  });
});
