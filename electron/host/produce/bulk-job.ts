/**
 * A bulk job: `count` records from a template (bulk-template.ts), at most `ratePerSecond` of them
 * a second (rate-limiter.ts) or as fast as the sink takes them, through one BatchAppender
 * (batches of many records per partition, compressed per batch, several appends in flight).
 *
 * Records are made in steps (up to 10,000, or a twentieth of a second's worth when paced); between
 * steps the job yields and looks for a cancel, so a cancel stops between batches: what was
 * made and not yet handed to the sink is dropped, the appends in flight settle, and the job
 * reports exactly what the log acknowledged. A refusal that every later batch would get (topic
 * deleted, disk) ends the job as failed with the count stored before it.
 */
import type { CompressionCodec } from '../../../broker-core/src/records/index';
import type { BulkTemplate, ProduceSettings } from '../../contract';
import type { RecordSink, TopicLayout } from '../cluster/record-sink';
import { BatchAppender } from './batch-appender';
import type { RecordRenderer } from './bulk-template';
import { FieldEncodingError } from './field-encoding';
import { checkPartition, createPartitionChooser } from './partitioner';
import type { ProduceJob } from './produce-job';
import { RateLimiter } from './rate-limiter';

const MAX_STEP = 10_000;

export interface BulkPlan {
  sink: RecordSink;
  topic: string;
  layout: TopicLayout;
  template: BulkTemplate;
  render: RecordRenderer;
  settings: ProduceSettings;
  count: number;
  ratePerSecond: number | null;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function stoppedBy(job: ProduceJob, appender: BatchAppender<unknown>, topic: string): string {
  const stored = `${appender.sent.toLocaleString('en-US')} record${appender.sent === 1 ? ' was' : 's were'} stored before it`;
  const fatal = appender.fatal!;
  return fatal.code === 'UNKNOWN_TOPIC' ? `topic "${topic}" was deleted while sending: ${stored}` : `${fatal.message}: ${stored}`;
}

export async function runBulk(job: ProduceJob, plan: BulkPlan): Promise<void> {
  const { sink, topic, layout, settings, render, count } = plan;
  const appender = new BatchAppender<unknown>({ sink, topic, acks: settings.acks, codec: settings.compression as CompressionCodec, maxBatchBytes: layout.maxBatchBytes });
  job.appender = appender;
  const chooser = createPartitionChooser(settings.partitioner);
  const limiter = plan.ratePerSecond === null ? null : new RateLimiter(plan.ratePerSecond);
  const step = plan.ratePerSecond === null ? MAX_STEP : Math.max(1, Math.min(MAX_STEP, Math.ceil(plan.ratePerSecond / 20)));
  const stop = () => job.cancelRequested || appender.fatal !== null;
  let renderError: string | null = null;
  try {
    for (let index = 0; index < count && !stop(); ) {
      const n = Math.min(step, count - index);
      if (limiter && !(await limiter.take(n, stop))) break;
      const context = { index, now: Date.now(), random: Math.random };
      for (const end = index + n; context.index < end; context.index++) {
        try {
          const record = render(context);
          const partition = chooser.choose(record.key, record.partition, layout.partitions);
          checkPartition(topic, partition, layout.partitions);
          appender.add(partition, record);
        } catch (error) {
          if (!(error instanceof FieldEncodingError)) throw error;
          job.refusedBefore++;
          renderError ??= `record ${context.index}: ${error.message}`;
        }
      }
      index += n;
      if (limiter) appender.flush();
      await appender.whenRoom();
      await yieldToEventLoop();
    }
    if (job.cancelRequested || appender.fatal) appender.discardPending();
    await appender.drain();
    if (appender.fatal) job.finish('failed', stoppedBy(job, appender, topic));
    else if (job.cancelRequested) job.finish('cancelled', `cancelled: ${appender.sent.toLocaleString('en-US')} of ${count.toLocaleString('en-US')} records were stored`);
    else job.finish('done', renderError ?? appender.lastError?.message ?? null);
  } catch (error) {
    appender.discardPending();
    await appender.drain().catch(() => {});
    job.finish('failed', `the bulk job failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
