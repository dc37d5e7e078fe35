/**
 * A read-only connection, enforced in the host: the cluster handed to the services refuses every
 * mutation (produce and replay through the sink; topic create, delete, partitions, configs and
 * record deletion; group offset changes and deletion) with `READ_ONLY` before anything reaches
 * the cluster, whatever the UI shows or a caller sends. Reads pass through untouched.
 *
 * Which admin methods mutate is spelled out per method (`ADMIN_METHODS`), so a method added to
 * ClusterAdmin does not compile until it is classified here.
 */
import type { Cluster } from './cluster';
import { ClusterError, type ClusterAdmin } from './cluster-admin';
import { RecordSinkError, type RecordSink } from './record-sink';

export const ADMIN_METHODS: Record<keyof ClusterAdmin, 'read' | 'mutate'> = {
  describeCluster: 'read',
  topicOffsets: 'read',
  topicOverrides: 'read',
  listTopics: 'read',
  describeTopic: 'read',
  createTopic: 'mutate',
  deleteTopic: 'mutate',
  createPartitions: 'mutate',
  describeTopicConfigs: 'read',
  alterTopicConfigs: 'mutate',
  deleteRecords: 'mutate',
  listGroups: 'read',
  describeGroup: 'read',
  groupOffsets: 'read',
  alterGroupOffsets: 'mutate',
  deleteGroup: 'mutate',
};

const WORDS: Record<keyof ClusterAdmin, string> = {
  describeCluster: 'describe the cluster',
  topicOffsets: 'read offsets',
  topicOverrides: 'describe configs',
  listTopics: 'list topics',
  describeTopic: 'describe a topic',
  createTopic: 'create a topic',
  deleteTopic: 'delete a topic',
  createPartitions: 'add partitions',
  describeTopicConfigs: 'describe configs',
  alterTopicConfigs: 'change a topic config',
  deleteRecords: 'delete records',
  listGroups: 'list groups',
  describeGroup: 'describe a group',
  groupOffsets: 'read offsets',
  alterGroupOffsets: "change a group's offsets",
  deleteGroup: 'delete a group',
};

export function readOnlyRefusal(name: string, what: string): string {
  return `"${name}" is a read-only connection, so it cannot ${what}; edit the connection and clear "Read-only" to allow changes`;
}

export function readOnlyCluster(cluster: Cluster, connectionName: string): Cluster {
  const admin = {} as Record<keyof ClusterAdmin, unknown>;
  for (const method of Object.keys(ADMIN_METHODS) as (keyof ClusterAdmin)[]) {
    admin[method] =
      ADMIN_METHODS[method] === 'read'
        ? (cluster.admin[method] as (...args: unknown[]) => unknown).bind(cluster.admin)
        : () => Promise.reject(new ClusterError('READ_ONLY', readOnlyRefusal(connectionName, WORDS[method])));
  }
  const sink: RecordSink = {
    topicLayout: (topic) => cluster.sink.topicLayout(topic),
    append: () => Promise.reject(new RecordSinkError('READ_ONLY', readOnlyRefusal(connectionName, 'produce records'))),
  };
  return {
    kind: cluster.kind,
    records: cluster.records,
    sink,
    admin: admin as unknown as ClusterAdmin,
    ...(cluster.local ? { local: cluster.local } : {}),
    ...(cluster.unavailable ? { unavailable: cluster.unavailable } : {}),
    ...(cluster.watch ? { watch: cluster.watch.bind(cluster) } : {}),
    close: () => cluster.close(),
  };
}
