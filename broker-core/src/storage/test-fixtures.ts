/**
 * Fixtures shared by the storage tests (never imported by the broker itself): temporary data
 * directories removed after each test, RecordBatch payloads with recognisable values, and a logger
 * that keeps what it was told.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { BrokerLogger } from '../broker-api';
import { buildRecordBatch, type RecordInput } from '../records/record-batch-builder';

const created: string[] = [];

afterEach(() => {
  while (created.length > 0) rmSync(created.pop()!, { recursive: true, force: true });
});

/** A fresh directory, removed after the current test. */
export function tempDir(prefix = 'eddy-storage-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** A batch of `count` records whose values are `<label>-<i>`; timestamps from `timestamp`. */
export function batchOf(label: string, count = 3, timestamp = 1_000_000, valueBytes = 0): Buffer {
  const records: RecordInput[] = Array.from({ length: count }, (_, i) => ({
    key: Buffer.from(`k-${i}`),
    value: Buffer.concat([Buffer.from(`${label}-${i}`), Buffer.alloc(valueBytes, 0x61)]),
    timestamp: timestamp + i,
  }));
  return buildRecordBatch(records);
}

export interface RecordingLogger extends BrokerLogger {
  lines: string[];
}

export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(`info: ${message}`),
    warn: (message) => lines.push(`warn: ${message}`),
    error: (message) => lines.push(`error: ${message}`),
  };
}
