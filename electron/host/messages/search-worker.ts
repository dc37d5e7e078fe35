/**
 * The search worker (a worker thread; bundled to dist/workers/search-worker.js): decodes chunks of
 * stored batches, tests every record against the search's filters and predicate, and sends back
 * the matches as the console shows them (or, for an export, as lines of its file). The broker's event loop only reads the chunks and hands
 * them over (record-search.ts); all the decoding and matching runs here.
 *
 * Messages in: `init` (filters, decoding, the predicate's time bound), then `chunk`s. Out: `ready`
 * or `failed` for init, `result` per chunk. A predicate that throws or loops ends the search with
 * its error and the record it was on; the worker's memory is bounded by its resource limits (an
 * out-of-memory predicate ends the worker, which record-search.ts reports).
 */
import { parentPort } from 'node:worker_threads';
import { readStoredRecords } from '../../../broker-core/src/records/index';
import type { BatchProblem, Decoding, ExportFormat, MessageRecord, RecordFilter } from '../../contract';
import { PREVIEW_CHARS } from '../../contract';
import { searchableText } from './field-decoding';
import { PredicateError, PredicateSandbox, type PredicateInput } from './predicate-sandbox';
import { toMessageRecord, type RecordFields } from './record-dto';
import { exportLine } from './record-export-format';
import { compileFilters, type RecordTest } from './record-filters';

export interface SearchInit {
  type: 'init';
  filters: RecordFilter[];
  decoding: Decoding;
  predicateTimeoutMs: number;
  /** What a chunk's matches come back as: records as the view shows them, or export lines (record-export-format.ts). */
  output: 'records' | 'jsonl' | 'csv';
}

export interface SearchChunk {
  type: 'chunk';
  id: number;
  partition: number;
  bytes: Uint8Array;
  /** Records below this offset (the start of a compressed batch) are not part of the chunk. */
  fromOffset: number;
  /** Records at or past this offset are outside the range. */
  toOffset: number;
}

export interface ChunkResult {
  type: 'result';
  id: number;
  partition: number;
  matches: MessageRecord[];
  /**
   * For an export: the matches' lines (each with its line break) as one text, and where each line
   * ends in it (one big string crosses between threads far cheaper than thousands of small ones).
   */
  exported: { text: string; ends: Uint32Array } | null;
  problems: BatchProblem[];
  /** Records of the range looked at. */
  scanned: number;
  /** Where the next chunk of this partition starts. */
  nextOffset: number;
  /** The predicate failed: why, and on which record. */
  error: { message: string; offset: number } | null;
}

export type WorkerReply = { type: 'ready' } | { type: 'failed'; message: string } | ChunkResult;

/** Records' texts as the predicate sees them (decoded by the search's modes, uncut). */
function predicateInput(partition: number, record: RecordFields, decoding: Decoding): PredicateInput {
  const text = searchableText;
  const headerMode = decoding.value === 'int' || decoding.value === 'long' ? 'auto' : decoding.value;
  return {
    partition,
    offset: record.offset,
    timestamp: record.timestamp,
    keyText: text(record.key, decoding.key),
    valueText: text(record.value, decoding.value),
    headers: record.headers.map((header) => [header.key, text(header.value, headerMode)]),
  };
}

function joinLines(lines: string[]): { text: string; ends: Uint32Array } {
  const ends = new Uint32Array(lines.length);
  let end = 0;
  for (let i = 0; i < lines.length; i++) ends[i] = end += lines[i].length;
  return { text: lines.join(''), ends };
}

class ChunkSearcher {
  constructor(
    private readonly test: RecordTest | null,
    private readonly predicate: PredicateSandbox | null,
    private readonly decoding: Decoding,
    private readonly output: SearchInit['output'],
  ) {}

  search(chunk: SearchChunk): ChunkResult {
    const bytes = Buffer.from(chunk.bytes.buffer, chunk.bytes.byteOffset, chunk.bytes.byteLength);
    const decoded = readStoredRecords(bytes, { fromOffset: chunk.fromOffset });
    const inRange = decoded.records.filter((record) => record.offset < chunk.toOffset);
    const nextOffset = inRange.length < decoded.records.length ? chunk.toOffset : Math.min(decoded.nextOffset, chunk.toOffset);
    const candidates = this.test ? inRange.filter(this.test) : inRange;
    const problems: BatchProblem[] = decoded.batchErrors
      .filter((error) => error.lastOffset >= chunk.fromOffset && error.baseOffset < chunk.toOffset)
      .map((error) => ({ partition: chunk.partition, baseOffset: error.baseOffset, lastOffset: error.lastOffset, reason: error.reason }));
    let matched = candidates;
    let error: ChunkResult['error'] = null;
    if (this.predicate && candidates.length > 0) {
      try {
        const results = this.predicate.test(candidates.map((record) => predicateInput(chunk.partition, record, this.decoding)));
        matched = candidates.filter((_, index) => results[index] === 1);
      } catch (failure) {
        if (!(failure instanceof PredicateError)) throw failure;
        const at = candidates[Math.max(0, failure.index)];
        matched = []; // the search ends with the error; this chunk's results are not known
        error = { message: `${failure.message} on the record at partition ${chunk.partition}, offset ${at.offset}`, offset: at.offset };
      }
    }
    const records = this.output === 'records';
    return {
      type: 'result',
      id: chunk.id,
      partition: chunk.partition,
      matches: records ? matched.map((record) => toMessageRecord(chunk.partition, record, this.decoding, { maxChars: PREVIEW_CHARS })) : [],
      exported: records ? null : joinLines(matched.map((record) => exportLine(this.output as ExportFormat, chunk.partition, record, this.decoding))),
      problems,
      scanned: inRange.length,
      nextOffset,
      error,
    };
  }
}

const port = parentPort;
if (port) {
  let searcher: ChunkSearcher | null = null;
  port.on('message', (message: SearchInit | SearchChunk) => {
    if (message.type === 'init') {
      try {
        const predicateFilter = message.filters.find((filter) => filter.kind === 'predicate');
        const predicate = predicateFilter ? new PredicateSandbox(predicateFilter.source, message.predicateTimeoutMs) : null;
        searcher = new ChunkSearcher(compileFilters(message.filters, message.decoding), predicate, message.decoding, message.output);
        port.postMessage({ type: 'ready' } satisfies WorkerReply);
      } catch (error) {
        port.postMessage({ type: 'failed', message: (error as Error).message } satisfies WorkerReply);
      }
      return;
    }
    if (!searcher) throw new Error('search worker: a chunk before init');
    const result = searcher.search(message);
    port.postMessage(result satisfies WorkerReply, result.exported ? [result.exported.ends.buffer as ArrayBuffer] : []);
  });
}
