/**
 * ApiVersions v0, by hand, over an open socket (plain or TLS): the one request every Kafka broker
 * since 0.10 answers, whatever else it supports, and before SASL authentication. A broker that
 * does not support the requested version still answers in v0's format (error UNSUPPORTED_VERSION
 * with its versions), so v0 reads every broker.
 *
 * Request:  size INT32, api_key INT16 (18), api_version INT16 (0), correlation_id INT32,
 *           client_id STRING (INT16 length).
 * Response: size INT32, correlation_id INT32, error_code INT16,
 *           [api_key INT16, min_version INT16, max_version INT16] (INT32 count).
 */
import type { Socket } from 'node:net';

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

/** Sends ApiVersions v0 on `socket` (connected, or TLS after secureConnect) and reads the answer. Leaves the socket open. */
export function requestApiVersions(socket: Socket, clientId: string, timeoutMs: number): Promise<ApiVersionsAnswer> {
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
        done(null, decodeApiVersionsV0(received.subarray(4, 4 + size)));
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
    socket.write(encodeApiVersionsV0(clientId));
  });
}
