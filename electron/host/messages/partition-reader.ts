/**
 * Reads one partition's records over an offset range through a RecordSource, decoding its stored
 * batches (broker-core's `readStoredRecords`), in fetches of at most `chunkBytes`: the unit every
 * page and scan is made of. A batch that cannot be read becomes a problem in the result, and the
 * read goes on after it; a range whose start retention has deleted starts at the log start.
 */
import type { BatchProblem } from '../../contract';
import type { RecordSource } from '../cluster/record-source';
import { RecordSourceError } from '../cluster/record-source';
import type { RecordFields } from './record-dto';

/** Decodes stored batches from `fromOffset` on (broker-core's readStoredRecords, or a stand-in in tests). */
export type BatchDecoder = (
  batches: Buffer,
  options: { fromOffset: number; maxRecords?: number },
) => { records: RecordFields[]; batchErrors: ReadonlyArray<{ baseOffset: number; lastOffset: number; reason: string }>; nextOffset: number };

export interface RangeRead {
  records: RecordFields[];
  problems: BatchProblem[];
  /** The offset after the last record looked at (where a next read would start). */
  nextOffset: number;
  /** Where the read really started (the log start, if `from` had been deleted). */
  startedAt: number;
  highWatermark: number;
  logStartOffset: number;
}

export const DEFAULT_CHUNK_BYTES = 1024 * 1024;

/** Records of `partition` in [from, to), at most `maxRecords`. */
export async function readRange(
  source: RecordSource,
  decode: BatchDecoder,
  topic: string,
  partition: number,
  from: number,
  to: number,
  maxRecords: number,
  chunkBytes = DEFAULT_CHUNK_BYTES,
): Promise<RangeRead> {
  const records: RecordFields[] = [];
  const problems: BatchProblem[] = [];
  let offset = from;
  let startedAt = from;
  let highWatermark = to;
  let logStartOffset = 0;
  while (offset < to && records.length < maxRecords) {
    let fetched;
    try {
      fetched = await source.fetch(topic, partition, offset, chunkBytes);
    } catch (error) {
      if (error instanceof RecordSourceError && error.code === 'OFFSET_OUT_OF_RANGE' && offset === startedAt) {
        // Retention deleted the start of the range meanwhile: start at the log start instead.
        const [range] = (await source.partitionOffsets(topic)).filter((p) => p.partition === partition);
        if (!range || range.logStartOffset <= offset) throw error;
        offset = startedAt = range.logStartOffset;
        continue;
      }
      throw error;
    }
    highWatermark = fetched.highWatermark;
    logStartOffset = fetched.logStartOffset;
    if (fetched.batches.length === 0) break;
    const decoded = decode(fetched.batches, { fromOffset: offset, maxRecords: maxRecords - records.length });
    for (const record of decoded.records) {
      if (record.offset >= to) {
        offset = to;
        break;
      }
      records.push(record);
    }
    for (const error of decoded.batchErrors) {
      if (error.lastOffset >= offset && error.baseOffset < to) problems.push({ partition, baseOffset: error.baseOffset, lastOffset: error.lastOffset, reason: error.reason });
    }
    if (offset >= to) break;
    if (decoded.nextOffset <= offset) break; // nothing readable past here (should not happen: a safety stop)
    offset = decoded.nextOffset;
  }
  return { records, problems, nextOffset: Math.min(offset, to), startedAt, highWatermark, logStartOffset };
}
