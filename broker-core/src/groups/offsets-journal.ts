/**
 * The durable home of committed offsets and group metadata: an append-only journal file in
 * `journal-format.ts`'s format, replayed on open, with group commit and snapshot compaction.
 *
 * - `open` reads the journal, truncates a torn tail (logging what was dropped) and returns the
 *   records for the caller to rebuild its state. A file that is not a journal is refused with an
 *   error saying what to do, never overwritten.
 * - `append` resolves once its records are fsynced. Appends that arrive while a write is in flight
 *   share the next write and fsync (group commit), so throughput does not fall to one commit per
 *   fsync. `onDurable` callbacks run synchronously right after their fsync, in append order and
 *   before anything else is written, so the caller's "durable" state is exact at every snapshot.
 * - Compaction writes the caller's snapshot (`setSnapshotSource`: one record per live key) to a
 *   temp file, fsyncs it, renames it over the journal and fsyncs the directory. A crash at any point
 *   leaves either the old journal or the complete new one.
 * - A failed write or fsync leaves the file's contents unknown: the journal then refuses all further
 *   appends (the error says so) rather than acknowledge commits it cannot vouch for.
 *
 * One writer: only the coordinator of one broker may open a data directory's journal.
 */
import { mkdir, open, readFile, rename, rm, truncate, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrokerLogger } from '../broker-api';
import { JOURNAL_HEADER, encodeFrames, scanJournal } from './journal-format';
import type { JournalRecord } from './journal-record';

export const JOURNAL_FILE = 'offsets.journal';

export interface OffsetsJournalOptions {
  /** Compact once the journal is this large and at least twice its size after the last compaction. */
  compactAfterBytes?: number;
}

interface PendingAppend {
  bytes: Buffer;
  onDurable: (() => void) | undefined;
  resolve: () => void;
  reject: (error: Error) => void;
}

export class JournalUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JournalUnavailableError';
  }
}

async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, written, bytes.length - written);
    written += bytesWritten;
  }
}

/** Makes a rename durable; directories cannot be opened for fsync on Windows, where NTFS journals the rename itself. */
async function fsyncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // not supported on this platform
  } finally {
    await handle?.close().catch(() => {});
  }
}

export class OffsetsJournal {
  private queue: PendingAppend[] = [];
  private running = false;
  private idleWaiters: Array<() => void> = [];
  private compactRequested = false;
  private failure: Error | null = null;
  private closing = false;
  private snapshotSource: (() => JournalRecord[]) | null = null;
  private sizeAfterCompaction = 0;
  /** Bytes in the journal file. */
  size: number;
  /** fsyncs done since open (each covers one or more appends). */
  fsyncCount = 0;
  appendCount = 0;

  private constructor(
    private readonly path: string,
    private readonly dir: string,
    private handle: FileHandle | null,
    size: number,
    private readonly compactAfterBytes: number,
    private readonly logger: BrokerLogger,
  ) {
    this.size = size;
  }

  /** Opens (creating if needed) the journal in `dir` and returns it with the records it holds. */
  static async open(dir: string, logger: BrokerLogger, options: OffsetsJournalOptions = {}): Promise<{ journal: OffsetsJournal; records: JournalRecord[] }> {
    await mkdir(dir, { recursive: true });
    const path = join(dir, JOURNAL_FILE);
    await rm(`${path}.tmp`, { force: true });
    const existing = await readFile(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    let records: JournalRecord[] = [];
    let size: number;
    const scan = existing === null ? null : scanJournal(existing);
    if (scan && !scan.ok) {
      throw new JournalUnavailableError(`cannot read committed offsets from ${path}: ${scan.reason}; move the file away to start without committed offsets`);
    }
    if (scan === null || scan.validEnd === 0) {
      const fresh = await open(path, 'w');
      await writeAll(fresh, JOURNAL_HEADER);
      await fresh.datasync();
      await fresh.close();
      await fsyncDirectory(dir);
      size = JOURNAL_HEADER.length;
    } else {
      records = scan.records;
      size = scan.validEnd;
      if (scan.tornTail !== null) {
        logger.warn(`offsets journal ${path}: dropped a torn tail of ${existing!.length - scan.validEnd} bytes (${scan.tornTail}) after ${records.length} records`);
        await truncate(path, scan.validEnd);
      }
    }
    const handle = await open(path, 'a');
    return { journal: new OffsetsJournal(path, dir, handle, size, options.compactAfterBytes ?? 16 * 1024 * 1024, logger), records };
  }

  /** The records a compaction writes: the caller's whole durable state. */
  setSnapshotSource(source: () => JournalRecord[]): void {
    this.snapshotSource = source;
  }

  append(records: readonly JournalRecord[], onDurable?: () => void): Promise<void> {
    if (this.failure) return Promise.reject(this.unavailable());
    if (this.closing) return Promise.reject(new JournalUnavailableError(`offsets journal ${this.path} is closed`));
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ bytes: encodeFrames(records), onDurable, resolve, reject });
      this.appendCount++;
      this.kick();
    });
  }

  /** Compacts now (after pending appends); resolves when done. */
  compact(): Promise<void> {
    this.compactRequested = true;
    this.kick();
    return this.whenIdle();
  }

  /** Writes what is pending, then closes the file. Further appends are refused. */
  async close(): Promise<void> {
    this.closing = true;
    await this.whenIdle();
    const handle = this.handle;
    this.handle = null;
    await handle?.close();
  }

  private unavailable(): JournalUnavailableError {
    return new JournalUnavailableError(`offsets journal ${this.path} failed (${this.failure?.message}); committed offsets cannot be stored until the broker restarts`);
  }

  private whenIdle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    void this.run();
  }

  private async run(): Promise<void> {
    try {
      while (!this.failure && (this.queue.length > 0 || this.compactRequested)) {
        if (this.queue.length > 0) await this.flushBatch();
        if (this.failure) break;
        const grown = this.size >= this.compactAfterBytes && this.size >= 2 * this.sizeAfterCompaction;
        if (this.compactRequested || (grown && this.snapshotSource)) {
          this.compactRequested = false;
          await this.compactNow();
        }
      }
    } finally {
      this.running = false;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      waiters.forEach((wake) => wake());
    }
  }

  private async flushBatch(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    try {
      if (!this.handle) throw new Error('journal file is not open');
      const bytes = batch.length === 1 ? batch[0].bytes : Buffer.concat(batch.map((entry) => entry.bytes));
      await writeAll(this.handle, bytes);
      await this.handle.datasync();
      this.size += bytes.length;
      this.fsyncCount++;
    } catch (error) {
      this.fail(error as Error, batch);
      return;
    }
    for (const entry of batch) {
      try {
        entry.onDurable?.();
      } catch (error) {
        this.logger.error(`offsets journal: applying a durable record failed: ${(error as Error).stack ?? error}`);
      }
    }
    for (const entry of batch) entry.resolve();
  }

  private async compactNow(): Promise<void> {
    if (!this.snapshotSource) return;
    const snapshot = Buffer.concat([JOURNAL_HEADER, encodeFrames(this.snapshotSource())]);
    const tmp = `${this.path}.tmp`;
    try {
      const out = await open(tmp, 'w');
      try {
        await writeAll(out, snapshot);
        await out.datasync();
      } finally {
        await out.close();
      }
    } catch (error) {
      await this.compactionFailed(error as Error, tmp);
      return;
    }
    try {
      await this.handle?.close();
      this.handle = null;
      await rename(tmp, this.path);
      await fsyncDirectory(this.dir);
      this.size = snapshot.length;
      this.sizeAfterCompaction = snapshot.length;
    } catch (error) {
      await this.compactionFailed(error as Error, tmp);
    }
    try {
      this.handle = await open(this.path, 'a');
    } catch (error) {
      this.fail(error as Error, []);
    }
  }

  /** The old journal is intact; try again only after it has doubled, not after every write. */
  private async compactionFailed(error: Error, tmp: string): Promise<void> {
    this.logger.warn(`offsets journal ${this.path}: compaction failed, keeping the journal as it is: ${error.message}`);
    this.sizeAfterCompaction = this.size;
    await rm(tmp, { force: true }).catch(() => {});
  }

  private fail(error: Error, batch: PendingAppend[]): void {
    this.failure = error;
    this.logger.error(`offsets journal ${this.path}: ${error.message}; refusing further offset commits until the broker restarts`);
    const failed = [...batch, ...this.queue];
    this.queue = [];
    const unavailable = this.unavailable();
    for (const entry of failed) entry.reject(unavailable);
  }
}
