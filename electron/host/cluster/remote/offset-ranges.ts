/**
 * Partitions' offset ranges (log start and high watermark) by ListOffsets, sent to each
 * partition's leader: one request for the earliest offsets and one for the latest per leader,
 * however many topics, so a topic list's record counts cost two requests a broker. Asked with
 * fresh metadata, and once more if a leader moved meanwhile.
 */
import { ProtocolError, type Connection } from '@platformatic/kafka';
import { isStaleMetadata, type BrokerConnections, type MetadataResponseTopic } from './broker-connections';
import { ask, kafkaError, OWN_APIS } from './kafka-request';
import type { PartitionOffsets } from '../record-source';

const LATEST = -1n;
const EARLIEST = -2n;
/** ListOffsets' replica id for a consumer (not a follower). */
const CONSUMER_REPLICA = -1;
const READ_UNCOMMITTED = 0;

type Wanted = Map<string, number[]>;

/**
 * ListOffsets of `wanted` partitions for `timestamp` (-1 latest, -2 earliest, else the first
 * offset at or after it) on `connection` (their leader), at the version the cluster takes: the
 * offset per partition (-1: none), or the partition's error thrown.
 */
export async function listOffsets(brokers: BrokerConnections, connection: Connection, wanted: Wanted, timestamp: bigint): Promise<Map<string, bigint>> {
  const version = await brokers.versionOn(connection, OWN_APIS.listOffsets);
  const topics = [...wanted].map(([name, partitions]) => ({ name, partitions: partitions.map((partitionIndex) => ({ partitionIndex, currentLeaderEpoch: -1, timestamp, maxNumOffsets: 1 })) }));
  const response = await ask(connection, OWN_APIS.listOffsets, version, { replicaId: CONSUMER_REPLICA, isolationLevel: READ_UNCOMMITTED, topics, timeoutMs: 0 });
  const found = new Map<string, bigint>();
  for (const topic of response.topics) {
    for (const partition of topic.partitions) {
      if (partition.errorCode !== 0) throw kafkaError(partition.errorCode, `offsets of ${topic.name}-${partition.partitionIndex}`);
      found.set(`${topic.name}\u0000${partition.partitionIndex}`, partition.offset);
    }
  }
  return found;
}

const offsetsAt = async (brokers: BrokerConnections, leader: number, wanted: Wanted, timestamp: bigint) => listOffsets(brokers, await brokers.node(leader), wanted, timestamp);

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
      const [earliest, latest] = await Promise.all([offsetsAt(brokers, leader, wanted, EARLIEST), offsetsAt(brokers, leader, wanted, LATEST)]);
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
