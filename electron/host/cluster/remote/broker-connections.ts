/**
 * Connections to a remote cluster's brokers for the requests the host sends itself (Metadata,
 * ListOffsets, Fetch, Produce, DescribeGroups, CreateTopics): the Kafka client's connection pool
 * (it does TLS and SASL), the cluster's protocol versions (from its ApiVersions answer, so each of
 * this console's own requests goes at a version the cluster takes: kafka-request.ts), the
 * cluster's metadata asked of any bootstrap broker, and a connection to a given node. Topic
 * metadata is kept until a request finds it stale (`onLeader` refreshes it and tries once more),
 * so reads go to each partition's leader without asking for metadata every time.
 */
import { ConnectionPool, ProtocolError, type BaseOptions, type Broker, type Connection } from '@platformatic/kafka';
import { ZERO_UUID, type MetadataRequest, type MetadataResponse, type MetadataResponseTopic } from '../../../../broker-core/src/protocol/index';
import { clientFailure } from './client-errors';
import { ask, kafkaError, negotiatedVersion, OWN_APIS, type ApiVersionTable, type OwnApi } from './kafka-request';
import { askApiVersions } from './api-versions-request';
import { tableOf } from './diagnosis-api-versions';

export type { MetadataResponse, MetadataResponseTopic };

/** Metadata v4 brought allow_auto_topic_creation: before it, naming a topic may create it. */
const METADATA_AUTO_CREATE_FLAG = 4;

const STALE_METADATA = new Set(['NOT_LEADER_OR_FOLLOWER', 'UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE', 'FENCED_LEADER_EPOCH', 'UNKNOWN_LEADER_EPOCH']);
const UNKNOWN_TOPIC = 3;

export function isStaleMetadata(error: unknown): boolean {
  const failure = clientFailure(error);
  return failure.kind === 'kafka' && STALE_METADATA.has(failure.name);
}

export class BrokerConnections {
  readonly pool: ConnectionPool;
  private readonly bootstrap: Broker[];
  private brokers = new Map<number, Broker>();
  private readonly topics = new Map<string, MetadataResponseTopic>();
  /** The cluster's ApiVersions answer (its bootstrap broker's); set at connect (remote-cluster.ts), before any request of ours. */
  versions: ApiVersionTable = new Map();
  /** Each connection's broker's versions: brokers of one cluster may differ (a rolling upgrade), so each is asked once. */
  private readonly connectionVersions = new WeakMap<Connection, Promise<ApiVersionTable>>();

  constructor(options: BaseOptions) {
    this.pool = new ConnectionPool(options.clientId, {
      connectTimeout: options.connectTimeout,
      requestTimeout: options.requestTimeout,
      tls: options.tls,
      tlsServerName: options.tlsServerName,
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

  /** What `connection`'s broker takes, asked of it the first time (ApiVersions). */
  versionsOf(connection: Connection): Promise<ApiVersionTable> {
    let versions = this.connectionVersions.get(connection);
    if (!versions) {
      versions = askApiVersions(connection).then(tableOf);
      this.connectionVersions.set(connection, versions);
      versions.catch(() => this.connectionVersions.delete(connection));
    }
    return versions;
  }

  /** Notes what `connection`'s broker takes, already asked (at connect). */
  knowVersions(connection: Connection, versions: ApiVersionTable): void {
    this.connectionVersions.set(connection, Promise.resolve(versions));
  }

  /** The version to send one of this console's own requests at, on `connection`. */
  async versionOn<Req, Res>(connection: Connection, api: OwnApi<Req, Res>): Promise<number> {
    return negotiatedVersion(await this.versionsOf(connection), api);
  }

  /**
   * Metadata of `topics` (null: every topic; []: none, only the brokers), with per-topic and
   * per-partition error codes as the cluster gave them. Never creates a topic: before Metadata v4
   * a broker that auto-creates topics would create one that is named, so there every topic is
   * asked for and the named ones picked out.
   */
  async metadata(topics: string[] | null): Promise<MetadataResponse> {
    const connection = await this.any();
    const version = await this.versionOn(connection, OWN_APIS.metadata);
    const pickOut = topics !== null && topics.length > 0 && version < METADATA_AUTO_CREATE_FLAG;
    const request: MetadataRequest = {
      topics: topics === null || pickOut ? null : topics.map((name) => ({ topicId: ZERO_UUID, name })),
      allowAutoTopicCreation: false,
      includeClusterAuthorizedOperations: false,
      includeTopicAuthorizedOperations: false,
    };
    let response = await ask(connection, OWN_APIS.metadata, version, request);
    if (pickOut) {
      const byName = new Map(response.topics.map((topic) => [topic.name, topic]));
      const unknown = (name: string): MetadataResponseTopic => ({ errorCode: UNKNOWN_TOPIC, name, topicId: ZERO_UUID, isInternal: false, partitions: [], topicAuthorizedOperations: -2147483648 });
      response = { ...response, topics: [...new Set(topics)].map((name) => byName.get(name) ?? unknown(name)) };
    }
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
    if (topic.errorCode !== 0) throw kafkaError(topic.errorCode, `metadata of topic "${name}"`);
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
