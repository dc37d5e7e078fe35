/**
 * Partitions' offset ranges (log start and high watermark) by ListOffsets, sent to each
 * partition's leader: one request for the earliest offsets and one for the latest per leader,
 * however many topics, so a topic list's record counts cost two requests a broker. Asked with
 * fresh metadata, and once more if a leader moved meanwhile.
 */
import { FetchIsolationLevels, listOffsetsV5, ProtocolError } from '@platformatic/kafka';
import { isStaleMetadata, type BrokerConnections, type MetadataResponseTopic } from './broker-connections';
import type { PartitionOffsets } from '../record-source';

const LATEST = -1n;
const EARLIEST = -2n;
/** ListOffsets' replica id for a consumer (not a follower). */
export const CONSUMER_REPLICA = -1;

type Wanted = Map<string, number[]>;

async function listOffsets(brokers: BrokerConnections, leader: number, wanted: Wanted, timestamp: bigint): Promise<Map<string, bigint>> {
  const request = [...wanted].map(([name, partitions]) => ({ name, partitions: partitions.map((partitionIndex) => ({ partitionIndex, currentLeaderEpoch: -1, timestamp })) }));
  const response = await listOffsetsV5.api.async(await brokers.node(leader), CONSUMER_REPLICA, FetchIsolationLevels.READ_UNCOMMITTED, request);
  const found = new Map<string, bigint>();
  for (const topic of response.topics) for (const partition of topic.partitions) found.set(`${topic.name}\u0000${partition.partitionIndex}`, partition.offset);
  return found;
}

async function rangesOnce(brokers: BrokerConnections, topics: readonly MetadataResponseTopic[]): Promise<Map<string, PartitionOffsets[]>> {
  const byLeader = new Map<number, Wanted>();
  for (const topic of topics) {
    for (const partition of topic.partitions) {
      if (partition.leaderId < 0) throw new ProtocolError('LEADER_NOT_AVAILABLE', `${topic.name}-${partition.partitionIndex} has no leader now`);
      const wanted = byLeader.get(partition.leaderId) ?? new Map<string, number[]>();
      wanted.set(topic.name!, [...(wanted.get(topic.name!) ?? []), partition.partitionIndex]);
      byLeader.set(partition.leaderId, wanted);
    }
  }
  const starts = new Map<string, bigint>();
  const ends = new Map<string, bigint>();
  await Promise.all(
    [...byLeader].map(async ([leader, wanted]) => {
      const [earliest, latest] = await Promise.all([listOffsets(brokers, leader, wanted, EARLIEST), listOffsets(brokers, leader, wanted, LATEST)]);
      for (const [key, offset] of earliest) starts.set(key, offset);
      for (const [key, offset] of latest) ends.set(key, offset);
    }),
  );
  const result = new Map<string, PartitionOffsets[]>();
  for (const topic of topics) {
    const ranges = [...topic.partitions]
      .sort((a, b) => a.partitionIndex - b.partitionIndex)
      .map(({ partitionIndex: partition }) => {
        const start = starts.get(`${topic.name}\u0000${partition}`);
        const end = ends.get(`${topic.name}\u0000${partition}`);
        if (start === undefined || end === undefined) throw new ProtocolError('UNKNOWN_SERVER_ERROR', `the leader of ${topic.name}-${partition} gave no offsets for it`);
        return { partition, logStartOffset: Number(start), highWatermark: Number(end) };
      });
    result.set(topic.name!, ranges);
  }
  return result;
}

/** The offset ranges of each of `topics` that exists (the others are left out). */
export async function offsetRanges(brokers: BrokerConnections, topics: readonly string[]): Promise<Map<string, PartitionOffsets[]>> {
  for (let attempt = 0; ; attempt++) {
    const metadata = await brokers.metadata([...new Set(topics)]);
    const existing = metadata.topics.filter((topic) => topic.errorCode === 0 && topic.name);
    try {
      return await rangesOnce(brokers, existing);
    } catch (error) {
      if (attempt === 0 && isStaleMetadata(error)) continue;
      throw error;
    }
  }
}
