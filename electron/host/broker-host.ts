/**
 * BrokerHost: runs the embedded broker for the app and serves the contract's `broker.*` methods
 * and events: its status and connections, and its control (start, stop, restart, a free port,
 * opening its data folder).
 *
 * Lifecycle: `stopped` (created) → `starting` → `running` | `failed`; a stop → `stopped` (a failed
 * broker's error is cleared with it), from which a start starts it again, on the same data dir.
 * Every transition (the app's own start and stop, and the console's start, stop and restart) runs
 * through one queue, one at a time, so a stop never overlaps a start: a start while starting or
 * running resolves with the status once the start under way is done, and a stop while stopped
 * changes nothing. Asking a running broker for another port is refused (a `HostRefusal`): moving
 * it takes a restart.
 * A broker that cannot start (port in use, unusable data dir, bad config) never throws out of
 * `start()`: the host records the error with its hint and reports state `failed`, so the console
 * still opens and can say what went wrong.
 *
 * Services that work on the broker (createHost's topics, groups, messages, tails, produce, dlq)
 * come in as `BrokerServices`: attached once a start succeeded, before `running` is announced, and
 * detached before every stop while the broker still runs, so no call reaches a closed log.
 *
 * Events: `broker.status` on every state change and every connect/disconnect, `broker.connections`
 * on every connect/disconnect; each coalesced to at most one per `eventIntervalMs` (default 100 ms,
 * i.e. ~10 a second), always carrying the latest state. The broker reports only connects and
 * disconnects, so the host also polls the connections every `connectionsRefreshMs` (default 1 s)
 * and pushes them when a client id, a request count or what the oldest unanswered request waits
 * for changed.
 *
 * What each start uses (port, listen address, data dir, broker configs) comes from `startPlan`
 * (createHost's settings: the user's settings under the command-line flags), asked again at every
 * start, inside the queue, so a restart applies what was saved since; without one, these options.
 * A port given to a start ("Use port N" while `--port` fixes the port) wins over the plan for the
 * rest of the run.
 *
 * Not imported by anything that needs Electron: the adapters (main, serve) wire it up, and main
 * passes `openFolder` (Electron's shell) in.
 */
import type { Broker, BrokerLogger, BrokerOptions } from '../../broker-core/src/broker-api';
import {
  MAX_CONNECTIONS_PAGE,
  type BrokerError,
  type BrokerState,
  type BrokerStatus,
  type ClientConnection,
  type ContractEvent,
  type DomainHandlers,
  type EventName,
} from '../contract';
import { toBrokerError, toBrokerStatus, toClientConnection } from './broker-status';
import { createEventThrottle, type EventThrottle } from './event-throttle';
import { findFreePort } from './free-port';
import { HostRefusal } from './host-refusal';

export const DEFAULT_BROKER_PORT = 9092;
export const DEFAULT_EVENT_INTERVAL_MS = 100;
export const DEFAULT_CONNECTIONS_REFRESH_MS = 1000;

export interface BrokerHostOptions {
  /** Broker TCP port; default 9092; 0 picks a free one. */
  port?: number;
  dataDir: string;
  /** Broker configs by Kafka name, passed through to the broker (validated there). */
  config?: Record<string, string>;
  logger?: BrokerLogger;
  /** Minimum time between two pushes of the same event. */
  eventIntervalMs?: number;
  /** How often to look for client ids and request counts that changed without a connect/disconnect. */
  connectionsRefreshMs?: number;
  /** The clock that ages records for the dead-letter sweeper (tests and benches move it). */
  deadLetterClock?: () => number;
  /**
   * Opens a folder in the system's file manager (the desktop app passes Electron's shell); rejects
   * with what went wrong. Absent where the host cannot show anything to the user (serve mode).
   */
  openFolder?: (path: string) => Promise<void>;
  /** Where each start's port, address, data dir and configs come from; default: these options. */
  startPlan?: BrokerStartPlanSource;
}

/** What one start of the broker uses. */
export interface BrokerStartPlan {
  port: number;
  /** The address to listen on; undefined: loopback (127.0.0.1 and ::1). */
  host?: string;
  dataDir: string;
  config?: Record<string, string>;
}

export interface BrokerStartPlanSource {
  /** What a start would use now (for the status while stopped). */
  current(): BrokerStartPlan;
  /** Called in the queue right before each start (the broker stopped): does what must happen first (a data dir move), then says what to use. */
  prepare(): Promise<BrokerStartPlan>;
}

/** What works on the running broker: attached once it runs, detached before it stops. */
export interface BrokerServices {
  /** Called after a successful start, before `running` is announced. */
  attach(broker: Broker): void;
  /** Called before the broker stops, while it still runs; the stop waits for it. */
  detach(): Promise<void>;
}

/** A start or restart: the port for this run, if not the one last asked for. */
export interface BrokerStartOptions {
  port?: number;
}

/** What the host needs from broker-core; injected so the host is testable without sockets. */
export interface BrokerRuntime {
  startBroker(options: BrokerOptions): Promise<Broker>;
  /** Reported while the broker is not running (e.g. when it failed to start). */
  version: string;
}

export type HostLogger = BrokerLogger;

export type HostEventListener = (event: ContractEvent) => void;

export type BrokerHandlers = DomainHandlers<'broker'>;

export interface BrokerHost {
  /** One handler per `broker.*` method (createHost merges in the other domains). */
  readonly handlers: BrokerHandlers;
  /**
   * Starts the broker (on `port` if given, for this run and later starts); resolves with the
   * resulting status (`running` or `failed`). Rejects only with a HostRefusal when the broker
   * already runs and `port` is another port than its own.
   */
  start(options?: BrokerStartOptions): Promise<BrokerStatus>;
  /** Detaches the services, then stops the broker and closes its client connections; idempotent. */
  stop(): Promise<void>;
  /** Stops the broker if it runs (or clears a failure), then starts it (on `port` if given). */
  restart(options?: BrokerStartOptions): Promise<BrokerStatus>;
  status(): BrokerStatus;
  /** The running broker, or null while it is not running (other host services work on its logs). */
  broker(): Broker | null;
  /** Push events for the renderer; returns the unsubscribe function. */
  onEvent(listener: HostEventListener): () => void;
}

type BrokerEventName = Extract<EventName, `broker.${string}`>;

const silentLogger: BrokerLogger = { info() {}, warn() {}, error() {} };

const noServices: BrokerServices = { attach() {}, async detach() {} };

export function createBrokerHost(options: BrokerHostOptions, runtime: BrokerRuntime, services: BrokerServices = noServices): BrokerHost {
  const plans: BrokerStartPlanSource = options.startPlan ?? {
    current: () => ({ port: options.port ?? DEFAULT_BROKER_PORT, dataDir: options.dataDir, config: options.config }),
    prepare: async () => ({ port: options.port ?? DEFAULT_BROKER_PORT, dataDir: options.dataDir, config: options.config }),
  };
  // A port asked for by a start or restart applies from then on, until the app quits (over the plan's).
  let portOverride: number | undefined;
  /** What the latest start used (null before the first). */
  let lastPlan: BrokerStartPlan | null = null;
  const logger = options.logger ?? silentLogger;
  const intervalMs = options.eventIntervalMs ?? DEFAULT_EVENT_INTERVAL_MS;
  const listeners = new Set<HostEventListener>();

  let state: BrokerState = 'stopped';
  let broker: Broker | null = null;
  let error: BrokerError | null = null;
  /** The transition under way (and those queued behind it); each waits for the one before. */
  let transitions: Promise<unknown> = Promise.resolve();
  let unsubscribeConnections: (() => void) | null = null;
  let refreshTimer: ReturnType<typeof setInterval> | null = null;
  let pushedConnections = '';

  const shownPlan = (): BrokerStartPlan => (state === 'stopped' || lastPlan === null ? plans.current() : lastPlan);
  const requestedPort = (): number => portOverride ?? shownPlan().port;
  const status = (): BrokerStatus =>
    toBrokerStatus({ state, broker, requestedPort: requestedPort(), dataDir: shownPlan().dataDir, version: runtime.version, error });

  const connectionsPage = (limit: number) =>
    broker ? broker.connections().slice(0, limit).map(toClientConnection) : [];

  /** What the renderer sees of a connections page, to tell whether a push is due. */
  const signature = (page: ClientConnection[]) =>
    page.map((c) => `${c.id}/${c.clientId}/${c.requestCount}/${c.pendingRequests}/${c.oldestPendingRequest?.correlationId}/${c.oldestPendingRequest?.waitingFor}/${c.oldestPendingRequest?.stalled}/${c.readPaused}`).join(',');

  const publish = (event: ContractEvent): void => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (listenerError) {
        logger.error(`a host event listener threw on ${event.event}: ${String(listenerError)}`);
      }
    }
  };

  const throttles: Record<BrokerEventName, EventThrottle> = {
    'broker.status': createEventThrottle(intervalMs, () => publish({ event: 'broker.status', payload: status() })),
    'broker.connections': createEventThrottle(intervalMs, () => {
      const page = connectionsPage(MAX_CONNECTIONS_PAGE);
      pushedConnections = signature(page);
      publish({ event: 'broker.connections', payload: page });
    }),
  };

  const setState = (next: BrokerState): void => {
    state = next;
    throttles['broker.status'].schedule();
  };

  const run = async (): Promise<BrokerStatus> => {
    error = null;
    setState('starting');
    try {
      const plan = await plans.prepare();
      lastPlan = plan;
      const started = await runtime.startBroker({
        port: portOverride ?? plan.port,
        host: plan.host,
        dataDir: plan.dataDir,
        config: plan.config,
        logger,
        deadLetterClock: options.deadLetterClock,
      });
      broker = started;
      unsubscribeConnections = started.onConnectionsChanged(() => {
        throttles['broker.connections'].schedule();
        throttles['broker.status'].schedule();
      });
      refreshTimer = setInterval(() => {
        if (signature(connectionsPage(MAX_CONNECTIONS_PAGE)) !== pushedConnections) throttles['broker.connections'].schedule();
      }, options.connectionsRefreshMs ?? DEFAULT_CONNECTIONS_REFRESH_MS);
      refreshTimer.unref?.();
      try {
        services.attach(started);
      } catch (attachError) {
        logger.error(`a service could not attach to the broker: ${String(attachError)}`);
      }
      setState('running');
      logger.info(`broker running on ${status().address} (data in ${started.dataDir})`);
    } catch (startError) {
      error = toBrokerError(startError);
      setState('failed');
      logger.error(`broker failed to start: ${error.message} (${error.hint})`);
    }
    return status();
  };

  const shutdown = async (): Promise<void> => {
    if (state === 'stopped') return;
    if (broker) {
      try {
        await services.detach();
      } catch (detachError) {
        logger.error(`a service did not detach cleanly from the broker: ${String(detachError)}`);
      }
    }
    if (refreshTimer) clearInterval(refreshTimer);
    refreshTimer = null;
    unsubscribeConnections?.();
    unsubscribeConnections = null;
    // The broker stays the status's until it has stopped, so no status says "running" without it.
    const running = broker;
    if (running) {
      try {
        await running.stop();
      } catch (stopError) {
        logger.error(`the broker did not stop cleanly: ${String(stopError)}`);
      }
    }
    broker = null;
    error = null;
    setState('stopped');
    throttles['broker.connections'].schedule();
    for (const throttle of Object.values(throttles)) throttle.flush();
  };

  /** Runs `transition` once every transition queued before it is done. */
  const queue = <T>(transition: () => Promise<T>): Promise<T> => {
    const next = transitions.then(transition);
    transitions = next.catch(() => undefined);
    return next;
  };

  const startOn = async (port: number | undefined): Promise<BrokerStatus> => {
    if (state === 'running') {
      if (port !== undefined && port !== requestedPort() && port !== broker?.port) {
        throw new HostRefusal('BROKER_RUNNING', `the broker already runs on ${status().address}; restart it to move it to port ${port}`);
      }
      return status();
    }
    if (port !== undefined) portOverride = port;
    return run();
  };

  const start = (startOptions: BrokerStartOptions = {}) => queue(() => startOn(startOptions.port));
  const stop = () => queue(shutdown);
  const restart = (startOptions: BrokerStartOptions = {}) =>
    queue(async () => {
      await shutdown();
      return startOn(startOptions.port);
    });

  const freePort = async (from: number | undefined): Promise<number> => {
    // Near the port the user chose (9093 for a taken 9092); a broker asked for any port gets any.
    const asked = requestedPort();
    const base = from ?? (asked === 0 ? 0 : Math.min(asked + 1, 65535));
    try {
      return await findFreePort(base);
    } catch (findError) {
      throw new HostRefusal('NO_FREE_PORT', `could not find a free port for the broker: ${findError instanceof Error ? findError.message : String(findError)}`);
    }
  };

  const openDataDir = async (): Promise<{ path: string }> => {
    const path = status().dataDir;
    if (!options.openFolder) {
      throw new HostRefusal('NOT_SUPPORTED', `a browser cannot open folders; the data directory is ${path} (copy the path instead)`);
    }
    try {
      await options.openFolder(path);
    } catch (openError) {
      throw new HostRefusal('OPEN_FAILED', `could not open the data directory ${path}: ${openError instanceof Error ? openError.message : String(openError)}`);
    }
    return { path };
  };

  const handlers = {
    'broker.getStatus': () => status(),
    'broker.listConnections': ({ limit }) => connectionsPage(limit),
    'broker.start': ({ port }) => start({ port }),
    'broker.stop': async () => {
      await stop();
      return status();
    },
    'broker.restart': ({ port }) => restart({ port }),
    'broker.findFreePort': async ({ from }) => ({ port: await freePort(from) }),
    'broker.openDataDir': () => openDataDir(),
  } satisfies BrokerHandlers;

  return {
    handlers,
    start,
    stop,
    restart,
    status,
    broker: () => (state === 'running' ? broker : null),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
