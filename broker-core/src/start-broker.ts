/**
 * `startBroker(options)`: the broker as a library call. Validates the configs (the listeners with
 * their TLS key store and SASL users too, before anything is opened), opens the data directory
 * (creating its identity on first use), binds the listeners (one PLAINTEXT listener on `port`
 * unless the `listeners` config says otherwise; server/broker-listeners.ts) and serves requests
 * until `stop()`. Connections on a SASL listener each get a SASL gate in front of the shared
 * request router (security/sasl-authenticator.ts). Failures to start are `BrokerStartError`s that
 * say what to do.
 */
import { accessSync, constants, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Socket } from 'node:net';
import { BrokerStartError, type Broker, type BrokerLogger, type BrokerOptions, type ClientConnection } from './broker-api';
import type { BrokerState } from './cluster/broker-state';
import { loadOrCreateClusterMeta } from './cluster/cluster-meta';
import { DataDirInUseError, lockDataDir, type DataDirLock } from './cluster/data-dir-lock';
import { BrokerConfig, InvalidBrokerConfigError } from './config/broker-config';
import { createRequestRouter } from './handlers/request-router';
import { crc32cImplementation } from './records/crc32c';
import { ReadBufferPool } from './storage/read-buffer-pool';
import { AppendWaiters } from './fetch/append-waiters';
import { DeadLetterSweeperImpl } from './dlq/dead-letter-sweeper';
import { GroupCoordinator } from './groups/group-coordinator';
import { ProducerIdAllocator } from './producers/producer-id-allocator';
import { LogManager } from './storage/log-manager';
import { WritePacer } from './storage/write-pacer';
import { loadListenerPlans, type ListenerPlan } from './security/listener-security';
import { SaslAuthenticator } from './security/sasl-authenticator';
import { bindBrokerListeners, closeBrokerListeners, describeListeners, primaryListener, type BoundBrokerListener } from './server/broker-listeners';
import { ClientConnectionHandler, type ConnectionListener } from './server/client-connection';
import { BROKER_VERSION } from './version';

export const DEFAULT_PORT = 9092;

const silentLogger: BrokerLogger = { info() {}, warn() {}, error() {} };

function loadConfig(overrides: Record<string, string> | undefined): BrokerConfig {
  try {
    return BrokerConfig.from(overrides);
  } catch (error) {
    if (error instanceof InvalidBrokerConfigError) throw new BrokerStartError('INVALID_CONFIG', error.message, 'fix the --config option');
    throw error;
  }
}

/** The listeners with their TLS and SASL settings, checked before anything is opened. */
function loadListeners(config: BrokerConfig, port: number, host: string | undefined): ListenerPlan[] {
  try {
    return loadListenerPlans(config, { port, host });
  } catch (error) {
    if (error instanceof InvalidBrokerConfigError) throw new BrokerStartError('INVALID_CONFIG', error.message, 'fix the --config option');
    throw error;
  }
}

async function openDataDir(dataDir: string, nodeId: number): Promise<{ meta: ReturnType<typeof loadOrCreateClusterMeta>; lock: DataDirLock }> {
  let lock: DataDirLock | null = null;
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.R_OK | constants.W_OK);
    lock = await lockDataDir(dataDir);
    return { meta: loadOrCreateClusterMeta(dataDir, nodeId), lock };
  } catch (error) {
    lock?.release();
    if (error instanceof DataDirInUseError) {
      throw new BrokerStartError('DATA_DIR_UNUSABLE', error.message, 'stop the other broker (another copy of Eddy?), or choose another directory with --data-dir <path>');
    }
    throw new BrokerStartError(
      'DATA_DIR_UNUSABLE',
      `cannot use data directory ${dataDir}: ${(error as Error).message}`,
      'choose a writable directory with --data-dir <path>',
    );
  }
}

export async function startBroker(options: BrokerOptions): Promise<Broker> {
  const logger = options.logger ?? silentLogger;
  const port = options.port ?? DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new BrokerStartError('LISTEN_FAILED', `invalid port ${port}`, 'use a port number from 0 to 65535 (0 picks a free one)');
  }
  const config = loadConfig(options.config);
  const plans = loadListeners(config, port, options.host);
  if (config.get('listeners') !== '' && options.port !== undefined) logger.info(`the listeners config says every listener: port ${options.port} (--port) is not used`);
  const dataDir = resolve(options.dataDir);
  const { meta, lock } = await openDataDir(dataDir, config.getInt('node.id'));
  const advertisedHost = options.host === undefined || options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;

  const writePacer = options.writePacing ? new WritePacer(options.writePacing) : undefined;
  const logs = await LogManager.open(dataDir, config, logger, { writePacer }).catch((error: unknown) => {
    lock.release();
    throw new BrokerStartError('DATA_DIR_UNUSABLE', `cannot open the logs in ${dataDir}: ${(error as Error).message}`, 'check the data directory, or choose another with --data-dir <path>');
  });
  const groups = await GroupCoordinator.open(dataDir, config, { partitionCount: (topic) => (logs.hasTopic(topic) ? logs.describeTopic(topic).partitions : undefined) }, logger).catch(
    async (error: unknown) => {
      await logs.close();
      lock.release();
      throw new BrokerStartError('DATA_DIR_UNUSABLE', `cannot open the committed offsets in ${dataDir}: ${(error as Error).message}`, 'check the data directory, or choose another with --data-dir <path>');
    },
  );
  logs.on((event) => {
    if (event.type === 'topic-deleted') void groups.removeOffsetsOfTopic(event.topic);
  });
  const deadLetters = await DeadLetterSweeperImpl.start(dataDir, logs, groups, logger, {
    intervalMs: Number(config.getBigInt('dlq.sweep.interval.ms')),
    now: options.deadLetterClock,
  }).catch(async (error: unknown) => {
    await groups.close();
    await logs.close();
    lock.release();
    throw new BrokerStartError('DATA_DIR_UNUSABLE', `cannot start the dead-letter sweeper in ${dataDir}: ${(error as Error).message}`, 'check the data directory, or choose another with --data-dir <path>');
  });
  const state: BrokerState = {
    clusterId: meta.clusterId,
    nodeId: meta.nodeId,
    advertisedHost,
    port,
    config,
    version: BROKER_VERSION,
    producerIds: new ProducerIdAllocator(dataDir),
    logs,
    appendWaiters: new AppendWaiters(logs),
    readBuffers: new ReadBufferPool(),
    groups,
    logger,
    stopping: false,
  };
  const router = createRequestRouter(state, logger);
  const handlers = new Set<ClientConnectionHandler>();
  const listeners = new Set<(connections: ClientConnection[]) => void>();
  const maxRequestBytes = config.getInt('socket.request.max.bytes');
  let nextConnectionId = 1;

  const stallBoundMs = Number(config.getBigInt('request.stall.log.ms'));
  const snapshot = (): ClientConnection[] => {
    const now = Date.now();
    return [...handlers].map((handler) => ({ ...handler.info, ...handler.activity(now, stallBoundMs) }));
  };
  // Stalled requests are looked for a few times per bound (at least once a second), and logged once each.
  const stallCheck = setInterval(() => {
    const now = Date.now();
    for (const handler of handlers) handler.reportStalls(now, stallBoundMs);
  }, Math.min(1000, Math.max(10, Math.floor(stallBoundMs / 4))));
  stallCheck.unref();
  const notify = () => {
    if (listeners.size === 0) return;
    const connections = snapshot();
    for (const listener of listeners) listener(connections);
  };
  const onConnection = (listener: ConnectionListener, sasl: ListenerPlan['sasl'], socket: Socket) => {
    const handler = new ClientConnectionHandler(
      socket,
      nextConnectionId++,
      maxRequestBytes,
      // A SASL listener's connections each get their own authentication gate in front of the router.
      sasl ? new SaslAuthenticator(router, sasl, logger) : router,
      logger,
      (closed) => {
        handlers.delete(closed);
        notify();
      },
      state.readBuffers,
      options.maxInFlightPerConnection,
      listener,
    );
    handlers.add(handler);
    notify();
  };

  let bound: BoundBrokerListener[];
  try {
    const saslOf = new Map(plans.map((plan) => [plan.name, plan.sasl]));
    bound = await bindBrokerListeners(plans, advertisedHost, (listener, socket) => onConnection(listener, saslOf.get(listener.name) ?? null, socket), logger);
  } catch (error) {
    clearInterval(stallCheck);
    state.appendWaiters.close();
    await deadLetters.stop();
    await groups.close();
    await logs.close();
    lock.release();
    throw error;
  }
  const primary = primaryListener(bound).view;
  state.port = primary.port;
  const startedAt = Date.now();
  if (crc32cImplementation.kind === 'portable') logger.info(`CRC-32C in JavaScript: ${crc32cImplementation.reason}; appends take more CPU`);
  logger.info(`listening on ${describeListeners(bound)}, cluster ${meta.clusterId}, data in ${dataDir}`);

  let stopping: Promise<void> | null = null;
  return {
    port: primary.port,
    advertisedHost,
    listenAddresses: primary.addresses,
    endpoints: bound.map((listener) => listener.view),
    clusterId: meta.clusterId,
    nodeId: meta.nodeId,
    dataDir,
    startedAt,
    version: BROKER_VERSION,
    config: config.toRecord(),
    logs,
    groups,
    deadLetters,
    connections: snapshot,
    onConnectionsChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      stopping ??= (async () => {
        state.stopping = true;
        clearInterval(stallCheck);
        await deadLetters.stop();
        state.appendWaiters.close();
        const closing = closeBrokerListeners(bound);
        for (const handler of handlers) handler.close();
        await closing;
        await groups.close();
        await logs.close();
        lock.release();
        listeners.clear();
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}
