/**
 * `findFreePort`: a TCP port the embedded broker can bind right now, found the only reliable way,
 * by binding it: on each loopback address the broker listens on (127.0.0.1 and ::1, as
 * broker-core's tcp-listener binds them), exclusively, then closing at once.
 *
 * Candidates go upwards from `from` (so the port offered is near the one the user chose, e.g.
 * 9093 for a taken 9092); after `attempts` taken ones it lets the system pick any free port. A
 * machine without IPv6 loopback checks 127.0.0.1 only, as the broker then listens on it only.
 *
 * A port found free can be taken by another program before the broker binds it; the broker then
 * fails with PORT_IN_USE again and the console offers the next one.
 */
import { createServer, type Server } from 'node:net';

export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', '::1'];

/** Errors that mean "no IPv6 loopback here", not "port taken" (as tcp-listener treats them). */
const IPV6_UNAVAILABLE = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT', 'EINVAL']);

export interface FindFreePortOptions {
  /** Candidates tried upwards from `from` before asking the system for any free port; default 100. */
  attempts?: number;
}

type BindOutcome = { bound: Server } | { unavailable: true } | { taken: true };

function bind(host: string, port: number): Promise<BindOutcome> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      resolve(host.includes(':') && IPV6_UNAVAILABLE.has(error.code ?? '') ? { unavailable: true } : { taken: true });
    });
    server.listen({ host, port, ipv6Only: host.includes(':'), exclusive: true }, () => resolve({ bound: server }));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * Binds `port` (0: any) on every loopback address, all at once, and closes them again. Resolves
 * with the port that was bound everywhere, or null if any address had it taken.
 */
async function probe(port: number): Promise<number | null> {
  const held: Server[] = [];
  try {
    let chosen = port;
    for (const host of LOOPBACK_HOSTS) {
      const outcome = await bind(host, chosen);
      if ('taken' in outcome) return null;
      if ('unavailable' in outcome) continue;
      held.push(outcome.bound);
      chosen = (outcome.bound.address() as { port: number }).port;
    }
    return chosen;
  } finally {
    await Promise.all(held.map(close));
  }
}

/** Whether nothing listens on `port` on either loopback address (binding it there succeeds). */
export async function isPortFree(port: number): Promise<boolean> {
  return (await probe(port)) === port;
}

/**
 * The first port from `from` upwards (at most `attempts` of them, never above 65535) that binds
 * on every loopback address; failing that, or for `from` 0, one the system picks. Rejects only if
 * even that fails.
 */
export async function findFreePort(from: number, options: FindFreePortOptions = {}): Promise<number> {
  const attempts = options.attempts ?? 100;
  const last = Math.min(65535, from + attempts - 1);
  for (let port = from; port > 0 && port <= last; port += 1) {
    if (await isPortFree(port)) return port;
  }
  for (let retry = 0; retry < 10; retry += 1) {
    const picked = await probe(0);
    if (picked !== null) return picked;
  }
  throw new Error(`no free TCP port on the loopback addresses (tried ${from}–${last} and ten the system picked)`);
}
