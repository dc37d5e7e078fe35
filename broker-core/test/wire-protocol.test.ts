/**
 * The broker's TCP server and ApiVersions, byte for byte, with a raw socket: version negotiation,
 * response order, and bad input closing only the offending connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiVersionsV0, RawKafkaSocket, requestV1, requestV2 } from './support/raw-kafka-socket';
import { startTempBroker, type TempBroker } from './support/temp-broker';

const API_VERSIONS = 18;
const METADATA = 3;
const UNSUPPORTED_VERSION = 35;

describe('wire protocol', () => {
  let temp: TempBroker;
  beforeAll(async () => {
    temp = await startTempBroker({ config: { 'socket.request.max.bytes': '1024' } });
  });
  afterAll(() => temp.stop());

  it('answers ApiVersions v0 with ApiVersions 0-3 and Metadata 0-12', async () => {
    const socket = await RawKafkaSocket.open(temp.broker.port);
    socket.write(requestV1(API_VERSIONS, 0, 7, 'raw'));
    const response = parseApiVersionsV0(await socket.readFrame());
    expect(response.correlationId).toBe(7);
    expect(response.errorCode).toBe(0);
    expect(response.apis.get(API_VERSIONS)).toEqual([0, 3]);
    expect(response.apis.get(METADATA)).toEqual([0, 12]);
    socket.close();
  });

  it('answers ApiVersions v3 (flexible request, response header v0, compact array)', async () => {
    const socket = await RawKafkaSocket.open(temp.broker.port);
    const software = Buffer.concat([Buffer.from([4]), Buffer.from('raw'), Buffer.from([6]), Buffer.from('1.0.0'), Buffer.from([0])]);
    socket.write(requestV2(API_VERSIONS, 3, 8, 'raw', software));
    const frame = await socket.readFrame();
    expect(frame.readInt32BE(0)).toBe(8);
    // No tagged-field byte after the correlation id: ApiVersions responses keep header v0.
    expect(frame.readInt16BE(4)).toBe(0);
    const count = frame[6] - 1; // compact array length, small enough for one varint byte
    const apis = new Map<number, [number, number]>();
    for (let i = 0, at = 7; i < count; i++, at += 7) {
      apis.set(frame.readInt16BE(at), [frame.readInt16BE(at + 2), frame.readInt16BE(at + 4)]);
      expect(frame[at + 6]).toBe(0); // empty tagged fields per entry
    }
    expect(apis.get(API_VERSIONS)).toEqual([0, 3]);
    expect(apis.get(METADATA)).toEqual([0, 12]);
    expect(frame.readInt32BE(7 + count * 7)).toBe(0); // throttle_time_ms
    socket.close();
  });

  it('answers an unknown ApiVersions version with a v0-layout UNSUPPORTED_VERSION, keeping the socket open', async () => {
    const socket = await RawKafkaSocket.open(temp.broker.port);
    socket.write(requestV2(API_VERSIONS, 99, 9, 'future-client', Buffer.from([0, 0, 0])));
    const response = parseApiVersionsV0(await socket.readFrame());
    expect(response.correlationId).toBe(9);
    expect(response.errorCode).toBe(UNSUPPORTED_VERSION);
    expect(response.apis.get(API_VERSIONS)).toEqual([0, 3]);
    socket.write(requestV1(API_VERSIONS, 0, 10, 'future-client'));
    expect(parseApiVersionsV0(await socket.readFrame()).errorCode).toBe(0);
    socket.close();
  });

  it('returns pipelined responses in request order', async () => {
    const socket = await RawKafkaSocket.open(temp.broker.port);
    const ids = Array.from({ length: 50 }, (_, i) => 1000 + i);
    socket.write(Buffer.concat(ids.map((id, i) => (i % 2 === 0 ? requestV1(API_VERSIONS, i % 3, id, 'pipelined') : requestV1(METADATA, 1, id, 'pipelined', Buffer.from([0, 0, 0, 0]))))));
    const seen: number[] = [];
    for (let i = 0; i < ids.length; i++) seen.push((await socket.readFrame()).readInt32BE(0));
    expect(seen).toEqual(ids);
    socket.close();
  });

  it.each([
    ['a frame over socket.request.max.bytes', (() => { const b = Buffer.alloc(4); b.writeInt32BE(1025); return b; })()],
    ['a negative frame size', Buffer.from([0xff, 0xff, 0xff, 0xfe])],
    ['an unknown API key', requestV1(9999, 0, 1, 'bad')],
    ['an unsupported Metadata version', requestV1(METADATA, 99, 1, 'bad', Buffer.from([0, 0, 0, 0]))],
    ['a truncated Metadata body', requestV1(METADATA, 1, 1, 'bad', Buffer.from([0, 0, 0, 5, 0]))],
    ['garbage', Buffer.from('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n')],
  ])('closes only the connection that sent %s', async (_what, bytes) => {
    const bystander = await RawKafkaSocket.open(temp.broker.port);
    const offender = await RawKafkaSocket.open(temp.broker.port);
    offender.write(bytes);
    expect(await offender.closedByBroker()).toBe(true);
    bystander.write(requestV1(API_VERSIONS, 0, 42, 'bystander'));
    expect(parseApiVersionsV0(await bystander.readFrame()).correlationId).toBe(42);
    bystander.close();
  });

  it('answers DescribeCluster v0 (flexible) with this broker as the controller', async () => {
    const socket = await RawKafkaSocket.open(temp.broker.port);
    socket.write(requestV2(60, 0, 11, 'raw', Buffer.from([1, 0]))); // include cluster authorized operations; no tags
    const frame = await socket.readFrame();
    let at = 0;
    const int32 = () => ((at += 4), frame.readInt32BE(at - 4));
    const compactString = () => {
      const length = frame[at++] - 1;
      at += Math.max(length, 0);
      return length < 0 ? null : frame.toString('utf8', at - length, at);
    };
    expect(int32()).toBe(11);
    expect(frame[at++]).toBe(0); // response header v1: empty tagged fields
    expect(int32()).toBe(0); // throttle
    expect(frame.readInt16BE(at)).toBe(0);
    at += 2;
    expect(compactString()).toBeNull(); // error message
    expect(compactString()).toBe(temp.broker.clusterId);
    expect(int32()).toBe(temp.broker.nodeId); // controller
    expect(frame[at++]).toBe(2); // one broker
    expect(int32()).toBe(temp.broker.nodeId);
    expect(compactString()).toBe('localhost');
    expect(int32()).toBe(temp.broker.port);
    expect(compactString()).toBeNull(); // rack
    expect(frame[at++]).toBe(0);
    expect(int32()).toBe(8096); // CREATE, ALTER, DESCRIBE, CLUSTER_ACTION, DESCRIBE/ALTER_CONFIGS, IDEMPOTENT_WRITE
    expect(frame[at++]).toBe(0);
    expect(at).toBe(frame.length);
    socket.close();
  });

  it('serves IPv6 loopback too', async () => {
    const socket = await RawKafkaSocket.open(temp.broker.port, '::1');
    socket.write(requestV1(API_VERSIONS, 0, 5, 'v6'));
    expect(parseApiVersionsV0(await socket.readFrame()).errorCode).toBe(0);
    socket.close();
  });
});
