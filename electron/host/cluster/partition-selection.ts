/**
 * The partitions of a topic a view asked for (null: every one), with their offset ranges now,
 * in partition order, each once. A partition the topic does not have is refused naming it.
 */
import { RecordSourceError, type PartitionOffsets, type RecordSource } from './record-source';

export async function selectPartitions(source: RecordSource, topic: string, wanted: readonly number[] | null): Promise<PartitionOffsets[]> {
  const all = await source.partitionOffsets(topic);
  if (wanted === null) return all;
  const byPartition = new Map(all.map((range) => [range.partition, range]));
  const missing = wanted.filter((partition) => !byPartition.has(partition));
  if (missing.length > 0) throw new RecordSourceError('UNKNOWN_PARTITION', `topic "${topic}" has no partition ${missing.join(', ')} (it has ${all.length})`);
  return [...new Set(wanted)].sort((a, b) => a - b).map((partition) => byPartition.get(partition)!);
}
