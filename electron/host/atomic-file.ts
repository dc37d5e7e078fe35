/**
 * Replacing a small file atomically: the new text goes to a temp file beside it, is fsynced, and
 * is renamed over the old one, and the folder is fsynced, so a crash leaves the old content or the
 * new, never half of either. `mode` sets the new file's permissions (0o600: the user alone).
 */
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

let writes = 0;

export async function writeFileAtomically(file: string, text: string, mode = 0o644): Promise<void> {
  const folder = dirname(file);
  await mkdir(folder, { recursive: true });
  // Unique per write, so two writes of one file at once never share (and rename away) a temp file.
  const temp = `${file}.${process.pid}.${++writes}.tmp`;
  await writeFile(temp, text, { encoding: 'utf8', mode });
  // writeFile's mode applies only when it creates the file; a leftover temp keeps its own.
  await chmod(temp, mode);
  fsyncPath(temp);
  await rename(temp, file);
  fsyncPath(folder);
}
