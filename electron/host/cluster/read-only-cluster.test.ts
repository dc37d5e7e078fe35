/**
 * The read-only wrapper against a cluster that records every call it gets (a stand-in: what is
 * tested is that a mutation never reaches the cluster underneath, whichever cluster that is).
 */
import { describe, expect, it } from 'vitest';
import type { Cluster } from './cluster';
import { ClusterError, type ClusterAdmin } from './cluster-admin';
import { RecordSinkError } from './record-sink';
import { ADMIN_METHODS, readOnlyCluster } from './read-only-cluster';

function recordingCluster(calls: string[]): Cluster {
  const admin = new Proxy({} as ClusterAdmin, {
    get: (_target, method: string) => () => {
      calls.push(method);
      return Promise.resolve(`answer of ${method}`);
    },
  });
  return {
    kind: 'remote',
    admin,
    records: {
      partitionOffsets: async () => (calls.push('partitionOffsets'), []),
      offsetForTime: async () => (calls.push('offsetForTime'), null),
      fetch: async () => (calls.push('fetch'), { batches: Buffer.alloc(0), highWatermark: 0, logStartOffset: 0 }),
    },
    sink: {
      topicLayout: async () => (calls.push('topicLayout'), { partitions: 1, maxBatchBytes: 1000 }),
      append: async () => (calls.push('append'), { baseOffset: 0, recordCount: 1 }),
    },
    close: async () => void calls.push('close'),
  };
}

describe('readOnlyCluster', () => {
  const mutating = (Object.keys(ADMIN_METHODS) as (keyof ClusterAdmin)[]).filter((method) => ADMIN_METHODS[method] === 'mutate');
  const reading = (Object.keys(ADMIN_METHODS) as (keyof ClusterAdmin)[]).filter((method) => ADMIN_METHODS[method] === 'read');

  it('classifies every mutation Kafka has among the admin methods', () => {
    expect(mutating.sort()).toEqual(['alterGroupOffsets', 'alterTopicConfigs', 'createPartitions', 'createTopic', 'deleteGroup', 'deleteRecords', 'deleteTopic']);
  });

  it.each(mutating)('refuses %s with READ_ONLY, naming the connection, and never calls the cluster', async (method) => {
    const calls: string[] = [];
    const cluster = readOnlyCluster(recordingCluster(calls), 'prod-eu');
    const error = await (cluster.admin[method] as () => Promise<unknown>)().then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ClusterError);
    expect((error as ClusterError).code).toBe('READ_ONLY');
    expect((error as ClusterError).message).toContain('"prod-eu" is a read-only connection');
    expect(calls).toEqual([]);
  });

  it('refuses produce through the sink, and lets its layout be read', async () => {
    const calls: string[] = [];
    const cluster = readOnlyCluster(recordingCluster(calls), 'prod-eu');
    const error = await cluster.sink.append('t', 0, Buffer.alloc(61), -1).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(RecordSinkError);
    expect((error as RecordSinkError).code).toBe('READ_ONLY');
    expect(await cluster.sink.topicLayout('t')).toEqual({ partitions: 1, maxBatchBytes: 1000 });
    expect(calls).toEqual(['topicLayout']);
  });

  it('passes every read through with its answer', async () => {
    const calls: string[] = [];
    const cluster = readOnlyCluster(recordingCluster(calls), 'prod-eu');
    for (const method of reading) expect(await (cluster.admin[method] as () => Promise<unknown>)()).toBe(`answer of ${method}`);
    await cluster.records.fetch('t', 0, 0, 10);
    expect(calls).toEqual([...reading, 'fetch']);
    expect(cluster.kind).toBe('remote');
    expect(cluster.local).toBeUndefined();
  });
});
