/**
 * The connection's handling of borrowed memory, over a real loopback socket: pooled Produce
 * frames and pooled response bytes go back to the pool once the response has been sent, or when
 * the connection closes first; other requests' frames are never pooled.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { BrokerLogger } from '../broker-api';
import { ReadBufferPool } from '../storage/read-buffer-pool';
import { BorrowedResponse, ClientConnectionHandler, type RequestRouter, type RouteResult } from './client-connection';

const quiet = { info() {}, warn() {}, error() {} };

/** A request frame: size, apiKey, apiVersion, correlationId, then `bodyBytes` of filler. */
function request(apiKey: number, correlationId: number, bodyBytes: number): Buffer {
  const frame = Buffer.alloc(4 + 8 + bodyBytes, 0x5a);
  frame.writeInt32BE(8 + bodyBytes, 0);
  frame.writeInt16BE(apiKey, 4);
  frame.writeInt16BE(0, 6);
  frame.writeInt32BE(correlationId, 8);
  return frame;
}

function response(correlationId: number): Buffer {
  const frame = Buffer.alloc(8);
  frame.writeInt32BE(4, 0);
  frame.writeInt32BE(correlationId, 4);
  return frame;
}

interface Harness {
  client: Socket;
  pool: ReadBufferPool;
  seen: Array<{ apiKey: number; pooled: boolean; intact: boolean }>;
  gate: { open: () => void };
  responses: () => number[];
  /** The server side of the connection. */
  handler: () => ClientConnectionHandler;
  /** Whether the server side has seen the connection close. */
  closed: () => boolean;
}

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
};

/**
 * A loopback server whose one connection is handled by a ClientConnectionHandler with `router`
 * (`prepare` may wrap the server's socket first); resolves with the connected client and the handler.
 */
async function serve(router: RequestRouter, logger: BrokerLogger = quiet, prepare: (socket: Socket) => void = () => {}): Promise<{ client: Socket; handler: () => ClientConnectionHandler }> {
  let handler: ClientConnectionHandler | null = null;
  const server = createServer((socket) => {
    prepare(socket);
    handler = new ClientConnectionHandler(socket, 1, 1 << 20, router, logger, () => {});
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = connect((server.address() as { port: number }).port, '127.0.0.1');
  await new Promise<void>((resolve) => client.on('connect', resolve));
  await until(() => handler !== null);
  return { client, handler: () => handler! };
}

/** A connection whose router answers each request once `gate.open()` is called (all at once). */
async function harness(): Promise<Harness> {
  const pool = new ReadBufferPool({ slabBytes: 1 << 20, maxSlabs: 4 });
  const seen: Harness['seen'] = [];
  let openGate!: () => void;
  const gateOpened = new Promise<void>((resolve) => (openGate = resolve));
  const router: RequestRouter = {
    route(frame): Promise<RouteResult> {
      const apiKey = frame.readInt16BE(0);
      const correlationId = frame.readInt32BE(4);
      const pooled = pool.stats().slabs > 0 && frame.byteLength > 64 * 1024 && frame.buffer.byteLength === 1 << 20;
      seen.push({ apiKey, pooled, intact: frame.subarray(8).every((byte) => byte === 0x5a) });
      return gateOpened.then(() => response(correlationId));
    },
  };
  let handler: ClientConnectionHandler | null = null;
  let closed = false;
  const server = createServer((socket) => (handler = new ClientConnectionHandler(socket, 1, 10 << 20, router, quiet, () => (closed = true), pool)));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = connect((server.address() as { port: number }).port, '127.0.0.1');
  await new Promise<void>((resolve) => client.on('connect', resolve));
  const received: number[] = [];
  let pending = Buffer.alloc(0);
  client.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 8) {
      received.push(pending.readInt32BE(4));
      pending = pending.subarray(8);
    }
  });
  await until(() => handler !== null);
  return { client, pool, seen, gate: { open: openGate }, responses: () => received, handler: () => handler!, closed: () => closed };
}


describe('ClientConnectionHandler with pooled memory', () => {
  it('reads large Produce frames into the pool and frees them once answered; other frames are not pooled', async () => {
    const { client, pool, seen, gate, responses } = await harness();
    client.write(Buffer.concat([request(0, 1, 300_000), request(1, 2, 300_000), request(0, 3, 300_000)]));
    await until(() => seen.length === 3);
    expect(seen).toEqual([
      { apiKey: 0, pooled: true, intact: true },
      { apiKey: 1, pooled: false, intact: true },
      { apiKey: 0, pooled: true, intact: true },
    ]);
    expect(pool.stats()).toMatchObject({ freeSlabs: 0, heldSlabs: 1 }); // held by the two unanswered Produce requests
    gate.open();
    await until(() => responses().length === 3);
    expect(responses()).toEqual([1, 2, 3]);
    // Both leases are back: the slab is reused from its start by the next lease.
    const next = pool.lease();
    expect(next.alloc(900_000).length).toBe(900_000);
    expect(pool.stats()).toMatchObject({ slabs: 1, fallbacks: 0 });
    client.destroy();
  });

  it('frees a pooled frame whose connection closed before its answer', async () => {
    const { client, pool, seen, gate, closed } = await harness();
    client.write(request(0, 7, 600_000));
    await until(() => seen.length === 1);
    expect(pool.stats().heldSlabs).toBe(1);
    client.destroy();
    await until(closed);
    gate.open();
    await until(() => pool.stats().heldSlabs === 0);
    const lease = pool.lease();
    lease.alloc(1_000_000); // the whole slab: possible only if the dropped request gave it back
    expect(pool.stats()).toMatchObject({ slabs: 1, fallbacks: 0 });
  });

  it('runs a borrowed response’s onSent once it is written', async () => {
    const sent: number[] = [];
    const router: RequestRouter = { route: (frame) => new BorrowedResponse(response(frame.readInt32BE(4)), () => sent.push(frame.readInt32BE(4))) };
    const { client } = await serve(router);
    client.write(Buffer.concat([request(18, 41, 0), request(18, 42, 0)]));
    await until(() => sent.length === 2);
    expect(sent).toEqual([41, 42]);
    client.destroy();
  });

  it('sends the responses that are ready in the same tick with one write', async () => {
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let routed = 0;
    const router: RequestRouter = { route: (frame) => (routed++, gate.then(() => response(frame.readInt32BE(4)))) };
    const writes: number[] = []; // chunks per system-call-level write of the server's socket
    const { client } = await serve(router, quiet, (socket) => {
      const single = socket._write.bind(socket);
      const vectored = socket._writev!.bind(socket);
      socket._write = (chunk, encoding, callback) => (writes.push(1), single(chunk, encoding, callback));
      socket._writev = (chunks, callback) => (writes.push(chunks.length), vectored(chunks, callback));
    });
    let received = 0;
    client.on('data', (chunk: Buffer) => (received += chunk.length));
    client.write(Buffer.concat([request(18, 1, 0), request(18, 2, 0), request(18, 3, 0)]));
    await until(() => routed === 3); // all three are waiting for the gate
    openGate();
    await until(() => received === 24);
    expect(writes).toEqual([3]);
    client.destroy();
  });

  it('reads again once a backlog of more than 256 requests in flight is answered (librdkafka keeps up to 1,000,000 in flight)', async () => {
    const { client, seen, gate, responses, handler } = await harness();
    const first = Array.from({ length: 300 }, (_, i) => request(18, i, 0));
    client.write(Buffer.concat(first));
    await until(() => seen.length === 300); // all read; the connection now stops reading
    expect(handler().activity(Date.now(), 30_000).readPaused).toBe('too-many-in-flight');
    client.write(Buffer.concat(Array.from({ length: 10 }, (_, i) => request(18, 300 + i, 0))));
    gate.open();
    await until(() => responses().length === 310);
    expect(responses()).toEqual(Array.from({ length: 310 }, (_, i) => i));
    client.destroy();
  });

  it('tracks unanswered requests, says what the oldest waits for, and logs each stalled one once', async () => {
    const warnings: string[] = [];
    const logger = { info() {}, warn: (message: string) => warnings.push(message), error() {} };
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const router: RequestRouter = {
      route(frame, _context, progress) {
        const correlationId = frame.readInt32BE(4);
        // 1 waits for a long poll of 60 s by design; 2 for an fsync that should be quick.
        if (correlationId === 1) progress.waitingFor('new records (long poll)', 60_000);
        else progress.waitingFor('the fsync of orders-0');
        return gate.then(() => response(correlationId));
      },
    };
    const served = await serve(router, logger);
    const client = served.client;
    const handler = served.handler();
    let received = 0;
    client.on('data', (chunk: Buffer) => (received += chunk.length));
    client.write(Buffer.concat([request(1, 1, 0), request(0, 2, 0)])); // a Fetch, then a Produce
    await until(() => handler.activity(Date.now(), 1000).pendingRequests === 2);
    const readAt = Date.now();

    const fresh = handler.activity(readAt, 1000);
    expect(fresh.readPaused).toBeNull();
    expect(fresh.oldestPendingRequest).toMatchObject({ api: 'Fetch', apiVersion: 0, correlationId: 1, waitingFor: 'new records (long poll)', stalled: false });
    handler.reportStalls(readAt + 500, 1000);
    expect(warnings).toEqual([]);

    // 2 s later with a 1 s bound: the Produce is stalled, the Fetch (60 s expected) is not.
    handler.reportStalls(readAt + 2000, 1000);
    handler.reportStalls(readAt + 3000, 1000);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Produce v0 request \(correlation id 2\) unanswered for \d+\.\d s, waiting for the fsync of orders-0/);
    expect(handler.activity(readAt + 2000, 1000).oldestPendingRequest?.stalled).toBe(false);
    expect(handler.activity(readAt + 62_000, 1000).oldestPendingRequest?.stalled).toBe(true);

    openGate();
    await until(() => received === 16);
    expect(handler.activity(Date.now(), 1000)).toEqual({ pendingRequests: 0, oldestPendingRequest: null, readPaused: null });
    client.destroy();
  });
});
