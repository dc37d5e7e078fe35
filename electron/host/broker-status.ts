/**
 * Maps broker-core's `Broker` and start errors onto the contract's DTOs. Pure functions: the host
 * owns the state, these only shape it.
 */
import type { Broker, BrokerStartErrorCode, ClientConnection as CoreConnection } from '../../broker-core/src/broker-api';
import type { BrokerError, BrokerState, BrokerStatus, ClientConnection } from '../contract';

const START_ERROR_CODES: readonly BrokerStartErrorCode[] = [
  'PORT_IN_USE',
  'LISTEN_FAILED',
  'DATA_DIR_UNUSABLE',
  'INVALID_CONFIG',
];

interface StartErrorLike {
  code: BrokerStartErrorCode;
  message: string;
  hint: string;
}

/**
 * A `BrokerStartError`, recognized by shape rather than `instanceof` so a second copy of
 * broker-core in a bundle is still understood.
 */
function isStartError(error: unknown): error is StartErrorLike {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as Partial<StartErrorLike>;
  return (
    START_ERROR_CODES.includes(candidate.code as BrokerStartErrorCode) &&
    typeof candidate.message === 'string' &&
    typeof candidate.hint === 'string'
  );
}

export function toBrokerError(error: unknown): BrokerError {
  if (isStartError(error)) return { code: error.code, message: error.message, hint: error.hint };
  const reason = error instanceof Error ? error.message : String(error);
  return {
    code: 'UNEXPECTED',
    message: `the broker failed to start: ${reason}`,
    hint: 'see the log for details; if it happens again, report it with the log attached',
  };
}

export function toClientConnection(connection: CoreConnection): ClientConnection {
  return {
    id: connection.id,
    remoteAddress: connection.remoteAddress,
    remotePort: connection.remotePort,
    clientId: connection.clientId,
    connectedAt: connection.connectedAt,
    requestCount: connection.requestCount,
    pendingRequests: connection.pendingRequests,
    oldestPendingRequest: connection.oldestPendingRequest && { ...connection.oldestPendingRequest },
    readPaused: connection.readPaused,
  };
}

/** `host:port` as a Kafka client's bootstrap.servers wants it (IPv6 literals in brackets). */
export function formatAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export interface HostSnapshot {
  state: BrokerState;
  /** Set only while running. */
  broker: Broker | null;
  requestedPort: number;
  dataDir: string;
  version: string;
  error: BrokerError | null;
}

export function toBrokerStatus(snapshot: HostSnapshot): BrokerStatus {
  const { broker } = snapshot;
  return {
    state: snapshot.state,
    address: broker ? formatAddress(broker.advertisedHost, broker.port) : null,
    listenAddresses: broker ? [...broker.listenAddresses] : [],
    listeners: broker
      ? broker.endpoints.map((endpoint) => ({
          name: endpoint.name,
          securityProtocol: endpoint.securityProtocol,
          address: formatAddress(endpoint.advertisedHost, endpoint.advertisedPort),
          saslMechanisms: [...endpoint.saslMechanisms],
        }))
      : [],
    requestedPort: snapshot.requestedPort,
    dataDir: broker?.dataDir ?? snapshot.dataDir,
    startedAt: broker?.startedAt ?? null,
    version: broker?.version ?? snapshot.version,
    clusterId: broker?.clusterId ?? null,
    nodeId: broker?.nodeId ?? null,
    connectedClients: broker ? broker.connections().length : 0,
    error: snapshot.error,
  };
}
