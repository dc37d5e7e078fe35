/**
 * `produce.send`: a few records now. Each is encoded (a field that cannot be is that record's
 * error), partitioned (the service's chooser per topic, so round-robin goes on across sends),
 * checked against the topic's partitions, and appended through a BatchAppender (one batch per
 * partition, cut below max.message.bytes); a batch refused as too large is retried one record at
 * a time, so a record over the limit fails alone and the others are stored. Every record gets an
 * outcome: its partition and offset (null for acks=0: not known to such a producer), or why it
 * was not stored.
 */
import type { CompressionCodec } from '../../../broker-core/src/records/index';
import type { ProduceSettings, ProducedRecord, SendOutcome } from '../../contract';
import type { RecordSink, TopicLayout } from '../cluster/record-sink';
import { BatchAppender } from './batch-appender';
import { encodeRecord } from './encoded-record';
import { FieldEncodingError } from './field-encoding';
import { checkPartition, PartitionChoiceError, type PartitionChooser } from './partitioner';

export async function sendRecords(sink: RecordSink, topic: string, layout: TopicLayout, records: readonly ProducedRecord[], settings: ProduceSettings, chooser: PartitionChooser): Promise<SendOutcome[]> {
  const outcomes: SendOutcome[] = records.map(() => ({ partition: null, offset: null, error: null }));
  const appender = new BatchAppender<number>({
    sink,
    topic,
    acks: settings.acks,
    codec: settings.compression as CompressionCodec,
    maxBatchBytes: layout.maxBatchBytes,
    onBatch({ partition, tags, baseOffset, error }) {
      tags.forEach((index, i) => {
        outcomes[index] = { partition, offset: baseOffset === null || settings.acks === 0 ? null : baseOffset + i, error: error ? `not stored: ${error.message}` : null };
      });
    },
  });
  records.forEach((record, index) => {
    try {
      const encoded = encodeRecord(record);
      const partition = chooser.choose(encoded.key, encoded.partition, layout.partitions);
      outcomes[index].partition = partition;
      checkPartition(topic, partition, layout.partitions);
      appender.add(partition, encoded, index);
    } catch (error) {
      if (!(error instanceof FieldEncodingError) && !(error instanceof PartitionChoiceError)) throw error;
      outcomes[index] = { partition: outcomes[index].partition, offset: null, error: `not sent: ${error.message}` };
    }
  });
  await appender.drain();
  return outcomes;
}
