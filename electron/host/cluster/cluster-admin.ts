/**
 * A cluster's metadata and admin operations, in Kafka's terms, the way the host's topic, group
 * and broker views use them: the embedded broker answers in process (embedded/), a remote
 * cluster with a Kafka client's Metadata, DescribeConfigs, CreateTopics, … (remote/).
 *
 * What only the embedded broker knows (bytes on disk, segments, append times, creation times)
 * is not here: it is the cluster's optional `local` part (cluster.ts), absent for a remote one.
 *
 * Failures are `ClusterError`s carrying Kafka's error name (`UNKNOWN_TOPIC_OR_PARTITION`,
 * `TOPIC_ALREADY_EXISTS`, `INVALID_CONFIG`, …) and the cluster's own message where it sent one,
 * so the UI shows what Kafka said; `READ_ONLY` for a mutation on a read-only connection, and
 * `UNAVAILABLE` when the cluster cannot be reached.
 */
import type { PartitionOffsets } from './record-source';

export interface ClusterBroker {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
}

export interface ClusterDescription {
  clusterId: string | null;
  controllerId: number | null;
  brokers: ClusterBroker[];
}

export interface TopicPartitionInfo {
  partition: number;
  /** Node id of the leader; -1 while it has none. */
  leader: number;
  replicas: number[];
  isr: number[];
}

export interface TopicInfo {
  name: string;
  /** Kafka's topic id (base64 UUID as Kafka prints it), or null if the cluster gave none. */
  topicId: string | null;
  internal: boolean;
  /** In partition order. */
  partitions: TopicPartitionInfo[];
}

export type ConfigSourceName = 'DYNAMIC_TOPIC_CONFIG' | 'DYNAMIC_BROKER_CONFIG' | 'DYNAMIC_DEFAULT_BROKER_CONFIG' | 'STATIC_BROKER_CONFIG' | 'DEFAULT_CONFIG' | 'UNKNOWN';

export interface ConfigEntryInfo {
  name: string;
  /** Null for a sensitive value the cluster does not reveal. */
  value: string | null;
  source: ConfigSourceName;
  readOnly: boolean;
  sensitive: boolean;
  /** Most specific first, the entry's own source included (as Kafka's DescribeConfigs gives them). */
  synonyms: { name: string; value: string | null; source: ConfigSourceName }[];
  /** Kafka's type name (BOOLEAN, STRING, INT, LONG, DOUBLE, LIST, CLASS, PASSWORD) or null. */
  type: string | null;
  documentation: string | null;
  /** The values allowed (enums, booleans, lists), where the cluster's implementation knows them; else null. */
  allowedValues: string[] | null;
  /** Numeric bounds (as strings: a LONG bound may exceed 2^53), where known; else null. */
  range: { min: string; max: string } | null;
  /** Whether the cluster acts on it: false for a config the embedded broker stores but ignores; true for Kafka. */
  enforced: boolean;
}

export type ConfigAlteration = { op: 'SET'; name: string; value: string } | { op: 'DELETE'; name: string };

export interface NewTopic {
  /** Absent or -1: the cluster's default (`num.partitions`). */
  partitions?: number;
  /** -1: the cluster's default. */
  replicationFactor?: number;
  configs?: Record<string, string>;
  validateOnly?: boolean;
}

export interface CreatedTopic {
  name: string;
  /** Null for validateOnly, or a cluster that does not say. */
  topicId: string | null;
  partitions: number;
}

export interface GroupListing {
  groupId: string;
  /** Kafka's state name: Stable, Empty, PreparingRebalance, CompletingRebalance, Dead, or Unknown. */
  state: string;
  /** "consumer" for consumers; "" for a group that only stores offsets. */
  protocolType: string;
}

export interface GroupMemberInfo {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  /** What the member was assigned (decoded from the consumer protocol), or empty if unknown. */
  assignment: { topic: string; partitions: number[] }[];
}

export interface GroupInfo extends GroupListing {
  /** The selected protocol (the assignor), or "" while none is. */
  protocol: string;
  members: GroupMemberInfo[];
  /** The group's generation, where the cluster's answer carries one (the embedded broker's); absent or null otherwise (DescribeGroups has none). */
  generationId?: number | null;
  /** Epoch ms of the group's last state change, where the cluster knows it (the embedded broker); absent or null otherwise. */
  stateChangedAt?: number | null;
}

export interface GroupOffset {
  topic: string;
  partition: number;
  offset: number;
  metadata: string | null;
  /** Epoch ms of the commit, where the cluster keeps it (the embedded broker); absent or null otherwise (OffsetFetch has none). */
  committedAt?: number | null;
}

export interface ClusterAdmin {
  describeCluster(): Promise<ClusterDescription>;
  /**
   * Each topic's partitions with their offset ranges, in as few requests as the cluster allows
   * (a topic list's record counts); a topic that does not exist is left out.
   */
  topicOffsets(topics: readonly string[]): Promise<Map<string, PartitionOffsets[]>>;
  /**
   * Each topic's overridden configs (DescribeConfigs' DYNAMIC_TOPIC_CONFIG values), for many topics
   * at once; a topic that does not exist is left out. Null when the cluster cannot say (it does
   * not offer DescribeConfigs to this console): unknown, not "none".
   */
  topicOverrides(topics: readonly string[]): Promise<Map<string, Record<string, string>> | null>;
  /** Every topic (internal ones included), sorted by name. */
  listTopics(): Promise<TopicInfo[]>;
  /** One topic; `UNKNOWN_TOPIC_OR_PARTITION` if it does not exist. */
  describeTopic(name: string): Promise<TopicInfo>;
  /** Creates it (or, validateOnly, checks that it could be); answers what it has (or would have). */
  createTopic(name: string, topic: NewTopic): Promise<CreatedTopic>;
  deleteTopic(name: string): Promise<void>;
  createPartitions(name: string, totalCount: number): Promise<void>;
  describeTopicConfigs(name: string): Promise<ConfigEntryInfo[]>;
  alterTopicConfigs(name: string, alterations: readonly ConfigAlteration[], options?: { validateOnly?: boolean }): Promise<void>;
  /** Moves each partition's log start up to `offset` (-1: the high watermark); returns the new log starts. */
  deleteRecords(topic: string, targets: readonly { partition: number; offset: number }[]): Promise<{ partition: number; logStartOffset: number }[]>;
  listGroups(): Promise<GroupListing[]>;
  /** `GROUP_ID_NOT_FOUND` for a group the cluster does not know. */
  describeGroup(groupId: string): Promise<GroupInfo>;
  /** The group's committed offsets, sorted by topic then partition. */
  groupOffsets(groupId: string): Promise<GroupOffset[]>;
  /** Sets committed offsets of a group with no active members (`NON_EMPTY_GROUP` otherwise). */
  alterGroupOffsets(groupId: string, offsets: readonly { topic: string; partition: number; offset: number }[]): Promise<void>;
  deleteGroup(groupId: string): Promise<void>;
}

export class ClusterError extends Error {
  constructor(
    /** Kafka's error name, or READ_ONLY / UNAVAILABLE / INVALID_REQUEST. */
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ClusterError';
  }
}
