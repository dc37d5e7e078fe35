/**
 * Inputs and scratch space for the storage benchmarks: pre-encoded RecordBatch v2 payloads (as a
 * producer would send them, so encoding is not measured), a scratch directory under the chosen
 * root, and a free-space check before anything large is written.
 */
import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRecordBatch } from '../../broker-core/src/records/record-batch-builder';

/** `count` distinct batches of `recordsPerBatch` records with `valueBytes`-byte values. */
export function makeBatches(valueBytes: number, recordsPerBatch = 1000, count = 4): Buffer[] {
  let seed = 0x2545f491 ^ valueBytes;
  const random = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return seed & 0xff;
  };
  return Array.from({ length: count }, (_, batch) =>
    buildRecordBatch(
      Array.from({ length: recordsPerBatch }, (_, record) => {
        const value = Buffer.allocUnsafe(valueBytes);
        for (let i = 0; i < valueBytes; i++) value[i] = random();
        return { key: Buffer.from(`key-${batch}-${record}`), value };
      }),
      { timestamp: 1_700_000_000_000 + batch },
    ),
  );
}

export function scratchDirectory(root: string | undefined, prefix: string): string {
  return mkdtempSync(join(root ?? tmpdir(), `eddy-bench-${prefix}-`));
}

export function removeDirectory(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Throws unless `root` has at least `bytes` free (what `df` shows as available). */
export function requireFreeSpace(root: string | undefined, bytes: number): number {
  const stats = statfsSync(root ?? tmpdir());
  const available = stats.bavail * stats.bsize;
  if (available < bytes) {
    throw new Error(`the benchmark needs ${(bytes / 2 ** 30).toFixed(2)} GiB free under ${root ?? tmpdir()} but only ${(available / 2 ** 30).toFixed(2)} GiB is available; pass --dir or a smaller size`);
  }
  return available;
}

export const silentLogger = { info() {}, warn() {}, error() {} };
