import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrokerStatus } from '../../../electron/contract';
import { HostUnreachableError, type HostLinkState } from './host-api';
import { createWebSocketTransport, MAX_REQUEST_FRAME_BYTES, RequestTooLargeError, type WebSocketLike } from './web-socket-transport';

/** A scripted stand-in for the browser's WebSocket. */
class FakeSocket implements WebSocketLike {
  readyState = 0;
  sent: Array<{ id: number; method: string; payload: unknown }> = [];
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;

  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

describe('createWebSocketTransport', () => {
  let sockets: FakeSocket[];
  const start = () =>
    createWebSocketTransport({
      url: 'ws://127.0.0.1:9080/ws?token=t',
      createSocket: (url) => {
        const socket = new FakeSocket(url);
        sockets.push(socket);
        return socket;
      },
      delay: (attempt) => 100 * (attempt + 1),
      requestTimeoutMs: 1000,
    });

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
  });
  afterEach(() => vi.useRealTimers());

  it('sends a call as {id, method, payload} and resolves with the matching result', async () => {
    const transport = start();
    sockets[0].open();

    const call = transport.contract.broker.listConnections({ limit: 5 });
    const sent = sockets[0].sent[0];
    sockets[0].receive({ id: sent.id, result: { ok: true, value: [] } });

    expect(sent).toEqual({ id: sent.id, method: 'broker.listConnections', payload: { limit: 5 } });
    await expect(call).resolves.toEqual({ ok: true, value: [] });
    transport.close();
  });

  it('delivers push events only to listeners of that event', () => {
    const transport = start();
    sockets[0].open();
    const statuses: BrokerStatus[] = [];
    const unsubscribe = transport.contract.on('broker.status', (status) => statuses.push(status));

    sockets[0].receive({ event: 'broker.status', payload: { state: 'running' } });
    sockets[0].receive({ event: 'broker.connections', payload: [] });
    unsubscribe();
    sockets[0].receive({ event: 'broker.status', payload: { state: 'stopped' } });

    expect(statuses).toEqual([{ state: 'running' }]);
    transport.close();
  });

  it('refuses to subscribe to an event the contract does not have', () => {
    const transport = start();
    expect(() => transport.contract.on('broker.nope' as 'broker.status', () => {})).toThrow(/not an event/);
    transport.close();
  });

  it('reports disconnected, fails calls in flight and reconnects with backoff', async () => {
    const transport = start();
    const links: HostLinkState[] = [];
    transport.link.onChange((state) => links.push(state));
    sockets[0].open();
    const inFlight = transport.contract.broker.getStatus();

    sockets[0].drop();
    await expect(inFlight).rejects.toBeInstanceOf(HostUnreachableError);
    await expect(transport.contract.broker.getStatus()).rejects.toBeInstanceOf(HostUnreachableError);
    expect(transport.link.current().status).toBe('disconnected');

    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(2);
    sockets[1].drop();
    vi.advanceTimersByTime(199);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    sockets[2].open();

    expect(links.map((link) => link.status)).toEqual(['connected', 'disconnected', 'disconnected', 'connected']);
    transport.close();
  });

  it('refuses a call larger than one frame to the host without sending it, and stays connected', async () => {
    const transport = start();
    sockets[0].open();

    const call = transport.contract.messages.get({ topic: 'x'.repeat(MAX_REQUEST_FRAME_BYTES), partition: 0, offset: 0, decode: { key: 'auto', value: 'auto' } });

    await expect(call).rejects.toBeInstanceOf(RequestTooLargeError);
    await expect(call).rejects.toThrow(/messages.get is 1.0 MiB, more than the 1 MiB one request to the host can carry/);
    expect(sockets[0].sent).toEqual([]);
    expect(transport.link.current().status).toBe('connected');
    expect(transport.maxRequestBytes).toBe(MAX_REQUEST_FRAME_BYTES);
    transport.close();
  });

  it('rejects a call that gets no answer in time', async () => {
    const transport = start();
    sockets[0].open();
    const call = transport.contract.broker.getStatus();

    vi.advanceTimersByTime(1000);

    await expect(call).rejects.toThrow(/did not answer broker.getStatus/);
    transport.close();
  });

  it('stops reconnecting once closed', () => {
    const transport = start();
    sockets[0].open();

    transport.close();
    vi.advanceTimersByTime(60_000);

    expect(sockets).toHaveLength(1);
  });
});
