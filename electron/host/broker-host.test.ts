/**
 * Unit tests of BrokerHost's state machine, its control (start, stop, restart, the services
 * around them), event coalescing, free-port search and opening the data folder. The broker here is
 * an in-test fake of broker-core's `Broker` interface (no sockets, no disk); the free-port tests
 * hold real ports with real listeners. The real broker is exercised by the serve-mode integration
 * tests and the e2e specs.
 */
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Broker, BrokerOptions, ClientConnection } from '../../broker-core/src/broker-api';
import { BrokerStartError } from '../../broker-core/src/broker-api';
import type { ContractEvent } from '../contract';
import { createBrokerHost, type BrokerRuntime } from './broker-host';
import { findFreePort, isPortFree } from './free-port';
import { HostRefusal } from './host-refusal';

class FakeBroker implements Broker {
  readonly advertisedHost = 'localhost';
  readonly listenAddresses: readonly string[];
  readonly endpoints: Broker['endpoints'];
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
    this.endpoints = [{ name: 'PLAINTEXT', securityProtocol: 'PLAINTEXT', port, addresses: this.listenAddresses, advertisedHost: 'localhost', advertisedPort: port, saslMechanisms: [] }];
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

  it('never reports running without a broker while a restart stops the old one', async () => {
    let releaseStop: () => void = () => undefined;
    const brokers: FakeBroker[] = [];
    const runtime = fakeRuntime(async (options) => {
      const broker = new FakeBroker(41000 + brokers.length, options.dataDir);
      if (brokers.length === 0) broker.stop = () => new Promise<void>((resolve) => (releaseStop = resolve));
      brokers.push(broker);
      return broker;
    });
    const host = createBrokerHost({ dataDir: '/data/eddy', eventIntervalMs: 0 }, runtime);
    await host.start();
    const seen: { state: string; address: string | null }[] = [];
    host.onEvent((event) => event.event === 'broker.status' && seen.push({ state: event.payload.state, address: event.payload.address }));

    const restarted = host.restart();
    await new Promise((resolve) => setTimeout(resolve, 10));
    // The old broker is still stopping: the status is its, running, with its address.
    expect(host.status()).toMatchObject({ state: 'running', address: 'localhost:41000' });
    releaseStop();
    expect(await restarted).toMatchObject({ state: 'running', address: 'localhost:41001' });
    seen.push({ state: host.status().state, address: host.status().address });
    expect(seen.filter((status) => status.state === 'running' && status.address === null)).toEqual([]);
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

/** A runtime whose brokers run on the port asked for (or 40000 + n for port 0), recorded in order. */
function portRuntime(): BrokerRuntime & { started: BrokerOptions[]; brokers: FakeBroker[] } {
  const brokers: FakeBroker[] = [];
  const runtime = fakeRuntime(async (options) => {
    const broker = new FakeBroker(options.port || 40000 + brokers.length, options.dataDir);
    brokers.push(broker);
    return broker;
  });
  return Object.assign(runtime, { brokers });
}

/** Services that record when they were attached and detached, next to the broker's own stops. */
function recordingServices(journal: string[]) {
  return {
    attach(broker: Broker) {
      journal.push(`attach ${broker.port}`);
    },
    async detach() {
      journal.push('detach');
    },
  };
}

function statusStates(host: ReturnType<typeof createBrokerHost>): string[] {
  const states: string[] = [];
  host.onEvent((event) => {
    if (event.event === 'broker.status') states.push(event.payload.state);
  });
  return states;
}

describe('BrokerHost control (broker.start, broker.stop, broker.restart)', () => {
  it('stops, starts and restarts through its handlers, each pushing its states', async () => {
    const runtime = portRuntime();
    const host = createBrokerHost({ port: 9092, dataDir: '/d', eventIntervalMs: 0 }, runtime);
    await host.start();
    const states = statusStates(host);

    const stopped = await host.handlers['broker.stop']({});
    expect(stopped).toMatchObject({ state: 'stopped', address: null, error: null });
    expect(runtime.brokers[0].stopped).toBe(true);

    const started = await host.handlers['broker.start']({});
    expect(started).toMatchObject({ state: 'running', address: 'localhost:9092', requestedPort: 9092 });

    const restarted = await host.handlers['broker.restart']({});
    expect(restarted).toMatchObject({ state: 'running', address: 'localhost:9092' });
    expect(runtime.brokers[1].stopped).toBe(true);
    expect(host.broker()).toBe(runtime.brokers[2]);

    expect(states).toEqual(['stopped', 'starting', 'running', 'stopped', 'starting', 'running']);
    expect(runtime.started.map((options) => options.port)).toEqual([9092, 9092, 9092]);
    await host.stop();
  });

  it('attaches the services once the broker runs, before running is announced, and detaches them before every stop', async () => {
    const journal: string[] = [];
    const runtime = fakeRuntime(async (options) => {
      const broker = new FakeBroker(options.port ?? 0, options.dataDir);
      const stop = broker.stop.bind(broker);
      broker.stop = async () => {
        journal.push(`broker ${broker.port} stops`);
        await stop();
      };
      return broker;
    });
    const host = createBrokerHost({ port: 9092, dataDir: '/d', eventIntervalMs: 0 }, runtime, recordingServices(journal));
    host.onEvent((event) => {
      if (event.event === 'broker.status') journal.push(event.payload.state);
    });

    await host.start();
    await host.handlers['broker.restart']({ port: 9095 });
    await host.handlers['broker.stop']({});

    expect(journal).toEqual([
      'starting', 'attach 9092', 'running',
      'detach', 'broker 9092 stops', 'stopped', 'starting', 'attach 9095', 'running',
      'detach', 'broker 9095 stops', 'stopped',
    ]);
  });

  it('treats a start while starting or running, and a stop while stopped, as harmless', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const journal: string[] = [];
    const runtime = fakeRuntime(async (options) => {
      await gate;
      return new FakeBroker(options.port ?? 0, options.dataDir);
    });
    const host = createBrokerHost({ port: 9092, dataDir: '/d', eventIntervalMs: 0 }, runtime, recordingServices(journal));

    const first = host.start();
    const whileStarting = host.handlers['broker.start']({});
    release();
    const whileRunning = await host.handlers['broker.start']({ port: 9092 });

    expect((await first).state).toBe('running');
    expect((await whileStarting).state).toBe('running');
    expect(whileRunning.state).toBe('running');
    expect(runtime.started).toHaveLength(1);
    expect(journal).toEqual(['attach 9092']);

    await host.handlers['broker.stop']({});
    const states = statusStates(host);
    const again = await host.handlers['broker.stop']({});
    expect(again.state).toBe('stopped');
    expect(states).toEqual([]);
    expect(journal).toEqual(['attach 9092', 'detach']);
  });

  it('refuses to move a running broker to another port without a restart, and keeps it running', async () => {
    const runtime = portRuntime();
    const host = createBrokerHost({ port: 9092, dataDir: '/d' }, runtime);
    await host.start();

    const refused = host.handlers['broker.start']({ port: 9093 });

    await expect(refused).rejects.toBeInstanceOf(HostRefusal);
    await expect(refused).rejects.toMatchObject({ reason: 'BROKER_RUNNING', message: 'the broker already runs on localhost:9092; restart it to move it to port 9093' });
    expect(host.status()).toMatchObject({ state: 'running', address: 'localhost:9092', requestedPort: 9092 });
    expect(runtime.started).toHaveLength(1);
    await host.stop();
  });

  it('starts a broker that failed on a taken port on the port it is given, and keeps that port for later restarts', async () => {
    const runtime = fakeRuntime(async (options) => {
      if (options.port === 9092) throw new BrokerStartError('PORT_IN_USE', 'port 9092 is already in use on 127.0.0.1', 'pick another port with --port <number>');
      return new FakeBroker(options.port ?? 0, options.dataDir);
    });
    const host = createBrokerHost({ dataDir: '/d', eventIntervalMs: 0 }, runtime);
    expect((await host.start()).error?.code).toBe('PORT_IN_USE');
    const states = statusStates(host);

    const moved = await host.handlers['broker.start']({ port: 9093 });
    const restarted = await host.handlers['broker.restart']({});

    expect(moved).toMatchObject({ state: 'running', address: 'localhost:9093', requestedPort: 9093, error: null });
    expect(restarted).toMatchObject({ state: 'running', address: 'localhost:9093', requestedPort: 9093 });
    expect(runtime.started.map((options) => options.port)).toEqual([9092, 9093, 9093]);
    expect(states).toEqual(['starting', 'running', 'stopped', 'starting', 'running']);
    await host.stop();
  });

  it('asks its start plan (the settings) at every start, so a restart applies what changed; a port given to a start wins', async () => {
    const runtime = fakeRuntime(async (options) => new FakeBroker(options.port ?? 9092, options.dataDir));
    let plan = { port: 9500, dataDir: '/data/one', config: { 'num.partitions': '2' } as Record<string, string>, host: undefined as string | undefined };
    let prepared = 0;
    const prepare = async () => {
      prepared += 1;
      return plan;
    };
    const planned = createBrokerHost({ dataDir: '/unused', startPlan: { current: () => plan, prepare } }, runtime);
    expect(planned.status()).toMatchObject({ state: 'stopped', requestedPort: 9500, dataDir: '/data/one' });

    await planned.start();
    plan = { port: 9600, dataDir: '/data/two', config: { 'num.partitions': '4' }, host: '0.0.0.0' };
    expect(planned.status()).toMatchObject({ requestedPort: 9500, dataDir: '/data/one' });
    const restarted = await planned.restart();

    expect(prepared).toBe(2);
    expect(runtime.started.map(({ port, dataDir, host: address, config }) => ({ port, dataDir, host: address, config }))).toEqual([
      { port: 9500, dataDir: '/data/one', host: undefined, config: { 'num.partitions': '2' } },
      { port: 9600, dataDir: '/data/two', host: '0.0.0.0', config: { 'num.partitions': '4' } },
    ]);
    expect(restarted).toMatchObject({ state: 'running', requestedPort: 9600, dataDir: '/data/two' });

    await planned.restart({ port: 9700 });
    await planned.restart();
    expect(runtime.started.at(-1)?.port).toBe(9700);
    await planned.stop();
  });

  it('clears a failure when stopped, so the stopped broker shows no error', async () => {
    const runtime = fakeRuntime(async () => {
      throw new BrokerStartError('PORT_IN_USE', 'port 9092 is already in use on 127.0.0.1', 'pick another port');
    });
    const host = createBrokerHost({ dataDir: '/d' }, runtime);
    await host.start();

    const stopped = await host.handlers['broker.stop']({});

    expect(stopped).toMatchObject({ state: 'stopped', error: null, requestedPort: 9092 });
  });

  it('stops the broker even when a service fails to detach, and says so in the log', async () => {
    const errors: string[] = [];
    const logger = { info() {}, warn() {}, error: (message: string) => errors.push(message) };
    const runtime = portRuntime();
    const host = createBrokerHost({ port: 9092, dataDir: '/d', logger }, runtime, {
      attach() {},
      detach: () => Promise.reject(new Error('replay ledger unwritable')),
    });
    await host.start();

    await host.stop();

    expect(runtime.brokers[0].stopped).toBe(true);
    expect(host.status().state).toBe('stopped');
    expect(errors).toEqual(['a service did not detach cleanly from the broker: Error: replay ledger unwritable']);
  });
});

/** Holds `port` (0: any) on 127.0.0.1 and, where there is IPv6 loopback, on ::1, as another program would. */
async function holdPort(port: number): Promise<{ port: number; release(): Promise<void> }> {
  const listen = (server: Server, host: string, at: number) =>
    new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen({ host, port: at, ipv6Only: host === '::1' }, () => resolve(true));
    });
  const ipv4 = createServer();
  if (!(await listen(ipv4, '127.0.0.1', port))) throw new Error(`port ${port} is already taken on 127.0.0.1`);
  const held = (ipv4.address() as AddressInfo).port;
  const ipv6 = createServer();
  const ipv6Bound = await listen(ipv6, '::1', held);
  return {
    port: held,
    async release() {
      await new Promise((resolve) => ipv4.close(resolve));
      if (ipv6Bound) await new Promise((resolve) => ipv6.close(resolve));
    },
  };
}

describe('BrokerHost broker.findFreePort', () => {
  it('finds a port above the one asked for that a real listener holds, and that port binds', async () => {
    const held = await holdPort(0);
    try {
      const host = createBrokerHost({ port: held.port, dataDir: '/d' }, portRuntime());

      const { port } = await host.handlers['broker.findFreePort']({});

      expect(port).toBeGreaterThan(held.port);
      expect(port).toBeLessThanOrEqual(Math.min(65535, held.port + 100));
      const check = await holdPort(port);
      await check.release();
    } finally {
      await held.release();
    }
  });

  it('skips a candidate that is taken too, starting from the port given', async () => {
    const first = await holdPort(0);
    const next = await holdPort(first.port + 1).catch(() => null);
    try {
      const host = createBrokerHost({ port: 0, dataDir: '/d' }, portRuntime());

      const { port } = await host.handlers['broker.findFreePort']({ from: first.port });

      expect(port).not.toBe(first.port);
      if (next) expect(port).not.toBe(next.port);
      expect(await isPortFree(port)).toBe(true);
      expect(await isPortFree(first.port)).toBe(false);
    } finally {
      await first.release();
      await next?.release();
    }
  });

  it('counts a port held on one loopback address only as taken', async () => {
    const ipv4Only = createServer();
    await new Promise<void>((resolve) => ipv4Only.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const port = (ipv4Only.address() as AddressInfo).port;
    try {
      expect(await isPortFree(port)).toBe(false);
      expect(await findFreePort(port, { attempts: 1 })).not.toBe(port);
    } finally {
      await new Promise((resolve) => ipv4Only.close(resolve));
    }
  });
});

describe('BrokerHost broker.openDataDir', () => {
  it('opens the data directory with the folder opener it was given', async () => {
    const opened: string[] = [];
    const host = createBrokerHost({ dataDir: '/data/eddy', openFolder: async (path) => void opened.push(path) }, portRuntime());

    expect(await host.handlers['broker.openDataDir']({})).toEqual({ path: '/data/eddy' });
    expect(opened).toEqual(['/data/eddy']);
  });

  it('refuses where it cannot open folders (serve mode), naming the path to copy instead', async () => {
    const host = createBrokerHost({ dataDir: '/data/eddy' }, portRuntime());

    await expect(host.handlers['broker.openDataDir']({})).rejects.toMatchObject({ reason: 'NOT_SUPPORTED', message: 'a browser cannot open folders; the data directory is /data/eddy (copy the path instead)' });
  });

  it('refuses with what went wrong when the file manager cannot open it', async () => {
    const host = createBrokerHost({ dataDir: '/data/eddy', openFolder: () => Promise.reject(new Error('no application is registered for folders')) }, portRuntime());

    await expect(host.handlers['broker.openDataDir']({})).rejects.toMatchObject({ reason: 'OPEN_FAILED', message: 'could not open the data directory /data/eddy: no application is registered for folders' });
  });
});
