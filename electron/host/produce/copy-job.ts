/**
 * Copy to topic: chosen records (partition, offset) of one topic sent to another, each with its
 * key, value, headers and timestamp kept. The records are read through the cluster's
 * RecordSource (the way the messages views read) and decoded with broker-core's
 * `readStoredRecords`; the destination's partitioner decides where each goes (`explicit`: the
 * partition it came from). Sent through one BatchAppender, so counts are exact.
 *
 * A chosen record that is no longer there (retention, deleted records, past the end) is counted
 * as failed and named in the job's summary; the source topic deleted meanwhile, or the
 * destination deleted, fails the job with what was stored. A cancel is seen between reads.
 */
import { readStoredRecords, type CompressionCodec } from '../../../broker-core/src/records/index';
import type { ProduceSettings } from '../../contract';
import { RecordSourceError, type RecordSource } from '../cluster/record-source';
import type { RecordSink, TopicLayout } from '../cluster/record-sink';
import { BatchAppender } from './batch-appender';
import { stoppedBy } from './bulk-job';
import { checkPartition, createPartitionChooser, PartitionChoiceError } from './partitioner';
import type { ProduceJob } from './produce-job';

const READ_BYTES = 1024 * 1024;
const MAX_NAMED_MISSING = 20;

export interface CopyPlan {
  source: RecordSource;
  sink: RecordSink;
  from: { topic: string; records: ReadonlyArray<{ partition: number; offset: number }> };
  to: { topic: string; settings: ProduceSettings; layout: TopicLayout };
}

/** The chosen offsets by partition, each list ascending and without repeats. */
export function offsetsByPartition(records: ReadonlyArray<{ partition: number; offset: number }>): Map<number, number[]> {
  const byPartition = new Map<number, Set<number>>();
  for (const { partition, offset } of records) {
    let set = byPartition.get(partition);
    if (!set) byPartition.set(partition, (set = new Set()));
    set.add(offset);
  }
  return new Map([...byPartition].sort(([a], [b]) => a - b).map(([partition, set]) => [partition, [...set].sort((a, b) => a - b)]));
}

export async function runCopy(job: ProduceJob, plan: CopyPlan): Promise<void> {
  const { source, sink, from, to } = plan;
  const appender = new BatchAppender<unknown>({ sink, topic: to.topic, acks: to.settings.acks, codec: to.settings.compression as CompressionCodec, maxBatchBytes: to.layout.maxBatchBytes });
  job.appender = appender;
  const chooser = createPartitionChooser(to.settings.partitioner);
  const missing: string[] = [];
  const refusals: string[] = [];
  const stop = () => job.cancelRequested || appender.fatal !== null;
  let missingCount = 0;
  const miss = (partition: number, offset: number) => {
    job.refusedBefore++;
    missingCount++;
    if (missing.length < MAX_NAMED_MISSING) missing.push(`${from.topic}-${partition}@${offset}`);
  };
  try {
    for (const [partition, offsets] of offsetsByPartition(from.records)) {
      let next = 0;
      while (next < offsets.length && !stop()) {
        let read;
        try {
          const fetched = await source.fetch(from.topic, partition, offsets[next], READ_BYTES);
          read = readStoredRecords(fetched.batches, { fromOffset: offsets[next] });
        } catch (error) {
          if (error instanceof RecordSourceError && error.code === 'OFFSET_OUT_OF_RANGE') {
            miss(partition, offsets[next++]);
            continue;
          }
          throw error;
        }
        if (read.records.length === 0) {
          // Nothing at or after it: every offset left in this partition is past the end.
          while (next < offsets.length) miss(partition, offsets[next++]);
          break;
        }
        for (const record of read.records) {
          while (next < offsets.length && offsets[next] < record.offset) miss(partition, offsets[next++]);
          if (next >= offsets.length) break;
          if (offsets[next] !== record.offset) continue;
          next++;
          const copy = { key: record.key, value: record.value, headers: record.headers, timestamp: record.timestamp };
          try {
            const target = chooser.choose(copy.key, partition, to.layout.partitions);
            checkPartition(to.topic, target, to.layout.partitions);
            appender.add(target, copy);
          } catch (error) {
            if (!(error instanceof PartitionChoiceError)) throw error;
            job.refusedBefore++;
            if (refusals.length === 0) refusals.push(`${from.topic}-${partition}@${record.offset}: ${error.message}`);
          }
        }
        await appender.whenRoom();
      }
    }
    if (job.cancelRequested || appender.fatal) appender.discardPending();
    await appender.drain();
    const notes = [
      ...(missing.length > 0 ? [`${missingCount} chosen record${missingCount === 1 ? ' is' : 's are'} no longer there (retention, deleted records, or past the end): ${missing.join(', ')}${missingCount > missing.length ? ', …' : ''}`] : []),
      ...refusals,
      ...(appender.lastError ? [appender.lastError.message] : []),
    ];
    if (appender.fatal) job.finish('failed', stoppedBy(job, appender, to.topic));
    else if (job.cancelRequested) job.finish('cancelled', `cancelled: ${appender.sent.toLocaleString('en-US')} records were stored`);
    else job.finish('done', notes.length > 0 ? notes.join('; ') : null);
  } catch (error) {
    appender.discardPending();
    await appender.drain().catch(() => {});
    const stored = `${appender.sent.toLocaleString('en-US')} records were stored before it`;
    if (error instanceof RecordSourceError) job.finish('failed', `cannot read ${from.topic} any more (${error.message}): ${stored}`);
    else job.finish('failed', `the copy failed: ${error instanceof Error ? error.message : String(error)}: ${stored}`);
  }
}
