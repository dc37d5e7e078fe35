/**
 * Unit tests of BrokerHost's state machine and event coalescing. The broker here is an in-test
 * fake of broker-core's `Broker` interface (no sockets, no disk); the real broker is exercised by
 * the serve-mode integration tests and the e2e specs.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Broker, BrokerOptions, ClientConnection } from '../../broker-core/src/broker-api';
import { BrokerStartError } from '../../broker-core/src/broker-api';
import type { ContractEvent } from '../contract';
import { createBrokerHost, type BrokerRuntime } from './broker-host';

class FakeBroker implements Broker {
  readonly advertisedHost = 'localhost';
  readonly listenAddresses: readonly string[];
  readonly clusterId = 'fake-cluster-id';
  readonly nodeId = 1;
  readonly startedAt = 1_700_000_000_000;
  readonly version = '9.9.9';
  readonly config = {};
  /** The host's status and connection logic never touches logs, groups or the sweeper; reaching them here is a bug. */
  get logs(): Broker['logs'] {
    throw new Error('FakeBroker has no logs');
  }
  get groups(): Broker['groups'] {
    throw new Error('FakeBroker has no groups');
  }
  get deadLetters(): Broker['deadLetters'] {
    throw new Error('FakeBroker has no dead-letter sweeper');
  }
  stopped = false;
  private current: ClientConnection[] = [];
  private readonly listeners = new Set<(connections: ClientConnection[]) => void>();

  constructor(
    readonly port: number,
    readonly dataDir: string,
  ) {
    this.listenAddresses = [`127.0.0.1:${port}`, `[::1]:${port}`];
  }

  connections(): ClientConnection[] {
    return [...this.current];
  }

  onConnectionsChanged(listener: (connections: ClientConnection[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    this.stopped = true;
  }

  connect(id: number, clientId: string | null = null): void {
    this.current.push({ id, remoteAddress: '127.0.0.1', remotePort: 50000 + id, clientId, connectedAt: 1, requestCount: 0, pendingRequests: 0, oldestPendingRequest: null, readPaused: null });
    for (const listener of this.listeners) listener(this.connections());
  }

  /** A connection's oldest unanswered request became stalled: the broker does not announce this either. */
  stall(id: number): void {
    const oldestPendingRequest = { api: 'Produce', apiVersion: 7, correlationId: 9, receivedAt: 1, waitingFor: 'the fsync of orders-0', stalled: true };
    this.current = this.current.map((c) => (c.id === id ? { ...c, pendingRequests: 1, oldestPendingRequest } : c));
  }

  /** A request read on a connection: the broker does not announce these. */
  request(id: number, clientId: string): void {
    this.current = this.current.map((c) => (c.id === id ? { ...c, clientId, requestCount: c.requestCount + 1 } : c));
  }

  disconnect(id: number): void {
    this.current = this.current.filter((connection) => connection.id !== id);
    for (const listener of this.listeners) listener(this.connections());
  }
}

function fakeRuntime(start: (options: BrokerOptions) => Promise<Broker>): BrokerRuntime & { started: BrokerOptions[] } {
  const started: BrokerOptions[] = [];
  return {
    started,
    version: '9.9.9',
    startBroker: (options) => {
      started.push(options);
      return start(options);
    },
  };
}

describe('BrokerHost', () => {
  afterEach(() => vi.useRealTimers());

  it('starts the broker with the port, data dir and config it was given and reports it running', async () => {
    let broker: FakeBroker | undefined;
    const runtime = fakeRuntime(async (options) => (broker = new FakeBroker(40123, options.dataDir)));
    const host = createBrokerHost({ port: 0, dataDir: '/data/eddy', config: { 'num.partitions': '3' } }, runtime);

    const status = await host.start();

    expect(runtime.started[0]).toMatchObject({ port: 0, dataDir: '/data/eddy', config: { 'num.partitions': '3' } });
    expect(status).toMatchObject({
      state: 'running',
      address: 'localhost:40123',
      listenAddresses: ['127.0.0.1:40123', '[::1]:40123'],
      requestedPort: 0,
      dataDir: '/data/eddy',
      startedAt: broker?.startedAt,
      clusterId: 'fake-cluster-id',
      nodeId: 1,
      connectedClients: 0,
      error: null,
    });
    await host.stop();
  });

  it('starts the broker again after a stop, on the same data dir, and a second stop changes nothing', async () => {
    const brokers: FakeBroker[] = [];
    const runtime = fakeRuntime(async (options) => {
      const broker = new FakeBroker(40000 + brokers.length, options.dataDir);
      brokers.push(broker);
      return broker;
    });
    const host = createBrokerHost({ dataDir: '/data/eddy', eventIntervalMs: 0 }, runtime);
    await host.start();
    await host.stop();
    const states: string[] = [];
    host.onEvent((event) => {
      if (event.event === 'broker.status') states.push(event.payload.state);
    });

    const again = await host.start();

    expect(again).toMatchObject({ state: 'running', address: 'localhost:40001' });
    expect(runtime.started.map((options) => options.dataDir)).toEqual(['/data/eddy', '/data/eddy']);
    expect(brokers[0].stopped).toBe(true);
    expect(host.broker()).toBe(brokers[1]);
    await host.stop();
    await host.stop();
    expect(brokers[1].stopped).toBe(true);
    expect(states).toEqual(['starting', 'running', 'stopped']);
  });

  it('reports a port already in use as state failed with the message and hint, without throwing', async () => {
    const runtime = fakeRuntime(async () => {
      throw new BrokerStartError('PORT_IN_USE', 'port 9092 is already in use', 'pick another port with --port <n>');
    });
    const host = createBrokerHost({ dataDir: '/data/eddy' }, runtime);

    const status = await host.start();

    expect(status).toMatchObject({
      state: 'failed',
      address: null,
      requestedPort: 9092,
      dataDir: '/data/eddy',
      version: '9.9.9',
      error: { code: 'PORT_IN_USE', message: 'port 9092 is already in use', hint: 'pick another port with --port <n>' },
    });
    expect(host.status().state).toBe('failed');
  });

  it('reports an unexpected start error as UNEXPECTED with a hint', async () => {
    const host = createBrokerHost({ dataDir: '/d' }, fakeRuntime(async () => Promise.reject(new Error('disk on fire'))));

    const status = await host.start();

    expect(status.state).toBe('failed');
    expect(status.error?.code).toBe('UNEXPECTED');
    expect(status.error?.message).toContain('disk on fire');
    expect(status.error?.hint).not.toBe('');
  });

  it('pushes starting then running as broker.status events', async () => {
    const host = createBrokerHost({ dataDir: '/d', eventIntervalMs: 0 }, fakeRuntime(async (o) => new FakeBroker(1, o.dataDir)));
    const states: string[] = [];
    host.onEvent((event) => {
      if (event.event === 'broker.status') states.push(event.payload.state);
    });

    await host.start();

    expect(states).toEqual(['starting', 'running']);
    await host.stop();
    expect(states.at(-1)).toBe('stopped');
  });

  it('coalesces a burst of connects into at most one push per interval, carrying the latest state', async () => {
    vi.useFakeTimers();
    let broker!: FakeBroker;
    const host = createBrokerHost({ dataDir: '/d' }, fakeRuntime(async (o) => (broker = new FakeBroker(1, o.dataDir))));
    await host.start();
    vi.advanceTimersByTime(1000);
    const events: ContractEvent[] = [];
    host.onEvent((event) => events.push(event));

    for (let id = 1; id <= 30; id += 1) broker.connect(id, `client-${id}`);
    vi.advanceTimersByTime(100);

    const connectionPushes = events.filter((e) => e.event === 'broker.connections');
    const statusPushes = events.filter((e) => e.event === 'broker.status');
    expect(connectionPushes).toHaveLength(2);
    expect(statusPushes).toHaveLength(2);
    expect(connectionPushes.at(-1)?.payload).toHaveLength(30);
    expect(statusPushes.at(-1)?.payload).toMatchObject({ connectedClients: 30 });
    await host.stop();
  });

  it('pushes connections again when a client id, a request count or a stall changed without a connect', async () => {
    vi.useFakeTimers();
    let broker!: FakeBroker;
    const host = createBrokerHost(
      { dataDir: '/d', connectionsRefreshMs: 1000 },
      fakeRuntime(async (o) => (broker = new FakeBroker(1, o.dataDir))),
    );
    await host.start();
    broker.connect(1);
    vi.advanceTimersByTime(1000);
    const pushes: unknown[] = [];
    host.onEvent((event) => {
      if (event.event === 'broker.connections') pushes.push(event.payload);
    });

    vi.advanceTimersByTime(3000);
    expect(pushes).toHaveLength(0);

    broker.request(1, 'orders-service');
    vi.advanceTimersByTime(1000);

    expect(pushes).toEqual([[expect.objectContaining({ id: 1, clientId: 'orders-service', requestCount: 1 })]]);

    broker.stall(1);
    vi.advanceTimersByTime(1000);
    expect(pushes[1]).toEqual([expect.objectContaining({ id: 1, pendingRequests: 1, oldestPendingRequest: expect.objectContaining({ stalled: true, waitingFor: 'the fsync of orders-0' }) })]);
    await host.stop();
  });

  it('serves getStatus and listConnections through its handlers, honouring the limit', async () => {
    let broker!: FakeBroker;
    const host = createBrokerHost({ dataDir: '/d' }, fakeRuntime(async (o) => (broker = new FakeBroker(1, o.dataDir))));
    await host.start();
    broker.connect(1, 'orders-service');
    broker.connect(2);
    broker.connect(3);

    const status = await host.handlers['broker.getStatus']({});
    const page = await host.handlers['broker.listConnections']({ limit: 2 });

    expect(status.connectedClients).toBe(3);
    expect(page).toEqual([
      { id: 1, remoteAddress: '127.0.0.1', remotePort: 50001, clientId: 'orders-service', connectedAt: 1, requestCount: 0, pendingRequests: 0, oldestPendingRequest: null, readPaused: null },
      { id: 2, remoteAddress: '127.0.0.1', remotePort: 50002, clientId: null, connectedAt: 1, requestCount: 0, pendingRequests: 0, oldestPendingRequest: null, readPaused: null },
    ]);
    await host.stop();
  });

  it('stops the broker once, even when stop is called twice or during start-up', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let broker!: FakeBroker;
    const host = createBrokerHost(
      { dataDir: '/d' },
      fakeRuntime(async (o) => {
        await gate;
        return (broker = new FakeBroker(1, o.dataDir));
      }),
    );
    const started = host.start();

    const stopped = Promise.all([host.stop(), host.stop()]);
    release();
    await stopped;

    expect((await started).state).toBe('running');
    expect(broker.stopped).toBe(true);
    expect(host.status()).toMatchObject({ state: 'stopped', address: null, connectedClients: 0 });
  });
});
