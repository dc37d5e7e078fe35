/**
 * A minimal Kafka client connection for the fuzzer and the golden tests: frames out, frames in,
 * encoded and decoded with the broker's own generated codecs. It knows nothing of any API beyond
 * ApiVersions, which it uses to ask a broker what it serves.
 */
import { connect, type Socket } from 'node:net';
import { ApiKey, ApiVersionsApi, getApiDefinition, type ApiVersionsResponse } from '../../src/protocol/generated/index';
import { readResponseHeader, requestHeaderVersion, responseHeaderVersion, writeRequestHeader } from '../../src/protocol/headers';
import { ProtocolReader } from '../../src/protocol/primitives/reader';
import { ProtocolWriter } from '../../src/protocol/primitives/writer';

export interface ServedApi {
  apiKey: number;
  name: string;
  minVersion: number;
  maxVersion: number;
}

/** Encodes a whole request frame (int32 size, header of the right version, body). */
export function encodeRequestFrame(
  apiKey: number,
  version: number,
  correlationId: number,
  clientId: string | null,
  body: unknown,
  writer: ProtocolWriter = new ProtocolWriter(128),
): Buffer {
  const api = getApiDefinition(apiKey);
  if (!api) throw new Error(`unknown API key ${apiKey}`);
  const size = writer.beginSizePrefix();
  writeRequestHeader(writer, requestHeaderVersion(apiKey, version), { apiKey, apiVersion: version, correlationId, clientId });
  api.encodeRequest(writer, version, body);
  writer.endSizePrefix(size);
  return writer.finish();
}

/**
 * Decodes a response frame (without its size prefix) to a request of (apiKey, version). An
 * ApiVersions request of a version the broker does not serve is answered in the v0 layout, so
 * that is tried when the version's own layout does not decode. Throws if the bytes do not decode
 * exactly (trailing bytes included).
 */
export function decodeResponseFrame(frame: Buffer, apiKey: number, version: number): { correlationId: number; body: unknown; layoutVersion: number } {
  const api = getApiDefinition(apiKey);
  if (!api) throw new Error(`unknown API key ${apiKey}`);
  const attempt = (layoutVersion: number) => {
    const reader = new ProtocolReader(frame);
    const correlationId = readResponseHeader(reader, responseHeaderVersion(apiKey, layoutVersion));
    const body = api.decodeResponse(reader, layoutVersion);
    if (reader.remaining !== 0) throw new Error(`${reader.remaining} bytes left after a ${api.name} v${layoutVersion} response`);
    return { correlationId, body, layoutVersion };
  };
  const inRange = version >= api.validVersions.min && version <= api.validVersions.max;
  if (apiKey === ApiKey.ApiVersions) {
    if (!inRange) return attempt(0);
    try {
      return attempt(version);
    } catch (error) {
      const v0 = attempt(0);
      if ((v0.body as ApiVersionsResponse).errorCode !== 0) return v0;
      throw error;
    }
  }
  if (!inRange) throw new Error(`${api.name} v${version} is outside the known versions`);
  return attempt(version);
}

/** One TCP connection that splits what it receives into response frames. */
export class FrameConnection {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private readonly frames: Buffer[] = [];
  private waiters: Array<() => void> = [];
  closed = false;
  /** Called for every complete frame (in addition to the readFrame queue when no listener). */
  onFrame: ((frame: Buffer) => void) | null = null;
  onClose: (() => void) | null = null;

  private constructor(readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('close', () => {
      const byUs = this.closed;
      this.closed = true;
      this.wake();
      if (!byUs) this.onClose?.();
    });
    socket.on('error', () => {});
  }

  static open(port: number, host = '127.0.0.1', timeoutMs = 5000): Promise<FrameConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`connecting to ${host}:${port} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new FrameConnection(socket));
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  write(bytes: Buffer): void {
    if (!this.closed) this.socket.write(bytes);
  }

  /** Closes the socket; `closed` is true at once (the close event comes later). */
  destroy(): void {
    this.closed = true;
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (;;) {
      if (this.buffered < 4) break;
      const head = this.peek(4);
      const size = head.readInt32BE(0);
      if (size < 0) {
        // Not a frame a broker could send: treat as a broken connection.
        this.socket.destroy();
        return;
      }
      if (this.buffered < 4 + size) break;
      const frame = this.take(4 + size).subarray(4);
      if (this.onFrame) this.onFrame(frame);
      else this.frames.push(frame);
    }
    this.wake();
  }

  private peek(n: number): Buffer {
    if (this.chunks[0].length >= n) return this.chunks[0];
    return Buffer.concat(this.chunks).subarray(0, n);
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return out;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Next response frame (without size prefix); rejects on close or after `timeoutMs`. */
  async readFrame(timeoutMs = 5000): Promise<Buffer> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const frame = this.frames.shift();
      if (frame) return frame;
      if (this.closed) throw new Error('connection closed by the broker');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no response within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Sends one request and decodes its response. */
  async request(apiKey: number, version: number, body: unknown, options: { correlationId?: number; clientId?: string | null; timeoutMs?: number } = {}): Promise<unknown> {
    const correlationId = options.correlationId ?? 1;
    this.write(encodeRequestFrame(apiKey, version, correlationId, options.clientId === undefined ? 'eddy-fuzz' : options.clientId, body));
    const frame = await this.readFrame(options.timeoutMs ?? 5000);
    const decoded = decodeResponseFrame(frame, apiKey, version);
    if (decoded.correlationId !== correlationId) throw new Error(`response correlation id ${decoded.correlationId}, expected ${correlationId}`);
    return decoded.body;
  }
}

/** Asks the broker (ApiVersions v0, which every broker answers) which APIs and versions it serves. */
export async function fetchServedApis(port: number, host = '127.0.0.1', timeoutMs = 5000): Promise<ServedApi[]> {
  const connection = await FrameConnection.open(port, host, timeoutMs);
  try {
    const response = (await connection.request(ApiVersionsApi.apiKey, 0, { clientSoftwareName: '', clientSoftwareVersion: '' }, { timeoutMs })) as ApiVersionsResponse;
    if (response.errorCode !== 0) throw new Error(`ApiVersions answered error ${response.errorCode}`);
    return response.apiKeys.map((entry) => ({
      apiKey: entry.apiKey,
      name: getApiDefinition(entry.apiKey)?.name ?? `api-${entry.apiKey}`,
      minVersion: entry.minVersion,
      maxVersion: entry.maxVersion,
    }));
  } finally {
    connection.destroy();
  }
}
