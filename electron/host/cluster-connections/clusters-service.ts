/**
 * ClustersService: the contract's `clusters.*` methods and events. It keeps the user's remote
 * connections (connection-store.ts), tests them (the connection diagnosis), and decides which
 * cluster every view shows: the embedded broker (always there) or one remote cluster.
 *
 * Opening a remote connection connects a Kafka client to it (`connect`), wraps it read-only when
 * the connection says so (read-only-cluster.ts, enforced here, whatever the UI sends), and hands
 * it to the host (`show`), which moves its services onto it. While it is open, a health check
 * (`describeCluster` every `healthIntervalMs`) notices a lost connection: the state turns
 * `reconnecting`, the services are taken off it, and it is connected again with backoff (1 s,
 * 2 s, 4 s, … up to 30 s), until it works or another connection is opened. Every change of state
 * is pushed as `clusters.state`; every change of the list as `clusters.list`.
 *
 * Answers about a cluster name the connection they are for, and a connection switch takes the
 * services off the old cluster before the new one is shown, so nothing from one cluster is shown
 * under another's name.
 */
import {
  EMBEDDED_CLUSTER_ID,
  type ClusterConnectionInput,
  type ClusterConnectionList,
  type ClusterConnectionState,
  type ClusterDiagnosis,
  type ContractEvent,
  type DomainHandlers,
} from '../../contract';
import type { Cluster } from '../cluster/cluster';
import { refusingClusterErrors } from '../cluster/cluster-refusal';
import { readOnlyCluster } from '../cluster/read-only-cluster';
import type { RemoteConnection } from '../cluster/remote/remote-connection';
import { HostRefusal } from '../host-refusal';
import { embeddedSummary, settingsProblem, toRemoteConnection, toSummary } from './connection-settings';
import type { ConnectionStore } from './connection-store';

export type ClustersHandlers = DomainHandlers<'clusters'>;

export const DEFAULT_HEALTH_INTERVAL_MS = 10_000;
const BACKOFF_MS = [1000, 2000, 4000, 8000, 15_000, 30_000];

export interface ClustersServiceOptions {
  /** The stored connections (opened before the first call). */
  store: Promise<ConnectionStore>;
  /** Connects a Kafka client to a remote cluster; rejects in words if it cannot. */
  connect(connection: RemoteConnection): Promise<Cluster>;
  /** Diagnoses the settings step by step (bootstrap, TLS, authentication, API versions, brokers). */
  diagnose(connection: RemoteConnection): Promise<ClusterDiagnosis>;
  /** The embedded broker's cluster while it runs, else null. */
  embedded(): Cluster | null;
  /** The embedded broker's bootstrap address while it runs. */
  embeddedBootstrap(): string | null;
  /**
   * Moves the host's services onto `cluster` (null: off every cluster), with the connection it
   * belongs to; resolves once the old cluster's services are detached and the new ones attached.
   */
  show(cluster: Cluster | null, connection: { id: string; name: string; bootstrap: string | null }): Promise<void>;
  healthIntervalMs?: number;
  onListenerError?(error: unknown): void;
  logger?: { info(message: string): void; error(message: string): void };
}

export interface ClustersService {
  readonly handlers: ClustersHandlers;
  /** The connection the views show. */
  activeId(): string;
  /** Adds (or updates, by name) a PLAINTEXT connection from `--cluster NAME=HOST:PORT` and opens it. */
  openFromCommandLine(name: string, bootstrap: string): Promise<ClusterConnectionState>;
  onEvent(listener: (event: ContractEvent) => void): () => void;
  /** Closes the open remote cluster, if any. */
  close(): Promise<void>;
}

const DEFAULT_COLOURS = ['#8b5cf6', '#10b981', '#f59e0b', '#ef4444', '#06b6d4', '#ec4899'];

export function createClustersService(options: ClustersServiceOptions): ClustersService {
  const listeners = new Set<(event: ContractEvent) => void>();
  const healthIntervalMs = options.healthIntervalMs ?? DEFAULT_HEALTH_INTERVAL_MS;
  let state: ClusterConnectionState = { activeId: EMBEDDED_CLUSTER_ID, state: 'connected', problem: null, nextAttemptAt: null, attempt: 0, unavailable: [] };
  let remote: Cluster | null = null;
  /** Bumped by every open: an older open's late answer is dropped. */
  let generation = 0;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let health: ReturnType<typeof setInterval> | null = null;

  const publish = (event: ContractEvent): void => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        options.onListenerError?.(error);
      }
    }
  };

  const setState = (next: ClusterConnectionState): ClusterConnectionState => {
    state = next;
    publish({ event: 'clusters.state', payload: state });
    return state;
  };

  const list = async (): Promise<ClusterConnectionList> => {
    const store = await options.store;
    return {
      connections: [embeddedSummary(options.embeddedBootstrap()), ...store.list().map((stored) => toSummary(stored, store.secretsOf(stored.id)))],
      current: state,
      secretStorage: { kind: store.box.kind, description: store.box.description },
    };
  };

  const publishList = async () => publish({ event: 'clusters.list', payload: await list() });

  const stopWatching = () => {
    if (retry) clearTimeout(retry);
    retry = null;
    if (health) clearInterval(health);
    health = null;
  };

  const dropRemote = async () => {
    const closing = remote;
    remote = null;
    if (closing) await closing.close().catch(() => undefined);
  };

  const connectionOf = async (id: string): Promise<{ name: string; connection: RemoteConnection; readOnly: boolean; bootstrap: string }> => {
    const store = await options.store;
    const stored = store.get(id);
    const secrets = store.secretsOf(id);
    const problem = settingsProblem(stored.settings, secrets);
    if (problem) throw new HostRefusal('INVALID_CONNECTION', `"${stored.settings.name}": ${problem}`);
    return { name: stored.settings.name, connection: toRemoteConnection(stored.settings, secrets), readOnly: stored.settings.readOnly, bootstrap: stored.settings.bootstrapServers.join(',') };
  };

  /** One attempt to connect `id` (a remote connection) for open number `mine`. */
  const attempt = async (id: string, mine: number, attemptNumber: number): Promise<ClusterConnectionState> => {
    let target: Awaited<ReturnType<typeof connectionOf>>;
    try {
      target = await connectionOf(id);
    } catch (error) {
      return setState({ activeId: id, state: 'failed', problem: (error as Error).message, nextAttemptAt: null, attempt: attemptNumber, unavailable: [] });
    }
    let cluster: Cluster;
    try {
      cluster = await options.connect(target.connection);
    } catch (error) {
      if (mine !== generation) return state;
      const problem = error instanceof Error ? error.message : String(error);
      options.logger?.error(`could not connect to "${target.name}": ${problem}`);
      if (attemptNumber === 0) return setState({ activeId: id, state: 'failed', problem, nextAttemptAt: null, attempt: 0, unavailable: [] });
      return scheduleRetry(id, mine, attemptNumber, problem);
    }
    if (mine !== generation) {
      await cluster.close().catch(() => undefined);
      return state;
    }
    remote = target.readOnly ? readOnlyCluster(cluster, target.name) : cluster;
    await options.show(remote, { id, name: target.name, bootstrap: target.bootstrap });
    if (mine !== generation) return state;
    health = setInterval(() => void checkHealth(id, mine), healthIntervalMs);
    health.unref?.();
    return setState({ activeId: id, state: 'connected', problem: null, nextAttemptAt: null, attempt: 0, unavailable: [...(remote.unavailable ?? [])] });
  };

  const scheduleRetry = (id: string, mine: number, attemptNumber: number, problem: string): ClusterConnectionState => {
    const delay = BACKOFF_MS[Math.min(attemptNumber, BACKOFF_MS.length - 1)]!;
    retry = setTimeout(() => {
      retry = null;
      if (mine === generation) void attempt(id, mine, attemptNumber + 1);
    }, delay);
    retry.unref?.();
    return setState({ activeId: id, state: 'reconnecting', problem, nextAttemptAt: Date.now() + delay, attempt: attemptNumber + 1, unavailable: [] });
  };

  const checkHealth = async (id: string, mine: number) => {
    const cluster = remote;
    if (!cluster || mine !== generation) return;
    try {
      await cluster.admin.describeCluster();
    } catch (error) {
      if (mine !== generation || remote !== cluster) return;
      const problem = `lost the connection: ${error instanceof Error ? error.message : String(error)}`;
      options.logger?.error(`"${id}": ${problem}`);
      stopWatching();
      await options.show(null, { id, name: id, bootstrap: null });
      await dropRemote();
      if (mine === generation) scheduleRetry(id, mine, 0, problem);
    }
  };

  const open = async (id: string): Promise<ClusterConnectionState> => {
    const mine = ++generation;
    stopWatching();
    if (id === EMBEDDED_CLUSTER_ID) {
      await options.show(options.embedded(), { id, name: 'Local broker', bootstrap: options.embeddedBootstrap() });
      await dropRemote();
      void (await options.store).rememberOpened(null).catch(() => undefined);
      return setState({ activeId: id, state: 'connected', problem: null, nextAttemptAt: null, attempt: 0, unavailable: [] });
    }
    (await options.store).get(id); // an unknown id is refused before anything changes
    setState({ activeId: id, state: 'connecting', problem: null, nextAttemptAt: null, attempt: 0, unavailable: [] });
    await options.show(null, { id, name: id, bootstrap: null });
    await dropRemote();
    void (await options.store).rememberOpened(id).catch(() => undefined);
    return attempt(id, mine, 0);
  };

  const testSettings = async (id: string | null, settings: ClusterConnectionInput): Promise<ClusterDiagnosis> => {
    const store = await options.store;
    if (id !== null) store.get(id);
    const secrets = store.mergedSecrets(id, settings);
    const problem = settingsProblem(settings, secrets);
    if (problem) return { ok: false, summary: problem, steps: [] };
    return options.diagnose(toRemoteConnection(settings, secrets));
  };

  const handlers = {
    'clusters.list': () => list(),
    'clusters.save': async ({ id, connection }) => {
      if (id === EMBEDDED_CLUSTER_ID) throw new HostRefusal('INVALID_REQUEST', 'the local broker is not a saved connection: its settings are on the Settings page');
      const store = await options.store;
      const saved = await store.save(id, connection);
      await publishList();
      // An edited open connection is opened again with its new settings.
      if (id !== null && state.activeId === id) void open(id);
      return toSummary(saved, store.secretsOf(saved.id));
    },
    'clusters.remove': async ({ id }) => {
      if (id === EMBEDDED_CLUSTER_ID) throw new HostRefusal('INVALID_REQUEST', 'the local broker cannot be removed');
      const store = await options.store;
      store.get(id);
      if (state.activeId === id) await open(EMBEDDED_CLUSTER_ID);
      await store.remove(id);
      await publishList();
      return { id };
    },
    'clusters.duplicate': async ({ id }) => {
      if (id === EMBEDDED_CLUSTER_ID) throw new HostRefusal('INVALID_REQUEST', 'the local broker cannot be duplicated; add a connection to its address instead');
      const store = await options.store;
      const copy = await store.duplicate(id);
      await publishList();
      return toSummary(copy, store.secretsOf(copy.id));
    },
    'clusters.test': ({ id, connection }) => testSettings(id, connection),
    'clusters.open': ({ id }) => open(id),
    'clusters.describe': async () => {
      const id = state.activeId;
      const cluster = id === EMBEDDED_CLUSTER_ID ? options.embedded() : remote;
      if (!cluster || state.state !== 'connected') {
        throw new HostRefusal(id === EMBEDDED_CLUSTER_ID ? 'BROKER_NOT_RUNNING' : 'NOT_CONNECTED', id === EMBEDDED_CLUSTER_ID ? 'the broker is not running (see the Broker view)' : `not connected to this cluster${state.problem ? `: ${state.problem}` : ''}`);
      }
      return refusingClusterErrors(async () => {
        const [description, topics] = await Promise.all([cluster.admin.describeCluster(), cluster.admin.listTopics()]);
        if (state.activeId !== id) throw new HostRefusal('NOT_CONNECTED', 'another cluster was opened meanwhile');
        return {
          connectionId: id,
          clusterId: description.clusterId,
          controllerId: description.controllerId,
          brokers: description.brokers,
          topics: topics.length,
          partitions: topics.reduce((sum, topic) => sum + topic.partitions.length, 0),
        };
      });
    },
  } satisfies ClustersHandlers;

  return {
    handlers,
    activeId: () => state.activeId,
    async openFromCommandLine(name, bootstrap) {
      const store = await options.store;
      const existing = store.list().find((stored) => stored.settings.name.toLowerCase() === name.toLowerCase());
      const settings: ClusterConnectionInput = existing
        ? { ...existing.settings, bootstrapServers: [bootstrap] }
        : {
            name,
            colour: DEFAULT_COLOURS[store.list().length % DEFAULT_COLOURS.length]!,
            bootstrapServers: [bootstrap],
            clientId: 'eddy-console',
            securityProtocol: 'PLAINTEXT',
            sasl: null,
            tls: { ca: null, cert: null, key: null, skipVerify: false },
            readOnly: false,
          };
      const saved = await store.save(existing?.id ?? null, settings, { fromCommandLine: true });
      await publishList();
      return open(saved.id);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      generation++;
      stopWatching();
      await dropRemote();
    },
  };
}
