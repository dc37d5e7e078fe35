/**
 * Export of dead letters: chosen records of a DLQ topic (chosen-records.ts) written as JSON
 * Lines, one per dead letter, in the messages export's line format (record-export-format.ts,
 * fields decoded `auto`, whole) plus a `deadLetter` member: what its headers say (format, reason,
 * exception class, source, group, attempts, dead-at time) and its state from the ledger
 * (`dead`, `replayed` with the replay, `discarded` with when). Written with the file's
 * backpressure holding the reads.
 *
 * Where the file goes is the adapter's (`ExportDestinations`, as for message exports): serve mode
 * writes a file of its own and downloads it by the job's id (`exportId`, once done); the desktop
 * app writes where the user chose. A failed or cancelled export removes a file the adapter made
 * itself; a dead letter no longer in the topic is counted as failed with its reason.
 */
import { createWriteStream, rmSync } from 'node:fs';
import type { DeadLetterState, Decoding } from '../../contract';
import type { RecordSource } from '../cluster/record-source';
import { RecordSourceError } from '../cluster/record-source';
import type { ExportDestination } from '../messages/record-export';
import { exportLine } from '../messages/record-export-format';
import { readChosen } from './chosen-records';
import { recognizeDeadLetter } from './dead-letter-recognition';
import type { DlqJob } from './dlq-jobs';
import type { LedgerMark, TopicLedger } from './replay-ledger';

const DECODING: Decoding = { key: 'auto', value: 'auto' };

export interface ExportPlan {
  source: RecordSource;
  ledger: TopicLedger;
  dlqTopic: string;
  chosen: Map<number, number[]>;
  destination: ExportDestination;
}

/** What the `deadLetter` member says of a state. */
function stateMembers(mark: LedgerMark | undefined): { state: DeadLetterState; replay: unknown; discardedAt: number | null } {
  if (!mark) return { state: 'dead', replay: null, discardedAt: null };
  if (mark.state === 'discarded') return { state: 'discarded', replay: null, discardedAt: mark.at };
  return { state: 'replayed', replay: { at: mark.at, ...mark.to }, discardedAt: null };
}

/** One dead letter's export line: the messages export's JSON object plus its `deadLetter` member. */
export function deadLetterLine(partition: number, record: Parameters<typeof exportLine>[2], mark: LedgerMark | undefined): string {
  const line = exportLine('jsonl', partition, record, DECODING);
  const recognized = recognizeDeadLetter(record);
  const deadLetter = {
    format: recognized.format,
    reason: recognized.reason,
    exceptionClass: recognized.exceptionClass,
    source: recognized.source,
    group: recognized.group,
    attempts: recognized.attempts,
    diedAt: recognized.diedAt,
    ...stateMembers(mark),
  };
  // The line is `{…}\n`: the member goes before its closing brace.
  return `${line.slice(0, -2)},"deadLetter":${JSON.stringify(deadLetter)}}\n`;
}

export async function runExport(job: DlqJob, plan: ExportPlan): Promise<void> {
  const { source, ledger, dlqTopic, destination } = plan;
  const stream = createWriteStream(destination.path, { flags: 'w' });
  let writeError: Error | null = null;
  stream.on('error', (error) => (writeError ??= error));
  const closed = () =>
    new Promise<void>((resolve) => {
      if (stream.closed || stream.destroyed) return resolve();
      stream.once('close', () => resolve());
      stream.end();
    });
  const drained = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        stream.off('drain', done).off('close', done);
        resolve();
      };
      stream.on('drain', done).on('close', done);
    });
  let state: 'done' | 'cancelled' | 'failed' = 'done';
  let error: string | null = null;
  try {
    for await (const chosen of readChosen(source, dlqTopic, plan.chosen)) {
      job.fail(`no longer in "${dlqTopic}" (retention or deleted records)`, chosen.missing.length);
      let text = '';
      for (const record of chosen.records) text += deadLetterLine(chosen.partition, record, ledger.mark(chosen.partition, record.offset));
      if (text.length > 0 && !stream.write(text)) await drained();
      if (writeError) break;
      job.done += chosen.records.length;
      if (job.cancelRequested) break;
    }
    if (writeError) [state, error] = ['failed', `writing ${destination.path} failed: ${(writeError as Error).message}`];
    else if (job.cancelRequested) [state, error] = ['cancelled', `cancelled: ${job.done.toLocaleString('en-US')} dead letters were written`];
  } catch (caught) {
    state = 'failed';
    error = caught instanceof RecordSourceError ? `cannot read "${dlqTopic}" any more (${caught.message})` : `the export failed: ${caught instanceof Error ? caught.message : String(caught)}`;
  }
  await closed();
  if (writeError && state === 'done') [state, error] = ['failed', `writing ${destination.path} failed: ${(writeError as Error).message}`];
  if (state !== 'done' && destination.download) rmSync(destination.path, { force: true });
  if (state === 'done' && destination.download) job.exportId = job.id;
  job.finish(state, error);
}
