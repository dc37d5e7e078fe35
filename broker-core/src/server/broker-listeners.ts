/**
 * Binds the broker's configured listeners (security/listener-security.ts), in order: plain TCP for
 * PLAINTEXT and SASL_PLAINTEXT, a `tls.Server` for SSL and SASL_SSL, so the TLS handshake is done
 * before a connection handler ever sees the socket and the PLAINTEXT path is untouched. Each bound
 * listener knows what it advertises (advertised.listeners, else the advertised host and the bound
 * port). A TLS handshake that fails (a client that does not trust the certificate, a client
 * certificate refused) is logged in one line and never reaches the broker. If one listener cannot
 * be bound, those already bound are closed and the `BrokerStartError` is thrown.
 */
import type { Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import type { BrokerEndpoint, BrokerLogger } from '../broker-api';
import type { ListenerPlan } from '../security/listener-security';
import type { ConnectionListener } from './client-connection';
import { bindListeners, closeListeners, type BoundListeners, type ServerFactory } from './tcp-listener';

export interface BoundBrokerListener {
  plan: ListenerPlan;
  bound: BoundListeners;
  /** What connections through it see of it. */
  connectionListener: ConnectionListener;
  /** The public view (`Broker.listeners`). */
  view: BrokerEndpoint;
}

function tlsServerFactory(plan: ListenerPlan, logger: BrokerLogger): ServerFactory {
  return (onConnection) => {
    const server = createTlsServer({ ...plan.tls, noDelay: true }, onConnection);
    server.on('tlsClientError', (error: Error, socket: TLSSocket) => {
      logger.warn(`listener ${plan.name}: TLS handshake with ${socket.remoteAddress ?? 'unknown'}:${socket.remotePort ?? 0} failed: ${error.message}`);
    });
    return server;
  };
}

export async function bindBrokerListeners(
  plans: readonly ListenerPlan[],
  advertisedHost: string,
  onConnection: (listener: ConnectionListener, socket: Socket) => void,
  logger: BrokerLogger,
): Promise<BoundBrokerListener[]> {
  const bound: BoundBrokerListener[] = [];
  try {
    for (const plan of plans) {
      const advertised = { host: advertisedHost, port: 0 };
      const connectionListener: ConnectionListener = { name: plan.name, securityProtocol: plan.securityProtocol, advertised, rawTokens: plan.sasl !== null };
      const factory = plan.tls ? tlsServerFactory(plan, logger) : undefined;
      const sockets = await bindListeners(plan.host, plan.port, (socket) => onConnection(connectionListener, socket), logger, factory);
      advertised.host = plan.advertised.host ?? advertisedHost;
      advertised.port = plan.advertised.port === 0 ? sockets.port : plan.advertised.port;
      const view: BrokerEndpoint = {
        name: plan.name,
        securityProtocol: plan.securityProtocol,
        port: sockets.port,
        addresses: sockets.addresses,
        advertisedHost: advertised.host,
        advertisedPort: advertised.port,
        saslMechanisms: plan.sasl?.mechanisms ?? [],
      };
      bound.push({ plan, bound: sockets, connectionListener, view });
    }
  } catch (error) {
    await closeBrokerListeners(bound);
    throw error;
  }
  return bound;
}

export function closeBrokerListeners(listeners: readonly BoundBrokerListener[]): Promise<void> {
  return Promise.all(listeners.map((listener) => closeListeners(listener.bound))).then(() => undefined);
}

/** The listener `Broker.port` reports: the first PLAINTEXT one, else the first. */
export function primaryListener(listeners: readonly BoundBrokerListener[]): BoundBrokerListener {
  return listeners.find((listener) => listener.plan.securityProtocol === 'PLAINTEXT') ?? listeners[0];
}

/**
 * For the start log line: `127.0.0.1:9092 and [::1]:9092 (advertised as localhost:9092)` for the
 * default single PLAINTEXT listener (as before listeners existed), else every listener with its
 * name, security protocol and SASL mechanisms.
 */
export function describeListeners(listeners: readonly BoundBrokerListener[]): string {
  if (listeners.length === 1 && listeners[0].plan.name === 'PLAINTEXT' && listeners[0].plan.securityProtocol === 'PLAINTEXT') {
    const { view } = listeners[0];
    return `${view.addresses.join(' and ')} (advertised as ${view.advertisedHost}:${view.advertisedPort})`;
  }
  return listeners
    .map(({ view }) => {
      const name = view.name === view.securityProtocol ? view.name : `${view.name}, ${view.securityProtocol}`;
      const sasl = view.saslMechanisms.length > 0 ? `, SASL ${view.saslMechanisms.join(' ')}` : '';
      return `${view.addresses.join(' and ')} (${name}${sasl}, advertised as ${view.advertisedHost}:${view.advertisedPort})`;
    })
    .join('; ');
}
