/**
 * Tells a process crash from a machine restart. After a process crash the page cache survived:
 * everything the broker wrote is in its files, and only a torn tail can be wrong. After a power
 * loss or an OS crash, writes that were not fsynced may be lost anywhere after the last fsync,
 * so the active segment has to be checked in full (segment-recovery.ts).
 *
 * The data directory keeps the boot it was last opened in (`boot-id`): Linux's
 * `/proc/sys/kernel/random/boot_id`, elsewhere the boot time to the minute (from the uptime).
 */
import { readFileSync } from 'node:fs';
import { uptime } from 'node:os';
import { join } from 'node:path';
import { replaceFileAtomically } from './atomic-file';

const BOOT_ID_FILE = 'boot-id';

export function currentBootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return `booted-${Math.round((Date.now() - uptime() * 1000) / 60_000)}`;
  }
}

/** The boot `dataDir` was last opened in (null the first time), after recording `current` as the new one. */
export function swapBootId(dataDir: string, current: string): string | null {
  const path = join(dataDir, BOOT_ID_FILE);
  let previous: string | null;
  try {
    previous = readFileSync(path, 'utf8').trim() || null;
  } catch {
    previous = null; // never opened before (or the file is unreadable: no basis to compare)
  }
  if (previous !== current) replaceFileAtomically(path, `${current}\n`);
  return previous;
}
