/**
 * ApiVersions v0, by hand, over an open socket (plain or TLS): the one request every Kafka broker
 * since 0.10 answers, whatever else it supports, and before SASL authentication. A broker that
 * does not support the requested version still answers in v0's format (error UNSUPPORTED_VERSION
 * with its versions), so v0 reads every broker that still takes it; one that takes only v3 and
 * later (it answers v0 with its ApiVersions range only) is asked again with v3, written and read
 * with the protocol layer's codec.
 *
 * Request:  size INT32, api_key INT16 (18), api_version INT16 (0), correlation_id INT32,
 *           client_id STRING (INT16 length).
 * Response: size INT32, correlation_id INT32, error_code INT16,
 *           [api_key INT16, min_version INT16, max_version INT16] (INT32 count).
 */
import type { Socket } from 'node:net';
import { ApiVersionsApi, ProtocolReader, ProtocolWriter } from '../../../../broker-core/src/protocol/index';

export interface BrokerApiVersion {
  key: number;
  min: number;
  max: number;
}

export interface ApiVersionsAnswer {
  errorCode: number;
  apis: BrokerApiVersion[];
}

/** An answer that is not Kafka's, or none: `kind` says which, for the words. */
export class ApiVersionsProbeError extends Error {
  constructor(
    readonly kind: 'closed' | 'timeout' | 'tls-server' | 'not-kafka' | 'socket',
    message: string,
    readonly causeError?: NodeJS.ErrnoException,
  ) {
    super(message);
  }
}

const API_VERSIONS_KEY = 18;
const CORRELATION_ID = 0x45646479; // "Eddy"
const MAX_RESPONSE_BYTES = 1 << 20;

export function encodeApiVersionsV0(clientId: string): Buffer {
  const id = Buffer.from(clientId, 'utf8');
  const body = Buffer.alloc(2 + 2 + 4 + 2 + id.length);
  body.writeInt16BE(API_VERSIONS_KEY, 0);
  body.writeInt16BE(0, 2);
  body.writeInt32BE(CORRELATION_ID, 4);
  body.writeInt16BE(id.length, 8);
  id.copy(body, 10);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length, 0);
  return Buffer.concat([size, body]);
}

/** The response body (after the size). Throws ApiVersionsProbeError('not-kafka') when it does not parse. */
export function decodeApiVersionsV0(body: Buffer): ApiVersionsAnswer {
  const fail = (why: string) => new ApiVersionsProbeError('not-kafka', `the server's answer is not a Kafka ApiVersions response (${why})`);
  if (body.length < 10) throw fail(`${body.length} bytes`);
  if (body.readInt32BE(0) !== CORRELATION_ID) throw fail('another correlation id');
  const errorCode = body.readInt16BE(4);
  const count = body.readInt32BE(6);
  if (count < 0 || 10 + count * 6 > body.length) throw fail(`${count} APIs in ${body.length} bytes`);
  const apis: BrokerApiVersion[] = [];
  for (let i = 0; i < count; i++) {
    const at = 10 + i * 6;
    apis.push({ key: body.readInt16BE(at), min: body.readInt16BE(at + 2), max: body.readInt16BE(at + 4) });
  }
  return { errorCode, apis };
}

/** A TLS record (handshake 0x16 or alert 0x15, version 3.x) where a Kafka size should be. */
function looksLikeTls(bytes: Buffer): boolean {
  return bytes.length >= 2 && (bytes[0] === 0x15 || bytes[0] === 0x16) && bytes[1] === 0x03;
}

/** ApiVersions v3 (flexible: request header v2 with the client id, then client software name and version). */
function encodeApiVersionsV3(clientId: string): Buffer {
  const writer = new ProtocolWriter();
  const size = writer.beginSizePrefix();
  writer.writeInt16(API_VERSIONS_KEY);
  writer.writeInt16(3);
  writer.writeInt32(CORRELATION_ID);
  writer.writeNullableString(clientId);
  writer.writeEmptyTaggedFields();
  ApiVersionsApi.encodeRequest(writer, 3, { clientSoftwareName: 'eddy-console', clientSoftwareVersion: '1' });
  writer.endSizePrefix(size);
  return writer.finish();
}

/** The v3 response body (after the size): response header v0 (the correlation id), then the answer. */
function decodeApiVersionsV3(body: Buffer): ApiVersionsAnswer {
  if (body.length < 4 || body.readInt32BE(0) !== CORRELATION_ID) throw new ApiVersionsProbeError('not-kafka', "the server's answer to ApiVersions v3 is not a Kafka ApiVersions response");
  try {
    const answer = ApiVersionsApi.decodeResponse(new ProtocolReader(body, 4), 3);
    return { errorCode: answer.errorCode, apis: answer.apiKeys.map((api) => ({ key: api.apiKey, min: api.minVersion, max: api.maxVersion })) };
  } catch (error) {
    throw new ApiVersionsProbeError('not-kafka', `the server's answer to ApiVersions v3 does not parse: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A broker that no longer takes ApiVersions v0 answers UNSUPPORTED_VERSION with its ApiVersions range only. */
const UNSUPPORTED_VERSION = 35;
const FIRST_FLEXIBLE_API_VERSIONS = 3;
const refusesV0 = (answer: ApiVersionsAnswer) =>
  answer.errorCode === UNSUPPORTED_VERSION && answer.apis.length > 0 && answer.apis.every((api) => api.key === API_VERSIONS_KEY && api.max >= FIRST_FLEXIBLE_API_VERSIONS);

/**
 * Asks for the broker's versions on `socket` (connected, or TLS after secureConnect): ApiVersions
 * v0, and v3 after it when the broker takes only v3 and later. Leaves the socket open.
 */
export async function requestApiVersions(socket: Socket, clientId: string, timeoutMs: number): Promise<ApiVersionsAnswer> {
  const answer = await exchange(socket, encodeApiVersionsV0(clientId), timeoutMs, decodeApiVersionsV0);
  return refusesV0(answer) ? exchange(socket, encodeApiVersionsV3(clientId), timeoutMs, decodeApiVersionsV3) : answer;
}

/** Writes `frame` on `socket` and reads one answer frame, decoded by `decode`. */
function exchange(socket: Socket, frame: Buffer, timeoutMs: number, decode: (body: Buffer) => ApiVersionsAnswer): Promise<ApiVersionsAnswer> {
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const done = (error: Error | null, answer?: ApiVersionsAnswer) => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('close', onClose);
      if (error) reject(error);
      else resolve(answer!);
    };
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (looksLikeTls(received)) {
        done(new ApiVersionsProbeError('tls-server', 'the server answered with TLS: this port expects TLS (SSL or SASL_SSL)'));
        return;
      }
      if (received.length < 4) return;
      const size = received.readInt32BE(0);
      if (size < 0 || size > MAX_RESPONSE_BYTES) {
        const text = received.subarray(0, 16).toString('latin1').replace(/[^\x20-\x7e]/g, '.');
        done(new ApiVersionsProbeError('not-kafka', `the server's answer is not Kafka (it starts "${text}")`));
        return;
      }
      if (received.length < 4 + size) return;
      try {
        done(null, decode(received.subarray(4, 4 + size)));
      } catch (error) {
        done(error as Error);
      }
    };
    const onError = (error: NodeJS.ErrnoException) => done(new ApiVersionsProbeError('socket', error.message, error));
    const onClose = () => {
      done(new ApiVersionsProbeError('closed', received.length === 0 ? 'the server closed the connection without answering' : 'the server closed the connection in the middle of its answer'));
    };
    const timer = setTimeout(() => done(new ApiVersionsProbeError('timeout', `no answer within ${timeoutMs} ms`)), timeoutMs);
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('close', onClose);
    socket.write(frame);
  });
}
