/**
 * The public shape of a running broker, as the app and tests see it.
 *
 * `startBroker(options)` (see `start-broker.ts`) returns a `Broker`; everything here is read-only
 * state plus `stop()`. Listeners are called synchronously on the event loop that owns the broker
 * and must not throw.
 */
import type { DeadLetterSweeper } from './dlq/sweeper-api';
import type { GroupCoordinator } from './groups/group-coordinator';
import type { PendingRequestInfo } from './server/pending-request';
import type { LogManager } from './storage/log-manager';
import type { WritePacerOptions } from './storage/write-pacer';

export type { PendingRequestInfo } from './server/pending-request';

export interface BrokerLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface BrokerOptions {
  /**
   * TCP port; default 9092; 0 picks a free one (read it back from `Broker.port`). Used when the
   * `listeners` config is not set (then it is the one PLAINTEXT listener).
   */
  port?: number;
  /**
   * Interface to bind. Default: loopback on IPv4 and IPv6 (127.0.0.1 and ::1), advertised as
   * `localhost`, so a client reaches it whichever family `localhost` resolves to.
   */
  host?: string;
  /** Where the broker keeps its data. Created if missing. */
  dataDir: string;
  /** Broker configs by Kafka's names (`num.partitions`, …), as strings; validated on start. */
  config?: Record<string, string>;
  logger?: BrokerLogger;
  /**
   * When log writes leave the event loop for the thread pool (storage/write-pacer.ts). The
   * defaults suit a disk; tests lower the thresholds so that ordinary writes cross both ways.
   */
  writePacing?: WritePacerOptions;
  /** Requests a connection may have unanswered before the broker stops reading it (default 256); tests lower it. */
  maxInFlightPerConnection?: number;
  /** The clock that ages records for the dead-letter sweeper (default Date.now); tests move it forward. */
  deadLetterClock?: () => number;
}

/** Who a TCP client connection is (what handlers see of it). */
export interface ConnectionIdentity {
  id: number;
  remoteAddress: string;
  remotePort: number;
  /** The client.id from the most recent request header, once one was read. */
  clientId: string | null;
  /** Epoch milliseconds. */
  connectedAt: number;
  requestCount: number;
  /** The listener it came through (`PLAINTEXT`, `SASL_SSL`, …: Kafka's listener name). */
  listenerName?: string;
  /** That listener's security protocol: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL. */
  securityProtocol?: 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL';
  /**
   * Who it is, in Kafka's form: `User:alice` once authenticated with SASL, `User:ANONYMOUS` on a
   * listener without SASL; absent while a SASL connection has not authenticated yet.
   */
  principal?: string;
}

/** One TCP client connection, as the console shows it: who, and what it waits for. */
export interface ClientConnection extends ConnectionIdentity {
  /** Requests read and not yet answered. */
  pendingRequests: number;
  /** The oldest unanswered request, or null. */
  oldestPendingRequest: PendingRequestInfo | null;
  /**
   * Why the broker is not reading this connection, or null: the client does not read its
   * responses, or more requests are in flight than the broker holds per connection.
   */
  readPaused: 'client-not-reading' | 'too-many-in-flight' | null;
}

/** One bound listener (the `listeners` broker config; one PLAINTEXT listener on `port` by default). */
export interface BrokerEndpoint {
  /** Kafka's listener name, e.g. `PLAINTEXT`, `SASL_SSL`. */
  readonly name: string;
  readonly securityProtocol: 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL';
  /** The port actually bound. */
  readonly port: number;
  /** The socket addresses bound, e.g. `127.0.0.1:9093`, `[::1]:9093`. */
  readonly addresses: readonly string[];
  /** What Metadata tells clients connected through this listener. */
  readonly advertisedHost: string;
  readonly advertisedPort: number;
  /** The SASL mechanisms served on it (empty without SASL). */
  readonly saslMechanisms: readonly string[];
}

export interface Broker {
  /** The port actually bound: the first PLAINTEXT listener's, or the first listener's when none is PLAINTEXT. */
  readonly port: number;
  /** The host name advertised to clients in Metadata (`localhost` by default). */
  readonly advertisedHost: string;
  /** The socket addresses bound for `port`, e.g. `127.0.0.1:9092`, `[::1]:9092`. */
  readonly listenAddresses: readonly string[];
  /** Every listener, in the order of the `listeners` config (Kafka's `EndPoint`s: name, security protocol, port). */
  readonly endpoints: readonly BrokerEndpoint[];
  readonly clusterId: string;
  readonly nodeId: number;
  readonly dataDir: string;
  /** Epoch milliseconds when the broker started accepting connections. */
  readonly startedAt: number;
  /** The product version, e.g. `0.1.0`. */
  readonly version: string;
  /** Effective broker configs by Kafka name, defaults included, as strings. */
  readonly config: Readonly<Record<string, string>>;
  /** The topic logs, in process: what the console and the dead-letter sweeper read and change. */
  readonly logs: LogManager;
  /** The consumer-group coordinator, in process: groups, members, committed offsets. */
  readonly groups: GroupCoordinator;
  /** The dead-letter sweeper (dlq/dead-letter-sweeper.ts): its status and "sweep now". */
  readonly deadLetters: DeadLetterSweeper;
  connections(): ClientConnection[];
  /** Called whenever a client connects or disconnects. Returns an unsubscribe function. */
  onConnectionsChanged(listener: (connections: ClientConnection[]) => void): () => void;
  /** Closes the listeners and every client connection; resolves once all are closed. */
  stop(): Promise<void>;
}

export type BrokerStartErrorCode = 'PORT_IN_USE' | 'LISTEN_FAILED' | 'DATA_DIR_UNUSABLE' | 'INVALID_CONFIG';

/** Why a broker could not start, with what to do about it. */
export class BrokerStartError extends Error {
  constructor(
    readonly code: BrokerStartErrorCode,
    message: string,
    /** What the user can do, e.g. `pick another port with --port <n>`. */
    readonly hint: string,
  ) {
    super(message);
    this.name = 'BrokerStartError';
  }
}
