/**
 * Serve mode end to end at the protocol level: the real broker (port 0, temp data dir), the real
 * HTTP server and a real WebSocket client, as a browser or a hostile page would use them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServe, type ServeHandle } from '../start-serve';

interface Frame {
  id?: unknown;
  result?: { ok: boolean; value?: unknown; error?: { code: string; message: string; issues?: string[] } };
  event?: string;
  payload?: unknown;
}

function wsUrl(serve: ServeHandle, token: string | null): string {
  return `ws://127.0.0.1:${serve.uiPort}/ws${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
}

/** Opens a socket; resolves with it once open, or with the HTTP status the server refused it with. */
function openSocket(url: string, origin: string): Promise<{ socket: WebSocket } | { refusedWith: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { origin });
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_request, response) => {
      resolve({ refusedWith: response.statusCode ?? 0 });
      socket.terminate();
    });
    socket.once('error', (error) => reject(error));
  });
}

class Client {
  private readonly frames: Frame[] = [];
  private readonly waiters: Array<{ match: (frame: Frame) => boolean; resolve: (frame: Frame) => void }> = [];

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      const waiter = this.waiters.find((w) => w.match(frame));
      if (waiter) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(frame);
      } else this.frames.push(frame);
    });
  }

  next(match: (frame: Frame) => boolean, timeoutMs = 5000): Promise<Frame> {
    const queued = this.frames.findIndex(match);
    if (queued >= 0) return Promise.resolve(this.frames.splice(queued, 1)[0]);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching frame within the time limit')), timeoutMs);
      this.waiters.push({ match, resolve: (frame) => (clearTimeout(timer), resolve(frame)) });
    });
  }

  call(id: unknown, method: unknown, payload?: unknown): Promise<Frame> {
    this.socket.send(JSON.stringify({ id, method, payload }));
    return this.next((frame) => frame.id === id);
  }
}

function httpGet(port: number, path: string, host = `127.0.0.1:${port}`): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serve mode', () => {
  let dataDir: string;
  let rendererDir: string;
  let serve: ServeHandle;
  let origin: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'eddy-serve-data-'));
    rendererDir = mkdtempSync(join(tmpdir(), 'eddy-serve-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Eddy</title>');
    serve = await startServe({ brokerPort: 0, uiPort: 0, dataDir, rendererDir });
    origin = `http://127.0.0.1:${serve.uiPort}`;
  });

  afterAll(async () => {
    await serve?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(rendererDir, { recursive: true, force: true });
  });

  it('prints a loopback URL that carries the token', () => {
    expect(serve.url).toBe(`http://127.0.0.1:${serve.uiPort}/?token=${serve.token}`);
    expect(serve.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers broker.getStatus with the running broker', async () => {
    const opened = await openSocket(wsUrl(serve, serve.token), origin);
    if (!('socket' in opened)) throw new Error(`refused with ${opened.refusedWith}`);
    const client = new Client(opened.socket);

    const response = await client.call(1, 'broker.getStatus', {});

    expect(response.result).toMatchObject({ ok: true, value: { state: 'running', dataDir, connectedClients: 0, error: null } });
    const status = response.result?.value as { address: string };
    expect(status.address).toMatch(/^localhost:\d+$/);
    opened.socket.close();
  });

  it('refuses a wrong or missing token with 401', async () => {
    expect(await openSocket(wsUrl(serve, 'not-the-token'), origin)).toEqual({ refusedWith: 401 });
    expect(await openSocket(wsUrl(serve, null), origin)).toEqual({ refusedWith: 401 });
  });

  it('refuses another Origin with 403, even with the right token', async () => {
    expect(await openSocket(wsUrl(serve, serve.token), 'http://evil.example')).toEqual({ refusedWith: 403 });
    expect(await openSocket(wsUrl(serve, serve.token), `http://127.0.0.1:${serve.uiPort + 1}`)).toEqual({ refusedWith: 403 });
  });

  it('answers bad JSON, bad messages, bad payloads and unknown methods with typed errors and stays open', async () => {
    const opened = await openSocket(wsUrl(serve, serve.token), origin);
    if (!('socket' in opened)) throw new Error(`refused with ${opened.refusedWith}`);
    const client = new Client(opened.socket);

    opened.socket.send('{not json');
    const badJson = await client.next((frame) => frame.id === null);
    const noMethod = await (() => {
      opened.socket.send(JSON.stringify({ id: 'x1', payload: {} }));
      return client.next((frame) => frame.id === 'x1');
    })();
    const badPayload = await client.call(2, 'broker.listConnections', { limit: 'all' });
    const unknown = await client.call(3, 'broker.format', {});
    const stillWorks = await client.call(4, 'broker.listConnections', { limit: 10 });

    expect(badJson.result).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', message: 'the message is not valid JSON' } });
    expect(noMethod.result).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(badPayload.result).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(badPayload.result?.error?.issues?.[0]).toMatch(/^limit: /);
    expect(unknown.result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(stillWorks.result).toEqual({ ok: true, value: [] });
    opened.socket.close();
  });

  it('pushes broker.connections and broker.status when a client connects to the broker', async () => {
    const opened = await openSocket(wsUrl(serve, serve.token), origin);
    if (!('socket' in opened)) throw new Error(`refused with ${opened.refusedWith}`);
    const client = new Client(opened.socket);
    const port = Number(serve.host.status().address?.split(':')[1]);

    const tcp: Socket = connect(port, '127.0.0.1');
    const connections = await client.next((f) => f.event === 'broker.connections' && (f.payload as unknown[]).length === 1);
    const status = await client.next((f) => f.event === 'broker.status' && (f.payload as { connectedClients: number }).connectedClients === 1);
    tcp.destroy();
    const gone = await client.next((f) => f.event === 'broker.connections' && (f.payload as unknown[]).length === 0);

    expect((connections.payload as Array<{ remoteAddress: string }>)[0].remoteAddress).toContain('127.0.0.1');
    expect(status.payload).toMatchObject({ state: 'running' });
    expect(gone.payload).toEqual([]);
    opened.socket.close();
  });

  it('serves the console with its CSP and no referrer, and nothing outside it', async () => {
    const page = await httpGet(serve.uiPort, '/');
    const traversal = await httpGet(serve.uiPort, '/..%2f..%2fetc%2fpasswd');
    const rebound = await httpGet(serve.uiPort, '/', 'attacker.example:80');

    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Eddy</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain(`ws://127.0.0.1:${serve.uiPort}`);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(traversal.status).toBe(404);
    expect(rebound.status).toBe(403);
  });
});

describe('serve mode with the broker port taken', () => {
  let blocker: Server;
  let dataDir: string;
  let serve: ServeHandle | undefined;

  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    dataDir = mkdtempSync(join(tmpdir(), 'eddy-serve-data-'));
  });

  afterAll(async () => {
    await serve?.stop();
    await new Promise((resolve) => blocker.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('still serves the console and reports the broker failed with PORT_IN_USE and a hint', async () => {
    const port = (blocker.address() as { port: number }).port;

    serve = await startServe({ brokerPort: port, uiPort: 0, dataDir });
    const opened = await openSocket(wsUrl(serve, serve.token), `http://127.0.0.1:${serve.uiPort}`);
    if (!('socket' in opened)) throw new Error(`refused with ${opened.refusedWith}`);
    const response = await new Client(opened.socket).call('s', 'broker.getStatus');

    expect(response.result).toMatchObject({
      ok: true,
      value: { state: 'failed', address: null, requestedPort: port, error: { code: 'PORT_IN_USE' } },
    });
    const error = (response.result?.value as { error: { message: string; hint: string } }).error;
    expect(error.message).toContain(String(port));
    expect(error.hint).not.toBe('');
    opened.socket.close();
  });
});
