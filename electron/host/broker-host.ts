/**
 * BrokerHost: runs the embedded broker for the app and serves the contract's `broker.*` methods
 * and events.
 *
 * Lifecycle: `stopped` (created) → `starting` → `running` | `failed`; `stop()` → `stopped`, from
 * which `start()` starts it again.
 * A broker that cannot start (port in use, unusable data dir, bad config) never throws out of
 * `start()`: the host records the error with its hint and reports state `failed`, so the console
 * still opens and can say what went wrong.
 *
 * Events: `broker.status` on every state change and every connect/disconnect, `broker.connections`
 * on every connect/disconnect; each coalesced to at most one per `eventIntervalMs` (default 100 ms,
 * i.e. ~10 a second), always carrying the latest state. The broker reports only connects and
 * disconnects, so the host also polls the connections every `connectionsRefreshMs` (default 1 s)
 * and pushes them when a client id, a request count or what the oldest unanswered request waits
 * for changed.
 *
 * Not imported by anything that needs Electron: the adapters (main, serve) wire it up.
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
  /** Starts the broker; resolves with the resulting status (`running` or `failed`), never rejects. */
  start(): Promise<BrokerStatus>;
  /** Stops the broker and closes its client connections; idempotent. */
  stop(): Promise<void>;
  status(): BrokerStatus;
  /** The running broker, or null while it is not running (other host services work on its logs). */
  broker(): Broker | null;
  /** Push events for the renderer; returns the unsubscribe function. */
  onEvent(listener: HostEventListener): () => void;
}

type BrokerEventName = Extract<EventName, `broker.${string}`>;

const silentLogger: BrokerLogger = { info() {}, warn() {}, error() {} };

export function createBrokerHost(options: BrokerHostOptions, runtime: BrokerRuntime): BrokerHost {
  const requestedPort = options.port ?? DEFAULT_BROKER_PORT;
  const logger = options.logger ?? silentLogger;
  const intervalMs = options.eventIntervalMs ?? DEFAULT_EVENT_INTERVAL_MS;
  const listeners = new Set<HostEventListener>();

  let state: BrokerState = 'stopped';
  let broker: Broker | null = null;
  let error: BrokerError | null = null;
  let starting: Promise<BrokerStatus> | null = null;
  let stopping: Promise<void> | null = null;
  let unsubscribeConnections: (() => void) | null = null;
  let refreshTimer: ReturnType<typeof setInterval> | null = null;
  let pushedConnections = '';

  const status = (): BrokerStatus =>
    toBrokerStatus({ state, broker, requestedPort, dataDir: options.dataDir, version: runtime.version, error });

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
      const started = await runtime.startBroker({
        port: requestedPort,
        dataDir: options.dataDir,
        config: options.config,
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
    if (starting) await starting;
    if (refreshTimer) clearInterval(refreshTimer);
    refreshTimer = null;
    unsubscribeConnections?.();
    unsubscribeConnections = null;
    const running = broker;
    broker = null;
    if (running) {
      try {
        await running.stop();
      } catch (stopError) {
        logger.error(`the broker did not stop cleanly: ${String(stopError)}`);
      }
    }
    setState('stopped');
    throttles['broker.connections'].schedule();
    for (const throttle of Object.values(throttles)) throttle.flush();
  };

  const handlers = {
    'broker.getStatus': () => status(),
    'broker.listConnections': ({ limit }) => connectionsPage(limit),
  } satisfies BrokerHandlers;

  return {
    handlers,
    start() {
      if (stopping) return stopping.then(status);
      starting ??= run();
      return starting;
    },
    stop() {
      if (state === 'stopped' && !starting) return Promise.resolve();
      // Once stopped, it may be started again (a restart), on the same data dir.
      stopping ??= shutdown().finally(() => {
        starting = null;
        stopping = null;
      });
      return stopping;
    },
    status,
    broker: () => (state === 'running' ? broker : null),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
