/**
 * A raw TCP client for protocol tests: sends hand-built frames and reads size-prefixed responses.
 * It deliberately shares no code with the broker's codec, so the tests check the broker against
 * the protocol's byte layout, not against itself.
 */
import { connect, type Socket } from 'node:net';

export class RawKafkaSocket {
  private buffer = Buffer.alloc(0);
  private waiters: Array<() => void> = [];
  closed = false;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => {});
  }

  static open(port: number, host = '127.0.0.1'): Promise<RawKafkaSocket> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host }, () => resolve(new RawKafkaSocket(socket)));
      socket.once('error', reject);
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((wake) => wake());
  }

  write(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** Reads one response frame (without its size prefix); rejects if the socket closes first. */
  async readFrame(timeoutMs = 5000): Promise<Buffer> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.buffer.length >= 4) {
        const size = this.buffer.readInt32BE(0);
        if (this.buffer.length >= 4 + size) {
          const frame = this.buffer.subarray(4, 4 + size);
          this.buffer = this.buffer.subarray(4 + size);
          return frame;
        }
      }
      if (this.closed) throw new Error('connection closed by the broker');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for a response');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves once the broker has closed the connection. */
  async closedByBroker(timeoutMs = 5000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.closed;
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Builds a request frame: size, apiKey, apiVersion, correlationId, client id (header v1), body. */
export function requestV1(apiKey: number, apiVersion: number, correlationId: number, clientId: string, body: Buffer = Buffer.alloc(0)): Buffer {
  const id = Buffer.from(clientId);
  const header = Buffer.alloc(10);
  header.writeInt16BE(apiKey, 0);
  header.writeInt16BE(apiVersion, 2);
  header.writeInt32BE(correlationId, 4);
  header.writeInt16BE(id.length, 8);
  const size = Buffer.alloc(4);
  size.writeInt32BE(header.length + id.length + body.length);
  return Buffer.concat([size, header, id, body]);
}

/** Header v2 (flexible requests): header v1 plus an empty tagged-field section. */
export function requestV2(apiKey: number, apiVersion: number, correlationId: number, clientId: string, body: Buffer): Buffer {
  return requestV1(apiKey, apiVersion, correlationId, clientId, Buffer.concat([Buffer.from([0]), body]));
}

/** Parses an ApiVersions response body in the v0 layout: error code, then int32-counted keys. */
export function parseApiVersionsV0(frame: Buffer): { correlationId: number; errorCode: number; apis: Map<number, [number, number]> } {
  const correlationId = frame.readInt32BE(0);
  const errorCode = frame.readInt16BE(4);
  const count = frame.readInt32BE(6);
  const apis = new Map<number, [number, number]>();
  for (let i = 0, at = 10; i < count; i++, at += 6) apis.set(frame.readInt16BE(at), [frame.readInt16BE(at + 2), frame.readInt16BE(at + 4)]);
  return { correlationId, errorCode, apis };
}
