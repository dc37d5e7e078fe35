/**
 * `<data>/.lock`: one broker per data directory, as Kafka's `.lock`. Two brokers on one directory
 * would interleave appends and each would treat the other's files as its own (a second broker that
 * only failed to bind its port would still rewrite the clean-shutdown marker under a running one).
 *
 * The lock file is created exclusively and holds the owner's pid. A lock left by a process that no
 * longer runs (a crash, SIGKILL) is taken over; one held by a live process — or by another broker
 * in this same process — refuses the start. Released by deleting the file on stop.
 */
import { openSync, closeSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`data directory ${dataDir} is in use by another running broker (pid ${pid})`);
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function createExclusively(path: string): boolean {
  try {
    const fd = openSync(path, 'wx');
    try {
      writeSync(fd, `${process.pid}\n`);
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

export function lockDataDir(dataDir: string): DataDirLock {
  const path = join(dataDir, '.lock');
  for (let attempt = 0; !createExclusively(path); attempt++) {
    if (attempt === 5) throw new Error(`cannot take the lock ${path}: it keeps coming back`);
    let owner: number;
    try {
      owner = Number.parseInt(readFileSync(path, 'utf8'), 10);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile
      throw error;
    }
    if (Number.isInteger(owner) && owner > 0 && alive(owner)) {
      throw new DataDirInUseError(dataDir, owner);
    }
    // A stale lock (its process is gone, or the file is unreadable garbage): take it over.
    unlinkSync(path);
  }
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      try {
        unlinkSync(path);
      } catch {
        // Already gone: nothing to release.
      }
    },
  };
}
