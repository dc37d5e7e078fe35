/**
 * Binds the broker's listening sockets.
 *
 * With no host given it binds loopback on both families, 127.0.0.1 and ::1, on the same port,
 * so `localhost` works whichever address it resolves to. Port 0 picks a free port on IPv4 first
 * and then takes the same number on IPv6 (retrying with a new port if that one is taken there).
 * A machine without IPv6 gets a warning and an IPv4-only broker. A port already in use fails
 * with `BrokerStartError('PORT_IN_USE')` naming the port and how to choose another. The server
 * is a plain TCP one unless a factory says otherwise (a TLS listener's `tls.Server`).
 */
import { createServer, type Server, type Socket } from 'node:net';
import { BrokerStartError, type BrokerLogger } from '../broker-api';

export interface BoundListeners {
  port: number;
  servers: Server[];
  addresses: string[];
}

/** Makes an unbound server calling `onConnection` for each accepted (for TLS: handshaken) socket. */
export type ServerFactory = (onConnection: (socket: Socket) => void) => Server;

const plainServer: ServerFactory = (onConnection) => createServer({ noDelay: true }, onConnection);

function listen(host: string, port: number, onConnection: (socket: Socket) => void, serverFactory: ServerFactory): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = serverFactory(onConnection);
    server.once('error', reject);
    server.listen({ host, port, ipv6Only: host.includes(':'), exclusive: true }, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

function formatAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function startError(error: NodeJS.ErrnoException, host: string, port: number): BrokerStartError {
  if (error.code === 'EADDRINUSE') {
    return new BrokerStartError(
      'PORT_IN_USE',
      `port ${port} is already in use on ${host}`,
      `another Kafka broker (or another copy of Eddy) may be running; stop it, or pick another port with --port <number>`,
    );
  }
  if (error.code === 'EACCES') {
    return new BrokerStartError('LISTEN_FAILED', `not allowed to listen on ${formatAddress(host, port)}`, 'pick a port above 1024 with --port <number>');
  }
  return new BrokerStartError('LISTEN_FAILED', `cannot listen on ${formatAddress(host, port)}: ${error.message}`, 'check --host and --port');
}

const ipv6Unavailable = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT', 'EINVAL']);

export async function bindListeners(
  host: string | undefined,
  port: number,
  onConnection: (socket: Socket) => void,
  logger: BrokerLogger,
  serverFactory: ServerFactory = plainServer,
): Promise<BoundListeners> {
  if (host !== undefined) {
    const server = await listen(host, port, onConnection, serverFactory).catch((error: NodeJS.ErrnoException) => {
      throw startError(error, host, port);
    });
    const bound = (server.address() as { port: number }).port;
    return { port: bound, servers: [server], addresses: [formatAddress(host, bound)] };
  }
  for (let attempt = 0; ; attempt++) {
    const v4 = await listen('127.0.0.1', port, onConnection, serverFactory).catch((error: NodeJS.ErrnoException) => {
      throw startError(error, '127.0.0.1', port);
    });
    const bound = (v4.address() as { port: number }).port;
    try {
      const v6 = await listen('::1', bound, onConnection, serverFactory);
      return { port: bound, servers: [v4, v6], addresses: [formatAddress('127.0.0.1', bound), formatAddress('::1', bound)] };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (ipv6Unavailable.has(code)) {
        logger.warn(`IPv6 loopback unavailable (${code}); listening on 127.0.0.1 only`);
        return { port: bound, servers: [v4], addresses: [formatAddress('127.0.0.1', bound)] };
      }
      await closeServer(v4);
      if (port === 0 && code === 'EADDRINUSE' && attempt < 10) continue;
      throw startError(error as NodeJS.ErrnoException, '::1', bound);
    }
  }
}

export function closeListeners(listeners: BoundListeners): Promise<void> {
  return Promise.all(listeners.servers.map(closeServer)).then(() => undefined);
}
