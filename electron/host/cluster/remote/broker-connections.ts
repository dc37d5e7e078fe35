/**
 * Connections to a remote cluster's brokers for the requests the host sends itself (Metadata,
 * ListOffsets, Fetch, DescribeGroups, CreateTopics): the Kafka client's connection pool (it does
 * TLS and SASL), the cluster's metadata asked of any bootstrap broker, and a connection to a given
 * node. Topic metadata is kept until a request finds it stale (`onLeader` refreshes it and tries
 * once more), so reads go to each partition's leader without asking for metadata every time.
 */
import { ConnectionPool, metadataV12, ProtocolError, type BaseOptions, type Broker, type Connection } from '@platformatic/kafka';

export type MetadataResponse = metadataV12.MetadataResponse;
export type MetadataResponseTopic = metadataV12.MetadataResponseTopic;
import { clientFailure } from './client-errors';

const STALE_METADATA = new Set(['NOT_LEADER_OR_FOLLOWER', 'UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE', 'FENCED_LEADER_EPOCH', 'UNKNOWN_LEADER_EPOCH']);
const UNKNOWN_TOPIC = 3;

/** The response of a request whose answer carried errors: the client throws them with the response attached. */
export async function answerEvenWithErrors<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    const response = (error as { response?: unknown }).response;
    if (response !== undefined && response !== null) return response as T;
    throw error;
  }
}

export function isStaleMetadata(error: unknown): boolean {
  const failure = clientFailure(error);
  return failure.kind === 'kafka' && STALE_METADATA.has(failure.name);
}

export class BrokerConnections {
  readonly pool: ConnectionPool;
  private readonly bootstrap: Broker[];
  private brokers = new Map<number, Broker>();
  private readonly topics = new Map<string, MetadataResponseTopic>();

  constructor(options: BaseOptions) {
    this.pool = new ConnectionPool(options.clientId, {
      connectTimeout: options.connectTimeout,
      requestTimeout: options.requestTimeout,
      tls: options.tls,
      sasl: options.sasl,
    });
    this.bootstrap = options.bootstrapBrokers as Broker[];
  }

  async any(): Promise<Connection> {
    return this.pool.getFirstAvailable(this.bootstrap);
  }

  /** A connection to node `nodeId` (from the latest metadata; asked again if it is not there). */
  async node(nodeId: number): Promise<Connection> {
    if (!this.brokers.has(nodeId)) await this.metadata([]);
    const broker = this.brokers.get(nodeId);
    if (!broker) throw new ProtocolError('BROKER_NOT_AVAILABLE', `the cluster's metadata has no broker with node id ${nodeId}`);
    return this.pool.get(broker);
  }

  /** Metadata of `topics` (null: every topic), with per-topic and per-partition error codes as the cluster gave them. */
  async metadata(topics: string[] | null): Promise<MetadataResponse> {
    const response = await answerEvenWithErrors(metadataV12.api.async(await this.any(), topics, false, false));
    this.brokers = new Map(response.brokers.map((broker) => [broker.nodeId, { host: broker.host, port: broker.port }]));
    for (const topic of response.topics) {
      if (!topic.name) continue;
      if (topic.errorCode === UNKNOWN_TOPIC) this.topics.delete(topic.name);
      else if (topic.errorCode === 0) this.topics.set(topic.name, topic);
    }
    return response;
  }

  /** A topic's metadata (kept, or asked now when `fresh` or not known); null if the topic does not exist. */
  async topic(name: string, fresh = false): Promise<MetadataResponseTopic | null> {
    if (!fresh && this.topics.has(name)) return this.topics.get(name)!;
    const response = await this.metadata([name]);
    const topic = response.topics.find((candidate) => candidate.name === name);
    if (!topic || topic.errorCode === UNKNOWN_TOPIC) return null;
    if (topic.errorCode !== 0) throw new ProtocolError(topic.errorCode, `metadata of topic "${name}"`);
    return topic;
  }

  /**
   * Runs `request` on a connection to the leader of `topic`-`partition`; on stale metadata (the
   * leader moved, the partition is not known there yet) asks for metadata again and retries once.
   * `missing` says what to throw when the topic or partition does not exist.
   */
  async onLeader<T>(topic: string, partition: number, missing: (what: 'topic' | 'partition', count: number) => Error, request: (connection: Connection) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const metadata = await this.topic(topic, attempt > 0);
      if (!metadata) throw missing('topic', 0);
      const info = metadata.partitions.find((candidate) => candidate.partitionIndex === partition);
      if (!info) {
        if (attempt === 0) continue;
        throw missing('partition', metadata.partitions.length);
      }
      try {
        if (info.leaderId < 0) throw new ProtocolError('LEADER_NOT_AVAILABLE', `${topic}-${partition} has no leader now`);
        return await request(await this.node(info.leaderId));
      } catch (error) {
        if (attempt === 0 && isStaleMetadata(error)) continue;
        throw error;
      }
    }
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
