/**
 * Moves a stopped broker's data directory to a new place, whole: a rename where both are on one
 * file system (atomic: the data is in one place or the other), else a recursive copy, then the
 * old directory removed only once the copy is complete (a failed copy removes the partial copy
 * and leaves the old directory as it was). The target must not exist or be an empty folder, which
 * the settings validation checked; it is checked again here, since time passed since.
 *
 * Only called between a stop and a start of the broker (BrokerHost's queue), so no broker holds
 * either directory meanwhile.
 */
import { cp, mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

async function isEmptyOrMissing(path: string): Promise<boolean> {
  try {
    return (await readdir(path)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

/** Resolves once `from` is at `to`; rejects, with the old directory intact, when it cannot be. */
export async function moveDataDir(from: string, to: string): Promise<void> {
  try {
    await stat(from);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // nothing written there yet: nothing to move
    throw error;
  }
  if (!(await isEmptyOrMissing(to))) throw new Error(`${to} is no longer empty`);
  await mkdir(dirname(to), { recursive: true });
  await rmdir(to).catch(() => undefined);
  try {
    await rename(from, to);
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
  }
  try {
    await cp(from, to, { recursive: true, errorOnExist: true, force: false, preserveTimestamps: true });
  } catch (error) {
    await rm(to, { recursive: true, force: true });
    throw error;
  }
  await rm(from, { recursive: true, force: true });
}
