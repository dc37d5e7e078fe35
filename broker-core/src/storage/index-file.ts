/**
 * A file of fixed-width index entries beside a segment, with an in-memory copy loaded on demand.
 * The three index kinds (offset, time, append time) are built on it.
 *
 * Ownership: one `LogSegment` owns each file. While the segment is active the file is open for
 * writing and entries are appended with positioned writes (`count × entrySize`), so a failed or
 * torn write is simply overwritten by the next one; a trailing partial entry found on load is
 * ignored (and cut off when the file is writable). Inactive segments' files are read once, into
 * memory, and closed.
 *
 * Lazy: nothing is read until `length`, `lastEntry()` or `load()` needs it, so a clean start-up
 * touches only the active segment's last entries. A missing file reads as empty with `missing`
 * set, so its segment can rebuild it from the log.
 *
 * Failure: writes throw the system error; the caller decides (an index is rebuildable, so a failed
 * index write never fails an append). Everything here is synchronous except `datasync()`.
 */
import { closeSync, fstatSync, ftruncateSync, openSync, readSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { FileDescriptor } from './file-descriptor';

const INITIAL_CAPACITY_ENTRIES = 64;

/**
 * Binary search over sorted index entries: the last entry index in [0, count) for which `holds`
 * is true, where `holds` is true on a prefix of the entries and false after; -1 if none.
 */
export function lastEntryWhere(count: number, holds: (index: number) => boolean): number {
  let low = 0;
  let high = count - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (holds(middle)) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

export class IndexFile {
  private descriptor: FileDescriptor | null = null;
  private entries: Buffer | null = null;
  private count = -1;
  private lastEntryCache: Buffer | null = null;
  /** True when the file did not exist when it was first looked at. */
  missing = false;

  constructor(
    readonly path: string,
    readonly entrySize: number,
  ) {}

  /** Opens (creating if missing) for appending; cuts a trailing partial entry. */
  openWritable(): void {
    if (this.descriptor) return;
    let fd: number;
    try {
      fd = openSync(this.path, 'r+');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.missing = true;
      fd = openSync(this.path, 'w+');
    }
    this.descriptor = new FileDescriptor(fd);
    const size = fstatSync(fd).size;
    this.count = Math.floor(size / this.entrySize);
    if (size !== this.count * this.entrySize) ftruncateSync(fd, this.count * this.entrySize);
  }

  get writable(): boolean {
    return this.descriptor !== null;
  }

  get length(): number {
    if (this.count < 0) {
      try {
        this.count = Math.floor(statSync(this.path).size / this.entrySize);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        this.missing = true;
        this.count = 0;
      }
    }
    return this.count;
  }

  get loaded(): boolean {
    return this.entries !== null;
  }

  /** Reads every entry into memory (once). */
  load(): void {
    if (this.entries) return;
    const count = this.length;
    const buffer = Buffer.alloc(Math.max(count, INITIAL_CAPACITY_ENTRIES) * this.entrySize);
    if (count > 0) this.readInto(buffer, 0, count * this.entrySize, 0);
    this.entries = buffer;
  }

  /** Entry `index` as a view into the in-memory copy; `load()` first. */
  entry(index: number): Buffer {
    const start = index * this.entrySize;
    return this.entries!.subarray(start, start + this.entrySize);
  }

  /** The memory holding loaded entries: entry i starts at i × entrySize. */
  get memory(): Buffer {
    this.load();
    return this.entries!;
  }

  /** The last entry, reading only it when the file is not loaded; null when empty. */
  lastEntry(): Buffer | null {
    const count = this.length;
    if (count === 0) return null;
    if (this.entries) return this.entry(count - 1);
    if (!this.lastEntryCache) {
      const buffer = Buffer.alloc(this.entrySize);
      this.readInto(buffer, 0, this.entrySize, (count - 1) * this.entrySize);
      this.lastEntryCache = buffer;
    }
    return this.lastEntryCache;
  }

  /** The first entry, reading only it when the file is not loaded; null when empty. */
  firstEntry(): Buffer | null {
    if (this.length === 0) return null;
    if (this.entries) return this.entry(0);
    const buffer = Buffer.alloc(this.entrySize);
    this.readInto(buffer, 0, this.entrySize, 0);
    return buffer;
  }

  /** Appends whole entries (`bytes.length` a multiple of entrySize); file first, then memory. */
  append(bytes: Buffer): void {
    const count = this.length;
    const fd = this.descriptor!.fd;
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written, count * this.entrySize + written);
    const added = bytes.length / this.entrySize;
    if (this.entries) {
      const needed = (count + added) * this.entrySize;
      if (needed > this.entries.length) {
        const grown = Buffer.alloc(Math.max(needed, this.entries.length * 2));
        this.entries.copy(grown, 0, 0, count * this.entrySize);
        this.entries = grown;
      }
      bytes.copy(this.entries, count * this.entrySize);
    }
    this.lastEntryCache = null;
    this.count = count + added;
  }

  /** Keeps the first `count` entries (file and memory). */
  truncate(count: number): void {
    if (count >= this.length) return;
    if (this.descriptor) ftruncateSync(this.descriptor.fd, count * this.entrySize);
    this.count = count;
    this.lastEntryCache = null;
  }

  /** Replaces the whole content (an index rebuilt from the log). */
  replaceWith(bytes: Buffer): void {
    const capacity = Math.max(bytes.length, INITIAL_CAPACITY_ENTRIES * this.entrySize);
    if (this.descriptor) {
      ftruncateSync(this.descriptor.fd, 0);
      this.entries = Buffer.alloc(capacity);
      this.count = 0;
      this.lastEntryCache = null;
      if (bytes.length > 0) this.append(bytes);
    } else {
      writeFileSync(this.path, bytes);
      this.entries = Buffer.alloc(capacity);
      bytes.copy(this.entries);
      this.count = bytes.length / this.entrySize;
      this.lastEntryCache = null;
    }
    this.missing = false;
  }

  datasync(): Promise<void> {
    return this.descriptor ? this.descriptor.datasync() : Promise.resolve();
  }

  /** Stops writing; the in-memory copy stays usable for lookups. */
  closeWritable(): void {
    this.descriptor?.close();
    this.descriptor = null;
  }

  delete(): void {
    this.closeWritable();
    this.entries = null;
    try {
      unlinkSync(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  private readInto(buffer: Buffer, offset: number, length: number, position: number): void {
    const fd = this.descriptor ? this.descriptor.fd : openSync(this.path, 'r');
    try {
      let read = 0;
      while (read < length) {
        const n = readSync(fd, buffer, offset + read, length - read, position + read);
        if (n === 0) throw new Error(`${this.path} is shorter than expected`);
        read += n;
      }
    } finally {
      if (!this.descriptor) closeSync(fd);
    }
  }
}
