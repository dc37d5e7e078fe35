/**
 * Reads chosen records (partition, offset) of one topic through a RecordSource, in order per
 * partition, in fetches of ~1 MiB from the next chosen offset (decoded with the records layer's
 * `readStoredRecords`, as copy-job.ts does), yielding one step per fetch: the records found and
 * the chosen offsets that are no longer there (retention, deleted records, past the end). Keys,
 * values and header values are views into the fetched bytes: use them within the step.
 *
 * The topic deleted meanwhile is a RecordSourceError the caller sees; a partition the topic does
 * not have counts its offsets as missing.
 */
import { readStoredRecords, type StoredRecord } from '../../../broker-core/src/records/index';
import { RecordSourceError, type RecordSource } from '../cluster/record-source';

export const CHOSEN_READ_BYTES = 1024 * 1024;

export interface ChosenStep {
  partition: number;
  records: StoredRecord[];
  missing: number[];
}

/** The chosen offsets by partition, each list ascending and without repeats, partitions ascending. */
export function offsetsByPartition(records: Iterable<{ partition: number; offset: number }>): Map<number, number[]> {
  const byPartition = new Map<number, Set<number>>();
  for (const { partition, offset } of records) {
    let set = byPartition.get(partition);
    if (!set) byPartition.set(partition, (set = new Set()));
    set.add(offset);
  }
  return new Map([...byPartition].sort(([a], [b]) => a - b).map(([partition, set]) => [partition, [...set].sort((a, b) => a - b)]));
}

export async function* readChosen(source: RecordSource, topic: string, chosen: Map<number, number[]>, readBytes = CHOSEN_READ_BYTES): AsyncGenerator<ChosenStep> {
  for (const [partition, offsets] of chosen) {
    let next = 0;
    while (next < offsets.length) {
      const from = next;
      let read;
      try {
        const fetched = await source.fetch(topic, partition, offsets[next], readBytes);
        if (fetched.batches.length === 0) {
          // Nothing at or after it: every offset left in this partition is past the end.
          yield { partition, records: [], missing: offsets.slice(next) };
          break;
        }
        read = readStoredRecords(fetched.batches, { fromOffset: offsets[next] });
      } catch (error) {
        if (error instanceof RecordSourceError && error.code === 'OFFSET_OUT_OF_RANGE') {
          yield { partition, records: [], missing: [offsets[next++]] };
          continue;
        }
        if (error instanceof RecordSourceError && error.code === 'UNKNOWN_PARTITION') {
          yield { partition, records: [], missing: offsets.slice(next) };
          break;
        }
        throw error;
      }
      const step: ChosenStep = { partition, records: [], missing: [] };
      for (const record of read.records) {
        while (next < offsets.length && offsets[next] < record.offset) step.missing.push(offsets[next++]);
        if (next >= offsets.length) break;
        if (offsets[next] !== record.offset) continue;
        next++;
        step.records.push(record);
      }
      // Offsets the batches read covered without a record there (an unreadable batch, a gap) are not there.
      while (next < offsets.length && offsets[next] < read.nextOffset) step.missing.push(offsets[next++]);
      if (next === from) step.missing.push(offsets[next++]); // no progress: a safety stop
      yield step;
    }
  }
}
