/**
 * Walks the batches of a `.log` file from a position, reading the file in chunks: the one way
 * the storage layer looks at stored batches without a caller handing it the bytes.
 *
 * Two uses: `verify: false` hops from header to header (offset lookups, start-up after a clean
 * stop); `verify: true` also checks each batch the way recovery must trust it — whole batch
 * inside the file, batchLength ≥ 49, magic 2, lastOffsetDelta ≥ 0 and the CRC-32C, streamed in
 * chunks so a garbage length field never makes it allocate more than one chunk. The first batch
 * that fails stops the walk and `invalidReason` says why; `position` is then the end of the valid
 * part, where recovery truncates.
 *
 * Synchronous (readSync) and owned by its caller for the duration of one walk; the file must not
 * shrink meanwhile.
 */
import { readSync } from 'node:fs';
import { crc32c } from '../records/crc32c';
import {
  ATTRIBUTES,
  BASE_SEQUENCE,
  BATCH_LENGTH,
  CRC,
  CURRENT_MAGIC,
  LAST_OFFSET_DELTA,
  LOG_OVERHEAD,
  MAGIC,
  MAX_TIMESTAMP,
  PRODUCER_EPOCH,
  PRODUCER_ID,
  RECORD_BATCH_OVERHEAD,
  RECORDS_COUNT,
  readInt64,
} from '../records/record-batch-layout';

export interface ScannedBatch {
  position: number;
  size: number;
  baseOffset: number;
  lastOffset: number;
  maxTimestamp: number;
  attributes: number;
  recordCount: number;
  /** -1 for a batch of a producer that is not idempotent. */
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
}

export class BatchScanner {
  /** Where the next batch starts (after a failure: the end of the valid part). */
  position: number;
  invalidReason: string | null = null;
  private window: Buffer;
  private windowStart = 0;
  private windowLength = 0;

  constructor(
    private readonly fd: number,
    start: number,
    private readonly end: number,
    private readonly verify: boolean,
    chunkBytes = 1 << 20,
  ) {
    this.position = start;
    this.window = Buffer.allocUnsafe(Math.max(chunkBytes, RECORD_BATCH_OVERHEAD));
  }

  /** The next batch, or null at the end of the range or at the first invalid batch. */
  next(): ScannedBatch | null {
    const position = this.position;
    if (position >= this.end) return null;
    if (this.end - position < RECORD_BATCH_OVERHEAD) return this.fail(`${this.end - position} trailing bytes, too few for a batch header`);
    if (!this.ensure(position, RECORD_BATCH_OVERHEAD)) return this.fail('the file is shorter than its size said');
    const at = position - this.windowStart;
    const window = this.window;
    const batchLength = window.readInt32BE(at + BATCH_LENGTH);
    const size = batchLength + LOG_OVERHEAD;
    if (size < RECORD_BATCH_OVERHEAD) return this.fail(`batchLength ${batchLength} is below the minimum`);
    if (size > this.end - position) return this.fail(`batch of ${size} bytes runs past the end of the file (torn write)`);
    const magic = window.readInt8(at + MAGIC);
    if (magic !== CURRENT_MAGIC) return this.fail(`magic ${magic}`);
    const lastOffsetDelta = window.readInt32BE(at + LAST_OFFSET_DELTA);
    if (lastOffsetDelta < 0) return this.fail(`lastOffsetDelta ${lastOffsetDelta}`);
    const batch: ScannedBatch = {
      position,
      size,
      baseOffset: readInt64(window, at),
      lastOffset: readInt64(window, at) + lastOffsetDelta,
      maxTimestamp: readInt64(window, at + MAX_TIMESTAMP),
      attributes: window.readInt16BE(at + ATTRIBUTES),
      recordCount: window.readInt32BE(at + RECORDS_COUNT),
      producerId: readInt64(window, at + PRODUCER_ID),
      producerEpoch: window.readInt16BE(at + PRODUCER_EPOCH),
      baseSequence: window.readInt32BE(at + BASE_SEQUENCE),
    };
    if (this.verify) {
      const stored = window.readUInt32BE(at + CRC);
      const computed = this.crcOf(position + ATTRIBUTES, position + size);
      if (stored !== computed) return this.fail(`CRC mismatch at offset ${batch.baseOffset}`);
    }
    this.position = position + size;
    return batch;
  }

  private fail(reason: string): null {
    this.invalidReason = `at byte ${this.position}: ${reason}`;
    return null;
  }

  /** Makes [position, position + length) readable in the window; false if the file ends first. */
  private ensure(position: number, length: number): boolean {
    if (position >= this.windowStart && position + length <= this.windowStart + this.windowLength) return true;
    const wanted = Math.min(this.window.length, this.end - position);
    let read = 0;
    while (read < wanted) {
      const n = readSync(this.fd, this.window, read, wanted - read, position + read);
      if (n === 0) break;
      read += n;
    }
    this.windowStart = position;
    this.windowLength = read;
    return read >= length;
  }

  private crcOf(start: number, end: number): number {
    let crc = 0;
    let position = start;
    while (position < end) {
      if (!this.ensure(position, 1)) return -1;
      const stop = Math.min(end, this.windowStart + this.windowLength);
      crc = crc32c(this.window, position - this.windowStart, stop - this.windowStart, crc);
      position = stop;
    }
    return crc;
  }
}
