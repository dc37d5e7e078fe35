/**
 * Which partition a produced record goes to, the way Kafka's clients decide it:
 * - `murmur2`: Kafka's key hash (murmur2.ts), so a keyed record lands where the Java client,
 *   librdkafka's `murmur2_random` and kafkajs put it; a null key goes to a random partition, as
 *   `murmur2_random` does;
 * - `round-robin`: 0, 1, 2, … over the partitions, continuing from where the chooser left off;
 * - `random`: uniformly at random;
 * - `explicit`: the record's own partition (one without is refused).
 * A chooser is per topic and per job (or per service, for single sends), so round-robin goes on
 * across calls. Whether the partition exists is the caller's check (`checkPartition`).
 */
import type { Partitioner } from '../../contract';
import { murmur2Partition } from './murmur2';

export class PartitionChoiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PartitionChoiceError';
  }
}

export interface PartitionChooser {
  choose(key: Uint8Array | null, explicit: number | undefined, partitionCount: number): number;
}

export function createPartitionChooser(kind: Partitioner, random: () => number = Math.random): PartitionChooser {
  switch (kind) {
    case 'murmur2':
      return { choose: (key, _explicit, count) => (key === null ? Math.floor(random() * count) : murmur2Partition(key, count)) };
    case 'round-robin': {
      let next = 0;
      return { choose: (_key, _explicit, count) => next++ % count };
    }
    case 'random':
      return { choose: (_key, _explicit, count) => Math.floor(random() * count) };
    case 'explicit':
      return {
        choose(_key, explicit) {
          if (explicit === undefined) throw new PartitionChoiceError('no partition given: the explicit partitioner sends each record to the partition it names');
          return explicit;
        },
      };
    default:
      throw new PartitionChoiceError(`unknown partitioner "${String(kind)}"`);
  }
}

/** Refuses a partition the topic does not have, in words. */
export function checkPartition(topic: string, partition: number, partitionCount: number): void {
  if (partition >= partitionCount) {
    throw new PartitionChoiceError(`partition ${partition} does not exist: topic "${topic}" has ${partitionCount} partition${partitionCount === 1 ? '' : 's'} (0 to ${partitionCount - 1})`);
  }
}
