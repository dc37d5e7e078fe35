/**
 * Replaces a small file so that readers (and a restart after a crash) see either the old content
 * or the whole new one: write `<path>.tmp` completely (looping over short writes, which is how a
 * full disk first shows itself), fsync it, rename it over `<path>`, fsync the directory. Any
 * failure throws the system error and leaves `<path>` as it was (the temp file is removed).
 */
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { fsyncDirectory } from './clean-shutdown-marker';

export function replaceFileAtomically(path: string, contents: string | Buffer): void {
  const bytes = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents;
  const temporary = `${path}.tmp`;
  try {
    const fd = openSync(temporary, 'w');
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing to remove, or the disk refuses even that; the next write replaces it.
    }
    throw error;
  }
  fsyncDirectory(dirname(path));
}
