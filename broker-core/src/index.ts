/** broker-core's public API: start a broker in process, or run `cli.ts` for a headless one. */
export { startBroker, DEFAULT_PORT } from './start-broker';
export { BrokerStartError } from './broker-api';
export type { Broker, BrokerLogger, BrokerOptions, BrokerStartErrorCode, ClientConnection, ConnectionIdentity, PendingRequestInfo } from './broker-api';
export { defaultDataDir, userAppDataDir, PRODUCT_NAME } from './default-data-dir';
export { BROKER_VERSION } from './version';
export { whenLauncherExits } from './launcher-watch';
export { brokerConfigDefinitions } from './config/broker-config-definitions';
export type { BrokerConfigDefinition } from './config/broker-config-definitions';
export { GroupOperationError } from './groups/group-operation-error';
export { GroupState } from './groups/group-state';
export type { GroupCoordinator, OffsetChange } from './groups/group-coordinator';
export type { GroupOverview, GroupDescription, GroupMemberDescription, CommittedOffsetView } from './groups/group-views';
export type { GroupEvent, GroupEventListener } from './groups/group-events';
export type { LogManager } from './storage/log-manager';
