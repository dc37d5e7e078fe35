/**
 * `createHost`: the app's host — the BrokerHost running the real, in-process broker from
 * broker-core, and the services that work on that broker (topics, groups, messages, tail, produce, dlq), behind one handler object
 * that `satisfies ContractHandlers` (a contract method without a handler fails to compile) and
 * one event stream.
 *
 * The services are attached to the broker's logs (and group coordinator) once the broker runs and detached before
 * it stops, so no call reaches a closed log: BrokerHost calls them around every start and stop, the
 * app's own and the console's (`broker.start`, `broker.stop`, `broker.restart`). Live tails outlive a stop: detached, they wait, and
 * go on from where they were when the broker is started again. Produce jobs, dead-letter replays
 * and exports are cancelled (their exact counts, and the replay ledger, kept) before the broker stops.
 *
 * Settings (settings/settings-service.ts): the broker's port, listen address, data dir and configs
 * come, per field, from a command-line flag (`flags`), else the user's settings (`settingsFile`),
 * else these options; each start asks again, so "Restart now" applies what was saved. The
 * console's own state (`stateDir`) stays where the flags or options put it: a data directory
 * changed in the settings does not move it.
 */
import { BROKER_VERSION, startBroker } from '../../broker-core/src/index';
import type { Broker } from '../../broker-core/src/broker-api';
import { join } from 'node:path';
import { EMBEDDED_CLUSTER_ID, type BrokerStatus, type ClusterConnectionState, type ClusterDiagnosis, type ContractHandlers } from '../contract';
import { createBrokerHost, DEFAULT_BROKER_PORT, type BrokerHost, type BrokerHostOptions, type BrokerRuntime, type BrokerServices, type HostEventListener } from './broker-host';
import type { Cluster } from './cluster/cluster';
import { diagnoseConnection } from './cluster/remote/connection-diagnosis';
import { connectRemoteCluster } from './cluster/remote/remote-cluster';
import type { RemoteConnection } from './cluster/remote/remote-connection';
import { createClustersService, type ClustersService } from './cluster-connections/clusters-service';
import { CONNECTION_SECRETS_FILE_NAME, ConnectionStore } from './cluster-connections/connection-store';
import { userFileSecretBox, type SecretBox } from './cluster-connections/secret-box';
import { createClusterServices } from './cluster-services';
import { createDlqService } from './dlq/dlq-service';
import { createGroupsService } from './groups/groups-service';
import { createMessagesService } from './messages/messages-service';
import type { ExportDestinations } from './messages/record-export';
import type { ScanOptions } from './messages/record-search';
import { createProduceService } from './produce/produce-service';
import { createSettingsService } from './settings/settings-service';
import type { SettingsFlags } from './settings/settings-validation';
import { defaultStateDir } from './state-dir';
import { createTailService, type TailServiceOptions } from './tail/tail-service';
import { createTopicsService } from './topics/topics-service';

export interface HostOptions extends BrokerHostOptions {
  /** Minimum time between two `topics.*` pushes; default 200 ms. */
  topicsEventIntervalMs?: number;
  /** Minimum time between two `groups.list` pushes; default 200 ms. */
  groupsEventIntervalMs?: number;
  /** Time between two lag samples; default 1 s. */
  lagSampleIntervalMs?: number;
  /** Where message exports go: the desktop app asks the user; default: temp files for download. */
  exportDestinations?: ExportDestinations;
  /** How searches and exports scan (workers, chunk size, bounds); defaults suit the app. */
  messageScan?: ScanOptions;
  /** Live tails: idle timeout, worker and read settings; defaults suit the app. */
  tail?: TailServiceOptions;
  /** Where the console keeps its own state (produce templates); default: beside the data dir (state-dir.ts). */
  stateDir?: string;
  /** The user's settings file (`<per-user folder>/settings.json`); absent: settings are kept in memory for this run. */
  settingsFile?: string;
  /** What the command line set (`--port`, `--data-dir`, `--config`): wins over the settings and these options. */
  flags?: SettingsFlags;
  /** Where remote connections are kept (the per-user folder); absent: in memory for this run. */
  connectionsDir?: string;
  /** How their secrets are sealed: Electron's safeStorage in the desktop app; default: a user-only file. */
  secretBox?: SecretBox;
  /** Connects to a remote cluster; default: the Kafka client (cluster/remote/remote-cluster.ts). */
  connectRemote?: (connection: RemoteConnection) => Promise<Cluster>;
  /** How often an open remote cluster is checked; default 10 s. */
  clusterHealthIntervalMs?: number;
  /** Diagnoses a remote connection; default: cluster/remote/connection-diagnosis.ts. */
  diagnoseRemote?: (connection: RemoteConnection) => Promise<ClusterDiagnosis>;
}

export interface Host {
  /** One handler per contract method; give it to `createDispatcher`. */
  readonly handlers: ContractHandlers;
  /** Starts the broker (and the services on it); resolves with its status, never rejects. */
  start(): Promise<BrokerStatus>;
  /** Closes the open remote cluster, stops the services, then the broker; idempotent. */
  stop(): Promise<void>;
  /** `--cluster NAME=HOST:PORT`: adds (or updates) that PLAINTEXT connection and opens it. */
  openCluster(name: string, bootstrap: string): Promise<ClusterConnectionState>;
  status(): BrokerStatus;
  /** The running broker, or null (tests and tools reach its logs through it). */
  broker(): Broker | null;
  /** Push events of every domain; returns the unsubscribe function. */
  onEvent(listener: HostEventListener): () => void;
  /** A finished export's file (serve mode's download route); null if there is none. */
  exportFile(exportId: string): { path: string; name: string } | null;
}

export function createHost(options: HostOptions, runtime: BrokerRuntime = { startBroker, version: BROKER_VERSION }): Host {
  const logger = options.logger;
  const topics = createTopicsService({
    eventIntervalMs: options.topicsEventIntervalMs,
    onListenerError: (error) => logger?.error(`a host event listener threw on a topics event: ${String(error)}`),
  });

  const groups = createGroupsService({
    eventIntervalMs: options.groupsEventIntervalMs,
    lagSampleIntervalMs: options.lagSampleIntervalMs,
    onListenerError: (error) => logger?.error(`a host event listener threw on a groups event: ${String(error)}`),
  });

  const messages = createMessagesService({ exportDestinations: options.exportDestinations, scan: options.messageScan });

  const tails = createTailService(options.tail);

  const flags = options.flags ?? {};
  const stateDir = options.stateDir ?? defaultStateDir(flags.dataDir ?? options.dataDir);
  const produce = createProduceService({ stateDir });

  const dlq = createDlqService({
    stateDir,
    exportDestinations: options.exportDestinations,
    onListenerError: (error) => logger?.error(`a host event listener threw on a dlq event: ${String(error)}`),
  });

  let clusters: ClustersService | null = null;
  const clusterServices = createClusterServices({ topics, groups, messages, tails, produce, dlq }, () => clusters?.activeId() ?? EMBEDDED_CLUSTER_ID);
  const services: BrokerServices = {
    attach: (broker) => clusterServices.embeddedStarted(broker, () => brokerHost.status().address),
    detach: () => clusterServices.embeddedStopping(),
  };
  const settings = createSettingsService({
    file: options.settingsFile ?? null,
    flags,
    defaults: { port: options.port ?? DEFAULT_BROKER_PORT, dataDir: options.dataDir, config: options.config },
    runningPort: () => brokerHost.broker()?.port ?? null,
    logger,
  });
  const brokerHost: BrokerHost = createBrokerHost({ ...options, startPlan: settings }, runtime, services);

  clusters = createClustersService({
    store: ConnectionStore.open(options.connectionsDir ?? null, options.secretBox ?? userFileSecretBox(join(options.connectionsDir ?? stateDir, CONNECTION_SECRETS_FILE_NAME))),
    connect: options.connectRemote ?? connectRemoteCluster,
    diagnose: options.diagnoseRemote ?? ((connection) => diagnoseConnection(connection)),
    embedded: () => clusterServices.embedded(),
    embeddedBootstrap: () => brokerHost.status().address,
    show: (cluster, connection) => clusterServices.show(cluster, connection),
    healthIntervalMs: options.clusterHealthIntervalMs,
    logger,
    onListenerError: (error) => logger?.error(`a host event listener threw on a clusters event: ${String(error)}`),
  });

  const brokerHandlers: typeof brokerHost.handlers = {
    ...brokerHost.handlers,
    // "Use port N" with `remember`: saved as the broker's port (unless --port sets it), so it lasts.
    // A settings file that cannot be written does not stop the start: the port then lasts for this run.
    'broker.start': async ({ port, remember }) => {
      let saved = false;
      if (port !== undefined && remember) {
        try {
          saved = await settings.rememberPort(port);
        } catch (error) {
          logger?.error(`port ${port} is used for this run only: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return saved ? brokerHost.start({}) : brokerHost.start({ port });
    },
  };

  const handlers = { ...brokerHandlers, ...clusters.handlers, ...settings.handlers, ...topics.handlers, ...groups.handlers, ...messages.handlers, ...tails.handlers, ...produce.handlers, ...dlq.handlers } satisfies ContractHandlers;

  return {
    handlers,
    start: () => brokerHost.start(),
    async stop() {
      await clusters?.close();
      await brokerHost.stop();
    },
    openCluster: (name, bootstrap) => clusters!.openFromCommandLine(name, bootstrap),
    status: () => brokerHost.status(),
    exportFile: (exportId) => messages.exportFile(exportId) ?? dlq.exportFile(exportId),
    broker: () => brokerHost.broker(),
    onEvent(listener) {
      const unsubscribes = [brokerHost.onEvent(listener), clusters!.onEvent(listener), settings.onEvent(listener), topics.onEvent(listener), groups.onEvent(listener), dlq.onEvent(listener)];
      return () => {
        for (const unsubscribe of unsubscribes) unsubscribe();
      };
    },
  };
}
