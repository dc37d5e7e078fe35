/**
 * A JSON Lines import: lines arrive in order (`takeLines`, as the caller reads its file), each is
 * parsed (import-line.ts); a bad one is reported by its line number with the reason, a good one
 * is partitioned (a line's own partition first, else the partitioner) and added to the job's
 * BatchAppender. `takeLines` resolves once its lines are taken, which waits while the appender
 * has its most appends in flight: that is the import's backpressure. Calls are serialized.
 *
 * `end()` sends what is pending, waits for every append and ends the job; a cancel drops what
 * was not yet handed to the sink and ends it with the exact count; a topic deleted meanwhile
 * ends it as failed, and later lines are refused (`takeLines` → false).
 */
import type { CompressionCodec } from '../../../broker-core/src/records/index';
import type { JobProgress, ProduceSettings } from '../../contract';
import type { RecordSink, TopicLayout } from '../cluster/record-sink';
import { BatchAppender } from './batch-appender';
import { stoppedBy } from './bulk-job';
import { ImportLineError, parseImportLine } from './import-line';
import { checkPartition, createPartitionChooser, PartitionChoiceError } from './partitioner';
import type { ProduceJob } from './produce-job';

export class ImportRun {
  private readonly appender: BatchAppender<unknown>;
  private readonly chooser;
  private chain: Promise<unknown> = Promise.resolve();
  private linesReceived = 0;

  constructor(
    private readonly job: ProduceJob,
    sink: RecordSink,
    private readonly topic: string,
    private readonly layout: TopicLayout,
    settings: ProduceSettings,
  ) {
    this.appender = new BatchAppender<unknown>({ sink, topic, acks: settings.acks, codec: settings.compression as CompressionCodec, maxBatchBytes: layout.maxBatchBytes });
    job.appender = this.appender;
    job.total = 0;
    this.chooser = createPartitionChooser(settings.partitioner);
    job.onCancel = () => void this.serialized(() => this.stop('cancelled'));
  }

  /** Takes lines `firstLine`, `firstLine + 1`, …; false once the job has ended. */
  takeLines(firstLine: number, lines: readonly string[]): Promise<boolean> {
    return this.serialized(async () => {
      if (this.job.state !== 'running' || this.job.cancelRequested) return false;
      this.linesReceived += lines.length;
      this.job.total = this.linesReceived;
      for (let i = 0; i < lines.length; i++) this.takeLine(firstLine + i, lines[i]);
      await this.appender.whenRoom();
      if (this.appender.fatal) {
        await this.stop('failed');
        return false;
      }
      return true;
    });
  }

  /** No more lines: sends the rest and ends the job. */
  end(): Promise<JobProgress> {
    return this.serialized(async () => {
      if (this.job.state === 'running') await this.stop(this.job.cancelRequested ? 'cancelled' : 'done');
      return this.job.progress();
    });
  }

  private takeLine(line: number, text: string): void {
    try {
      const record = parseImportLine(text);
      if (record === null) return;
      const partition = record.partition ?? this.chooser.choose(record.key, undefined, this.layout.partitions);
      checkPartition(this.topic, partition, this.layout.partitions);
      this.appender.add(partition, record);
    } catch (error) {
      if (error instanceof ImportLineError || error instanceof PartitionChoiceError) this.job.addBadLine(line, error.message);
      else throw error;
    }
  }

  private async stop(state: 'done' | 'cancelled' | 'failed'): Promise<void> {
    if (this.job.state !== 'running') return;
    if (state !== 'done' || this.appender.fatal) this.appender.discardPending();
    await this.appender.drain();
    const sent = this.appender.sent.toLocaleString('en-US');
    if (this.appender.fatal) this.job.finish('failed', stoppedBy(this.job, this.appender, this.topic));
    else if (state === 'cancelled') this.job.finish('cancelled', `cancelled: ${sent} records were stored`);
    else this.job.finish('done', this.appender.lastError?.message ?? null);
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => {});
    return next;
  }
}
