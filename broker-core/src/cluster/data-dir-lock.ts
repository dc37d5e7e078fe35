/**
 * One broker per data directory, as Kafka's `.lock`. Two brokers on one directory would interleave
 * appends and each would treat the other's files as its own.
 *
 * The lock is one the operating system releases when its process dies, however it dies (SIGKILL,
 * a crash, a zombie not yet reaped, a pid reused since), so a crashed broker never blocks its own
 * restart: a listening socket whose name is derived from the directory's identity (device and
 * inode, so every path to it names the same lock):
 * - Linux: the abstract socket namespace (no file; binding is atomic, and the name is gone the
 *   moment the socket closes, which the kernel does when the process exits);
 * - Windows: a named pipe (the same properties);
 * - elsewhere (macOS, BSDs): a Unix domain socket file in the temp directory. A file can outlive
 *   its process, so a file nobody answers on is removed and taken over; two brokers starting in
 *   the same millisecond could both do that, a race the other platforms do not have.
 * The holder answers every connection with its pid, so a refused start says who holds it; a
 * second broker in the same process is refused the same way. Released by closing the socket on
 * stop. (Abstract sockets are per network namespace: two containers sharing a data directory
 * through a volume do not see each other's lock.)
 */
import { createHash } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number | null,
  ) {
    super(`data directory ${dataDir} is in use by another running broker${pid === null ? '' : ` (pid ${pid})`}`);
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLock {
  /** The socket name or path holding the lock. */
  readonly address: string;
  release(): void;
}

/** How long a refused start waits for the holder to say its pid. */
const OWNER_ANSWER_MS = 2000;
const ATTEMPTS = 5;

/** Where the lock of `dataDir` lives on this platform. */
export function lockAddress(dataDir: string, platform: NodeJS.Platform = process.platform): { address: string; isFile: boolean } {
  const { dev, ino } = statSync(dataDir, { bigint: true });
  const name = `eddy-data-dir-${createHash('sha256').update(`${dev}:${ino}`).digest('hex').slice(0, 40)}`;
  if (platform === 'linux') return { address: `\0${name}`, isFile: false };
  if (platform === 'win32') return { address: `\\\\.\\pipe\\${name}`, isFile: false };
  return { address: join(tmpdir(), `${name}.sock`), isFile: true };
}

function listen(address: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => {
      socket.on('error', () => {});
      socket.end(`${process.pid}\n`);
    });
    server.once('error', reject);
    server.listen(address, () => {
      server.off('error', reject);
      server.on('error', () => {}); // a failed accept must not crash the broker
      server.unref();
      resolve(server);
    });
  });
}

/** The pid the holder of `address` answers with; null if nobody listens (or it says nothing). */
function askOwner(address: string): Promise<{ listening: boolean; pid: number | null }> {
  return new Promise((resolve) => {
    const socket = connect(address);
    let answer = '';
    let settled = false;
    const settle = (listening: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const pid = Number.parseInt(answer, 10);
      resolve({ listening, pid: Number.isInteger(pid) && pid > 0 ? pid : null });
    };
    const timer = setTimeout(() => settle(true), OWNER_ANSWER_MS);
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (answer.includes('\n')) settle(true);
    });
    socket.on('end', () => settle(true));
    socket.on('error', () => settle(false));
  });
}

/** Takes the data directory's lock, or rejects with DataDirInUseError when a live broker holds it. */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const { address, isFile } = lockAddress(dataDir);
  // Versions before this lock kept a pid in `.lock`; a pid is no proof of anything, so it goes.
  rmSync(join(dataDir, '.lock'), { force: true });
  for (let attempt = 1; ; attempt++) {
    let server: Server;
    try {
      server = await listen(address);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      const owner = await askOwner(address);
      if (owner.listening) throw new DataDirInUseError(dataDir, owner.pid);
      if (attempt === ATTEMPTS) throw new Error(`cannot take the lock of ${dataDir} (${address.replace('\0', '@')}): it is taken but nobody answers on it`, { cause: error });
      // Nobody answers: a socket file left by a process that died, or a holder that just closed.
      if (isFile) rmSync(address, { force: true });
      continue;
    }
    let released = false;
    return {
      address,
      release() {
        if (released) return;
        released = true;
        server.close();
        if (isFile) rmSync(address, { force: true });
      },
    };
  }
}
