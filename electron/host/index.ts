/**
 * The host: services behind the contract. Node only; never imports `electron`.
 * `createHost` runs the embedded broker from broker-core; the adapters (main, serve) wire it to
 * IPC or a WebSocket through `createDispatcher`.
 */
export { createHost, type Host, type HostOptions } from './create-host';
export { createBrokerHost, DEFAULT_BROKER_PORT, type BrokerHost, type BrokerHostOptions, type BrokerRuntime, type HostEventListener, type HostLogger } from './broker-host';
export { createDispatcher, type Dispatcher, type DispatcherOptions } from './dispatcher';
export { HostRefusal } from './host-refusal';
export { createTopicsService, type TopicsService } from './topics/topics-service';
export { createGroupsService, type GroupsService } from './groups/groups-service';
export { createDlqService, type DlqService } from './dlq/dlq-service';
export { defaultDataDir, userAppDataDir, BROKER_VERSION, whenLauncherExits } from '../../broker-core/src/index';
export { SETTINGS_FILE_NAME } from './settings/settings-file';
export { temporaryExportDestinations, type ExportDestination, type ExportDestinations } from './messages/record-export';
export { startSearchWorker } from './messages/search-worker-handle';
export type { ScanOptions } from './messages/record-search';
export { createContractCaller, type ContractCaller } from './contract-caller';
export { parseClusterFlag, type ClusterFlag } from './cluster-connections/cluster-flag';
export { osSecretBox, userFileSecretBox, type OsEncryption, type SecretBox } from './cluster-connections/secret-box';
export { CONNECTION_SECRETS_FILE_NAME } from './cluster-connections/connection-store';
