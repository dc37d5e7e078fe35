/**
 * A minimal Kafka protocol client connection for the load generator: writes request frames that
 * are already encoded (correlation id patched in place), and hands each response frame back to
 * the callback given with its request, in order, with the time it was received.
 *
 * Nothing is allocated or copied per response: the socket reads into one reused buffer (`onread`),
 * a frame that lies inside one read is handed over as a view of it, and the rest of a frame spread
 * over several reads is read straight into a reused assembly buffer (the read buffer is chosen per
 * read), so every byte costs the client one kernel copy, whatever the size of the broker's
 * responses. So a frame is valid only during its callback
 * (`request()` hands out a copy). A response whose correlation id is not the one expected, or a
 * closed socket with requests pending, fails the connection (`onFailure`).
 */
import { connect, type Socket } from 'node:net';
import { type ApiDefinition, requestHeaderVersion, responseHeaderVersion } from '../../broker-core/src/protocol/generated/index';
import { readResponseHeader, writeRequestHeader } from '../../broker-core/src/protocol/headers';
import { ProtocolReader } from '../../broker-core/src/protocol/primitives/reader';
import { ProtocolWriter } from '../../broker-core/src/protocol/primitives/writer';

export interface Endpoint {
  host: string;
  port: number;
}

export type ResponseCallback = (frame: Buffer, receivedAt: number) => void;

const CLIENT_ID = 'eddy-bench';
const READ_BUFFER_BYTES = 1 << 20;
/** size (4) + apiKey (2) + apiVersion (2): where a request frame's correlation id starts. */
const CORRELATION_ID_AT = 8;

/** Encodes a whole request frame (size prefix, header, body) once; patch its id with {@link setCorrelationId}. */
export function encodeRequest<Req>(api: ApiDefinition<Req, unknown>, version: number, body: Req, correlationId = 0): Buffer {
  const writer = new ProtocolWriter(4096);
  const mark = writer.beginSizePrefix();
  writeRequestHeader(writer, requestHeaderVersion(api.apiKey, version), { apiKey: api.apiKey, apiVersion: version, correlationId, clientId: CLIENT_ID });
  api.encodeRequest(writer, version, body);
  writer.endSizePrefix(mark);
  return Buffer.from(writer.finish());
}

export function setCorrelationId(request: Buffer, correlationId: number): void {
  request.writeInt32BE(correlationId, CORRELATION_ID_AT);
}

/** Decodes a response frame (without its size prefix) of the given API version. */
export function decodeResponse<Res>(api: ApiDefinition<unknown, Res>, version: number, frame: Buffer): Res {
  const reader = new ProtocolReader(frame);
  readResponseHeader(reader, responseHeaderVersion(api.apiKey, version));
  return api.decodeResponse(reader, version);
}

export class WireConnection {
  /** Called once, when the connection fails or closes with requests pending. */
  onFailure: (error: Error) => void = () => {};
  private readonly callbacks: ResponseCallback[] = [];
  private readonly expected: number[] = [];
  private head = 0;
  private nextId = 1;
  private readonly sizeBytes = Buffer.alloc(4);
  private sizeFilled = 0;
  private frame: Buffer | null = null;
  private frameFilled = 0;
  private failure: Error | null = null;
  private closing = false;
  private readonly waiters = new Set<(error: Error) => void>();

  private readonly socket: Socket;
  private assembly = Buffer.alloc(0);

  private constructor(endpoint: Endpoint, onConnect: () => void, onConnectError: (error: Error) => void) {
    const readBuffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
    this.socket = connect({
      host: endpoint.host,
      port: endpoint.port,
      noDelay: true,
      onread: {
        // Mid-frame, the next read goes straight into the rest of the frame.
        buffer: () => (this.frame !== null ? this.frame.subarray(this.frameFilled) : readBuffer),
        callback: (bytes, buffer) => {
          if (buffer === readBuffer) this.onData(readBuffer.subarray(0, bytes), performance.now());
          else this.onFrameBytes(bytes, performance.now());
          return true;
        },
      },
    });
    this.socket.once('connect', () => {
      this.socket.off('error', onConnectError);
      this.socket.on('error', (error) => this.fail(error));
      onConnect();
    });
    this.socket.once('error', onConnectError);
    this.socket.on('close', () => {
      if (!this.closing || this.pending > 0) this.fail(new Error(`connection closed by the broker with ${this.pending} request(s) pending`));
    });
  }

  static open(endpoint: Endpoint): Promise<WireConnection> {
    return new Promise((resolve, reject) => {
      const connection: WireConnection = new WireConnection(endpoint, () => resolve(connection), reject);
    });
  }

  /** Requests sent whose responses have not arrived. */
  get pending(): number {
    return this.callbacks.length - this.head;
  }

  /** A fresh correlation id for this connection. */
  correlationId(): number {
    const id = this.nextId;
    this.nextId = (this.nextId + 1) | 0;
    return id;
  }

  /** Sends a whole request frame whose correlation id is already set; `callback` gets its response. */
  send(request: Buffer, callback: ResponseCallback): void {
    if (this.failure) throw this.failure;
    this.callbacks.push(callback);
    this.expected.push(request.readInt32BE(CORRELATION_ID_AT));
    this.socket.write(request);
  }

  /** Sends a request frame (its correlation id is set here) and resolves with the response frame. */
  request(frame: Buffer): Promise<Buffer> {
    setCorrelationId(frame, this.correlationId());
    return new Promise((resolve, reject) => {
      this.waiters.add(reject);
      this.send(frame, (response) => {
        this.waiters.delete(reject);
        resolve(Buffer.from(response));
      });
    });
  }

  close(): void {
    this.closing = true;
    this.socket.destroy();
  }

  private fail(error: Error): void {
    if (this.failure || this.closing) return;
    this.failure = error;
    this.socket.destroy();
    for (const reject of this.waiters) reject(error);
    this.waiters.clear();
    this.onFailure(error);
  }

  private deliver(frame: Buffer, receivedAt: number): void {
    if (this.head >= this.callbacks.length) {
      this.fail(new Error('a response arrived for no request'));
      return;
    }
    const expected = this.expected[this.head];
    const callback = this.callbacks[this.head++];
    if (this.head > 1024) {
      this.callbacks.splice(0, this.head);
      this.expected.splice(0, this.head);
      this.head = 0;
    }
    const correlationId = frame.readInt32BE(0);
    if (correlationId !== expected) {
      this.fail(new Error(`response correlation id ${correlationId}, expected ${expected}`));
      return;
    }
    callback(frame, receivedAt);
  }

  private frameBuffer(size: number): Buffer {
    if (size > this.assembly.length) this.assembly = Buffer.allocUnsafe(Math.max(size, 2 * this.assembly.length));
    return this.assembly.subarray(0, size);
  }

  /** `bytes` more of the current frame were read into it. */
  private onFrameBytes(bytes: number, receivedAt: number): void {
    this.frameFilled += bytes;
    if (this.frameFilled === this.frame!.length) {
      const frame = this.frame!;
      this.frame = null;
      this.deliver(frame, receivedAt);
    }
  }

  private onData(chunk: Buffer, receivedAt: number): void {
    let offset = 0;
    while (offset < chunk.length && !this.failure) {
      if (this.frame === null) {
        if (this.sizeFilled === 0 && chunk.length - offset >= 4) {
          const size = chunk.readInt32BE(offset);
          offset += 4;
          if (chunk.length - offset >= size) {
            this.deliver(chunk.subarray(offset, offset + size), receivedAt);
            offset += size;
            continue;
          }
          this.frame = this.frameBuffer(size);
        } else {
          const n = Math.min(4 - this.sizeFilled, chunk.length - offset);
          chunk.copy(this.sizeBytes, this.sizeFilled, offset, offset + n);
          this.sizeFilled += n;
          offset += n;
          if (this.sizeFilled < 4) return;
          this.sizeFilled = 0;
          this.frame = this.frameBuffer(this.sizeBytes.readInt32BE(0));
        }
        this.frameFilled = 0;
      }
      const n = Math.min(this.frame.length - this.frameFilled, chunk.length - offset);
      chunk.copy(this.frame, this.frameFilled, offset, offset + n);
      this.frameFilled += n;
      offset += n;
      if (this.frameFilled === this.frame.length) {
        const frame = this.frame;
        this.frame = null;
        this.deliver(frame, receivedAt);
      }
    }
  }
}
