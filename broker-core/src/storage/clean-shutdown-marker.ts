/**
 * `<data>/.kafka_cleanshutdown`: present only while the data directory is closed cleanly, as in
 * Kafka. `close()` writes it (fsynced, with the directory) after every log is synced and closed;
 * opening removes it (durably) before anything is appended. So a start-up that finds it knows
 * every file was complete and synced, and opens lazily; one that does not, recovers.
 */
import { closeSync, existsSync, fsyncSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const CLEAN_SHUTDOWN_FILE = '.kafka_cleanshutdown';

export function fsyncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms (Windows) cannot fsync a directory; renames and unlinks are still atomic there.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** True if the previous stop was clean; removes the marker so a crash from now on is not. */
export function consumeCleanShutdownMarker(dataDir: string): boolean {
  const path = join(dataDir, CLEAN_SHUTDOWN_FILE);
  if (!existsSync(path)) return false;
  unlinkSync(path);
  fsyncDirectory(dataDir);
  return true;
}

export function writeCleanShutdownMarker(dataDir: string): void {
  const fd = openSync(join(dataDir, CLEAN_SHUTDOWN_FILE), 'w');
  try {
    writeSync(fd, `{"version":0,"brokerEpoch":-1,"writtenAt":${Date.now()}}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  fsyncDirectory(dataDir);
}
