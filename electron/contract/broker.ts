/**
 * The `broker.*` domain of the contract: the embedded broker's status and its client connections,
 * and its control: start, stop, restart (optionally on another port), a free port to move to when
 * its own is taken, and opening its data folder (desktop app only).
 *
 * Mirrors `broker-core/src/broker-api.ts` without importing it (the contract stays free of
 * platform code); the host maps a `Broker` onto these DTOs.
 */
import { z } from 'zod';

/** Largest page of connections one call or one push event carries. */
export const MAX_CONNECTIONS_PAGE = 1000;

export const brokerStateSchema = z.enum(['starting', 'running', 'stopped', 'failed']);
export type BrokerState = z.infer<typeof brokerStateSchema>;

/** `BrokerStartErrorCode` from broker-core, plus UNEXPECTED for anything that is not one. */
export const brokerErrorCodeSchema = z.enum([
  'PORT_IN_USE',
  'LISTEN_FAILED',
  'DATA_DIR_UNUSABLE',
  'INVALID_CONFIG',
  'UNEXPECTED',
]);
export type BrokerErrorCode = z.infer<typeof brokerErrorCodeSchema>;

export const brokerErrorSchema = z.object({
  code: brokerErrorCodeSchema,
  message: z.string(),
  /** What the user can do about it, e.g. `pick another port with --port <n>`. */
  hint: z.string(),
});
export type BrokerError = z.infer<typeof brokerErrorSchema>;

export const brokerStatusSchema = z.object({
  state: brokerStateSchema,
  /** `host:port` clients should use, e.g. `localhost:9092`; null unless running. */
  address: z.string().nullable(),
  /** The socket addresses bound, e.g. `127.0.0.1:9092`, `[::1]:9092`. */
  listenAddresses: z.array(z.string()),
  /**
   * Every listener while running (the `listeners` config; one PLAINTEXT listener by default): the
   * address it advertises, its security protocol and SASL mechanisms — what a client needs to
   * connect through it.
   */
  listeners: z.array(
    z.object({
      name: z.string(),
      securityProtocol: z.enum(['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL']),
      address: z.string(),
      saslMechanisms: z.array(z.string()),
    }),
  ),
  /** The port the broker was asked for (0 = any free port); kept when it failed to bind. */
  requestedPort: z.number().int().min(0).max(65535),
  dataDir: z.string(),
  /** Epoch milliseconds when the broker started accepting connections. */
  startedAt: z.number().nullable(),
  version: z.string(),
  clusterId: z.string().nullable(),
  nodeId: z.number().int().nullable(),
  connectedClients: z.number().int().nonnegative(),
  error: brokerErrorSchema.nullable(),
});
export type BrokerStatus = z.infer<typeof brokerStatusSchema>;

export const clientConnectionSchema = z.object({
  id: z.number().int(),
  remoteAddress: z.string(),
  remotePort: z.number().int(),
  /** The client.id from the most recent request header, once one was read. */
  clientId: z.string().nullable(),
  /** Epoch milliseconds. */
  connectedAt: z.number(),
  requestCount: z.number().int().nonnegative(),
  /** Requests read and not yet answered. */
  pendingRequests: z.number().int().nonnegative(),
  /** The oldest unanswered request: what it is, since when, what it waits for, and whether it is stalled. */
  oldestPendingRequest: z
    .object({
      api: z.string(),
      apiVersion: z.number().int(),
      correlationId: z.number().int(),
      /** Epoch milliseconds when the broker read it. */
      receivedAt: z.number(),
      waitingFor: z.string(),
      /** Unanswered longer than its expected wait plus the broker's `request.stall.log.ms`. */
      stalled: z.boolean(),
    })
    .nullable(),
  /** Why the broker is not reading this connection, or null. */
  readPaused: z.enum(['client-not-reading', 'too-many-in-flight']).nullable(),
});
export type ClientConnection = z.infer<typeof clientConnectionSchema>;

const connectionPageSchema = z.array(clientConnectionSchema).max(MAX_CONNECTIONS_PAGE);

/** A TCP port a broker can be asked for; 0 lets the system pick a free one. */
export const brokerPortSchema = z.number().int().min(0).max(65535);

/** A start or restart, optionally on another port than the one it was last asked for. */
const brokerStartRequestSchema = z.strictObject({
  /** The port for this run (and later runs of this app, until it quits); default: the last one asked for. */
  port: brokerPortSchema.optional(),
  /** Also save `port` as the broker's port in the settings, for later launches (not when --port sets it). */
  remember: z.boolean().optional(),
});

export const brokerMethods = {
  'broker.getStatus': {
    request: z.strictObject({}),
    response: brokerStatusSchema,
  },
  'broker.listConnections': {
    request: z.strictObject({ limit: z.number().int().min(1).max(MAX_CONNECTIONS_PAGE) }),
    response: connectionPageSchema,
  },
  /**
   * Starts the broker; resolves with its status once it runs or failed to start. Harmless while it
   * starts or runs (the status is returned), except that asking a running broker for another
   * port is refused: that takes a restart.
   */
  'broker.start': {
    request: brokerStartRequestSchema,
    response: brokerStatusSchema,
  },
  /** Stops the broker (its clients are disconnected); harmless when it is already stopped. */
  'broker.stop': {
    request: z.strictObject({}),
    response: brokerStatusSchema,
  },
  /** Stops the broker if it runs, then starts it; resolves with the status after the start. */
  'broker.restart': {
    request: brokerStartRequestSchema,
    response: brokerStatusSchema,
  },
  /**
   * A port nothing listens on right now on either loopback address (checked by binding it), from
   * `from` upwards; default: from the port the broker was asked for, plus one.
   */
  'broker.findFreePort': {
    request: z.strictObject({ from: z.number().int().min(1).max(65535).optional() }),
    response: z.object({ port: z.number().int().min(1).max(65535) }),
  },
  /** Opens the data directory in the system's file manager; refused where the host cannot (serve mode). */
  'broker.openDataDir': {
    request: z.strictObject({}),
    response: z.object({ path: z.string() }),
  },
} as const;

export const brokerEvents = {
  /** The whole status, whenever any field but uptime changes. At most ~10 a second. */
  'broker.status': brokerStatusSchema,
  /** The current connections (first MAX_CONNECTIONS_PAGE), on connect/disconnect. At most ~10 a second. */
  'broker.connections': connectionPageSchema,
} as const;
