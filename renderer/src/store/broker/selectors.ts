import { connectionProperties, onlyPlaintext } from './connection-properties';
import type { AppState } from '../app-state';

export const selectBrokerStatus = (state: AppState) => state.brokerStatus;
export const selectHasBrokerStatus = (state: AppState) => state.brokerStatus !== null;
export const selectBrokerIsRunning = (state: AppState) => state.brokerStatus?.state === 'running';
export const selectBrokerState = (state: AppState) => state.brokerStatus?.state ?? null;
export const selectBrokerAddress = (state: AppState) => state.brokerStatus?.address ?? null;
export const selectBrokerError = (state: AppState) => state.brokerStatus?.error ?? null;
export const selectBrokerStartedAt = (state: AppState) => state.brokerStatus?.startedAt ?? null;
export const selectConnectedClientCount = (state: AppState) => state.brokerStatus?.connectedClients ?? 0;
export const selectBrokerStatusError = (state: AppState) => state.brokerStatusError;
export const selectBrokerVersion = (state: AppState) => state.brokerStatus?.version ?? null;
export const selectBrokerRequestedPort = (state: AppState) => state.brokerStatus?.requestedPort ?? null;
export const selectBrokerDataDir = (state: AppState) => state.brokerStatus?.dataDir ?? null;
export const selectBrokerControl = (state: AppState) => state.brokerControl;
export const selectBrokerFreePort = (state: AppState) => state.brokerFreePort;
export const selectCanOpenDataDir = (state: AppState) => state.canOpenDataDir;

/** What a Kafka client needs to reach the broker, as client properties (connection-properties.ts); null while it is not listening. */
export const selectConnectionSettings = (state: AppState): string | null => connectionProperties(state.brokerStatus);
/** Whether the broker listens in plaintext without authentication only. */
export const selectOnlyPlaintext = (state: AppState): boolean => onlyPlaintext(state.brokerStatus);

export const selectBrokerActions = (state: AppState) => ({
  startBroker: state.startBroker,
  stopBroker: state.stopBroker,
  restartBroker: state.restartBroker,
  findFreeBrokerPort: state.findFreeBrokerPort,
  openBrokerDataDir: state.openBrokerDataDir,
});
