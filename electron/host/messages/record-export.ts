/**
 * Exports: a RangeScan (range-scan.ts) whose worker writes each matching record as a line of the
 * file (record-export-format.ts: JSON Lines or CSV, values whole), streamed to disk with the
 * file's backpressure holding the scan. Where the file goes is the adapter's call
 * (`ExportDestinations`): the desktop app asks the user (a save dialog; cancelling starts
 * nothing), serve mode writes into a folder of its own and hands out a download link once done.
 * A failed or cancelled export removes its partial file when the adapter made the file itself
 * (what the user picked is theirs to keep: it holds what was written, and the progress says so).
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Decoding, ExportFormat, ExportProgress, RecordFilter } from '../../contract';
import type { RecordSource } from '../cluster/record-source';
import { WakeSignal } from '../wake-signal';
import type { RangeRequest, RangeScan } from './range-scan';
import { CSV_HEADER } from './record-export-format';
import { JobTable, createScan, planScan, type ScanOptions } from './record-search';

export interface ExportRequest extends RangeRequest {
  filters: RecordFilter[];
  decode: Decoding;
  format: ExportFormat;
  limit: number;
}

export interface ExportDestination {
  path: string;
  /** Serve mode: the file is the host's, downloaded through `downloadUrl`, removed if the export fails. */
  download: boolean;
}

export interface ExportDestinations {
  /** Where to write `suggestedName`; null when the user cancelled the choice. */
  choose(suggestedName: string): Promise<ExportDestination | null>;
  /** The URL a browser downloads a finished export from (serve mode). */
  downloadUrl?(exportId: string, fileName: string): string;
}

/** The default: files in the temp folder, for download (serve mode and tests). */
export function temporaryExportDestinations(directory = join(tmpdir(), 'eddy-exports'), downloadUrl?: (exportId: string, fileName: string) => string): ExportDestinations {
  return {
    async choose(suggestedName) {
      mkdirSync(directory, { recursive: true });
      return { path: join(directory, `${randomUUID()}-${suggestedName}`), download: true };
    },
    downloadUrl,
  };
}

class ExportJob {
  finishedAt = 0;
  written = 0;
  bytes = 0;
  scan!: RangeScan;
  private readonly finished = new WakeSignal();
  private readonly stream: WriteStream;

  constructor(
    readonly id: string,
    readonly destination: ExportDestination,
    readonly fileName: string,
    private readonly limit: number,
    format: ExportFormat,
  ) {
    this.stream = createWriteStream(destination.path, { flags: 'w' });
    this.stream.on('error', (error) => this.scan?.finish('failed', `writing ${destination.path} failed: ${error.message}`));
    if (format === 'csv') this.write(CSV_HEADER);
  }

  get running(): boolean {
    return this.scan.state === 'running';
  }

  private write(text: string): boolean {
    this.bytes += Buffer.byteLength(text);
    return this.stream.write(text);
  }

  /** Writes the lines that fit the limit; waits for the file when its buffer is full. */
  take(exported: { text: string; ends: Uint32Array } | null): boolean | Promise<boolean> {
    let flowing = true;
    if (exported && exported.ends.length > 0) {
      const lines = Math.min(exported.ends.length, this.limit - this.written);
      const text = lines === exported.ends.length ? exported.text : exported.text.slice(0, lines > 0 ? exported.ends[lines - 1] : 0);
      if (text.length > 0) flowing = this.write(text);
      this.written += lines;
    }
    const more = this.written < this.limit;
    if (flowing || !more) return more;
    return new Promise((resolve) => this.stream.once('drain', () => resolve(true)));
  }

  ended(state: string): void {
    this.stream.end(() => {
      if (state !== 'done' && this.destination.download) rmSync(this.destination.path, { force: true });
      this.finishedAt = Date.now();
      this.finished.wake();
    });
  }

  /** Resolves once the export is finished (file closed) or `waitMs` passes. */
  async waitFor(waitMs: number): Promise<void> {
    if (this.finishedAt > 0) return;
    await this.finished.wait(waitMs);
  }

  /** The file is complete on disk (the scan is over and the stream closed). */
  get complete(): boolean {
    return this.finishedAt > 0;
  }

  progress(downloadUrl: string | null): ExportProgress {
    const scan = this.scan;
    // Done only once the file is closed: until then a download would be cut short.
    const state = scan.state === 'running' || (scan.state === 'done' && !this.complete) ? 'running' : scan.state;
    return {
      state,
      written: this.written,
      scanned: scan.scanned,
      total: Math.max(scan.total, scan.scanned),
      bytes: this.bytes,
      rate: scan.rate,
      error: scan.error,
      path: this.destination.download ? null : this.destination.path,
      downloadUrl: state === 'done' && this.destination.download ? downloadUrl : null,
      elapsedMs: scan.elapsedMs,
    };
  }
}

export class RecordExports {
  private readonly jobs: JobTable<ExportJob>;

  constructor(
    private readonly source: RecordSource,
    private readonly destinations: ExportDestinations,
    private readonly options: ScanOptions = {},
  ) {
    this.jobs = new JobTable('export', options.keepFinishedMs ?? 30 * 60_000, options.maxJobs ?? 20);
  }

  /** Null when the user cancelled choosing where to save. */
  async start(request: ExportRequest): Promise<string | null> {
    const plan = await planScan(this.source, this.options, request);
    this.jobs.makeRoom();
    const fileName = `${request.topic}.${request.format === 'csv' ? 'csv' : 'jsonl'}`;
    const destination = await this.destinations.choose(fileName);
    if (!destination) return null;
    const id = randomUUID();
    const job = new ExportJob(id, destination, fileName, request.limit, request.format);
    job.scan = await createScan(this.source, this.options, plan, request.format, {
      take: (result) => job.take(result.exported),
      ended: (state) => job.ended(state),
    });
    this.jobs.add(id, job);
    job.scan.start();
    return id;
  }

  private progressOf(job: ExportJob): ExportProgress {
    return job.progress(this.destinations.downloadUrl ? this.destinations.downloadUrl(job.id, job.fileName) : null);
  }

  async poll(id: string, waitMs: number): Promise<ExportProgress> {
    const job = this.jobs.get(id);
    await job.waitFor(waitMs);
    return this.progressOf(job);
  }

  cancel(id: string): ExportProgress {
    const job = this.jobs.get(id);
    job.scan.finish('cancelled');
    return this.progressOf(job);
  }

  /** A finished export's file, for a download (serve mode); null if there is none. */
  file(id: string): { path: string; name: string } | null {
    try {
      const job = this.jobs.get(id);
      return job.complete && job.scan.state === 'done' && job.destination.download ? { path: job.destination.path, name: job.fileName } : null;
    } catch {
      return null;
    }
  }

  stopAll(reason: string): void {
    for (const job of this.jobs.all()) job.scan.finish('failed', reason);
  }
}
