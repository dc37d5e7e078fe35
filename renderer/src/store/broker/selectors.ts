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
