/**
 * Whether a `host:port` can be reached over TCP, in words a user can act on: a DNS lookup first
 * (so "host name not found" is told apart from a refused or silent port), then a TCP connect with
 * a timeout. The socket is closed at once; nothing is sent.
 */
import { lookup } from 'node:dns/promises';
import { createConnection, isIP } from 'node:net';

export type Reachability = { reachable: true; address: string } | { reachable: false; reason: string };

/** A DNS failure in words. */
export function describeLookupError(host: string, error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOTFOUND':
      return `host name not found: DNS has no address for ${host}`;
    case 'EAI_AGAIN':
      return `the DNS lookup of ${host} failed for now (no DNS server answered; check the network)`;
    case 'ENODATA':
      return `host name not found: DNS has no address record for ${host}`;
    default:
      return `the DNS lookup of ${host} failed: ${error.message}`;
  }
}

/** A TCP connect failure in words. */
export function describeConnectError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused: nothing listens on that port (is the broker running, and is this its port?)';
    case 'ETIMEDOUT':
      return 'timed out: no answer at all, which usually means a firewall drops the connection or the address is wrong';
    case 'EHOSTUNREACH':
      return 'no route to that host: the address is on a network this machine cannot reach';
    case 'ENETUNREACH':
      return 'network unreachable: this machine has no route to that address (VPN off?)';
    case 'ECONNRESET':
      return 'the connection was reset as soon as it opened (a proxy or firewall refusing it?)';
    case 'EACCES':
    case 'EPERM':
      return 'this machine is not allowed to open that connection (a local firewall?)';
    default:
      return error.message;
  }
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, onTimeout: () => T): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(onTimeout()), timeoutMs);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** DNS lookup and TCP connect to `host:port`, each within `timeoutMs`. */
export async function checkReachable(host: string, port: number, timeoutMs: number): Promise<Reachability> {
  let address = host;
  if (isIP(host) === 0) {
    try {
      const found = await withTimeout<{ address: string } | null>(lookup(host), timeoutMs, () => null);
      if (!found) return { reachable: false, reason: `the DNS lookup of ${host} timed out (no DNS server answered)` };
      address = found.address;
    } catch (error) {
      return { reachable: false, reason: describeLookupError(host, error as NodeJS.ErrnoException) };
    }
  }
  return new Promise((resolve) => {
    // The host name, not the address looked up: Node then tries each address (IPv6 and IPv4).
    const socket = createConnection({ host, port });
    const finish = (result: Reachability) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () => finish({ reachable: false, reason: `timed out after ${timeoutMs} ms: no answer, which usually means a firewall drops the connection or the address is wrong` }),
      timeoutMs,
    );
    socket.once('connect', () => finish({ reachable: true, address: socket.remoteAddress ?? address }));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      // Node's happy-eyeballs connect reports every address it tried in an AggregateError.
      const errors = (error as unknown as { errors?: NodeJS.ErrnoException[] }).errors;
      const first = error.code ? error : (errors?.[0] ?? error);
      finish({ reachable: false, reason: describeConnectError(first) });
    });
  });
}
