/**
 * "A cluster", the one seam between the host's services and Kafka: its records (record-source.ts),
 * where produced records go (record-sink.ts), and its metadata and admin operations
 * (cluster-admin.ts). Two implementations: the embedded broker, in process
 * (embedded/embedded-cluster.ts), and a remote cluster through a Kafka client
 * (remote/remote-cluster.ts); one contract suite (test/cluster-contract.ts) runs against both.
 *
 * What only the embedded broker knows is `local`: present for it, absent (not faked) for a remote
 * cluster, so a view shows "—" rather than a made-up number; its dead-letter sweeper too
 * (local-dead-letters.ts), so the sweeper's views say "unavailable" elsewhere.
 */
import type { ClusterFeature } from '../../contract';
import type { ClusterAdmin } from './cluster-admin';
import type { LocalDeadLetters } from './local-dead-letters';
import type { RecordSink } from './record-sink';
import type { RecordSource } from './record-source';

export interface LocalPartitionDetails {
  /** Bytes of segment files on disk. */
  bytes: number;
  segments: number;
  /** Broker append time of the newest batch; null if never written to. */
  lastAppendTime: number | null;
  /** Why the partition is offline (a failed fsync), or null. */
  offlineReason: string | null;
}

/** What only a broker running in this process knows. */
export interface LocalClusterDetails {
  partition(topic: string, partition: number): LocalPartitionDetails;
  /** Epoch ms the topic was created. */
  topicCreatedAt(topic: string): number;
  /** The broker's dead-letter sweeper (its status, a sweep now, its sweeps), where it has one. */
  deadLetters?: LocalDeadLetters;
}

/**
 * A change a cluster reports as it happens (the embedded broker's log and group events): a topic's
 * records, partitions or configs, or a group. A cluster without `watch` is polled instead.
 */
export type ClusterChange =
  | { kind: 'topic'; topic: string; what: 'created' | 'deleted' | 'partitions' | 'records' | 'configs' }
  | { kind: 'group'; groupId: string; deleted: boolean };

export interface ClusterFeatureLimit {
  feature: ClusterFeature;
  reason: string;
}

export interface Cluster {
  readonly kind: 'embedded' | 'remote';
  readonly records: RecordSource;
  readonly sink: RecordSink;
  readonly admin: ClusterAdmin;
  readonly local?: LocalClusterDetails;
  /** What this cluster cannot do for the console, with why (an older Kafka); absent or empty: everything. */
  readonly unavailable?: readonly ClusterFeatureLimit[];
  /**
   * Calls `listener` on every change until the returned function is called; listeners run on the
   * cluster's thread right after the change, so they must be quick and must not throw. Absent
   * for a cluster that cannot tell (a remote one): its readers poll.
   */
  watch?(listener: (change: ClusterChange) => void): () => void;
  /** Releases its connections (a remote cluster); the embedded broker's life is the host's. */
  close(): Promise<void>;
}
