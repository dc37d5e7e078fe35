/**
 * After a crash in the middle of a sweep: which source records did reach the DLQ? The intent
 * written before the appends names the DLQ partition and its high watermark then; the records
 * appended since that carry the intent's source (topic, partition, group) in their provenance
 * headers say which of them were moved. Only records that survived the crash are there (the log
 * recovery truncated a torn tail), so what is found was appended and what is not was not.
 */
import { readStoredRecords } from '../records/stored-record-reader';
import type { LogManager } from '../storage/log-manager';
import { DLQ_HEADER_GROUP, DLQ_HEADER_OFFSET, DLQ_HEADER_PARTITION, DLQ_HEADER_TOPIC } from './sweeper-api';
import { addRange, type OffsetRanges, type SweepIntent } from './sweeper-state';

const READ_BYTES = 4 * 1024 * 1024;

/** The source offsets of `intent` found in its DLQ partition after the intent's high watermark. */
export function recoveredRanges(logs: LogManager, intent: SweepIntent): OffsetRanges {
  let found: OffsetRanges = [];
  if (!logs.hasTopic(intent.dlqTopic) || intent.dlqPartition >= logs.describeTopic(intent.dlqTopic).partitions) return found;
  const wantedPartition = String(intent.partition);
  let offset = intent.dlqOffsetBefore;
  for (;;) {
    const read = logs.read(intent.dlqTopic, intent.dlqPartition, Math.max(offset, 0), READ_BYTES);
    if (read.records.length === 0) break;
    for (const record of readStoredRecords(read.records, { fromOffset: offset }).records) {
      const header = (key: string) => record.headers.find((candidate) => candidate.key === key)?.value?.toString('utf8');
      if (header(DLQ_HEADER_TOPIC) !== intent.topic || header(DLQ_HEADER_PARTITION) !== wantedPartition || header(DLQ_HEADER_GROUP) !== intent.group) continue;
      const sourceOffset = Number(header(DLQ_HEADER_OFFSET));
      if (Number.isSafeInteger(sourceOffset) && sourceOffset >= 0) found = addRange(found, sourceOffset, sourceOffset + 1);
    }
    if (read.nextOffset <= offset) break;
    offset = read.nextOffset;
  }
  return found;
}
