/**
 * The cluster contract (cluster-contract.ts) against each target:
 * - the embedded broker, in process;
 * - the remote cluster against our broker over TCP;
 * - the remote cluster against librdkafka's mock cluster with 3 brokers, each partition led by
 *   another broker: an independent implementation of Kafka's protocol in C, at the versions of
 *   Kafka 2.x clients (Metadata up to v2, Fetch up to v11, Produce up to v7), so the console's own
 *   requests go at the versions it negotiates. The mock offers no administration (no CreateTopics,
 *   DescribeConfigs, ListGroups…), which the suite checks is refused in words, and cannot look
 *   offsets up by time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTempBroker } from '../../../broker-core/test/support/temp-broker';
import { startMockCluster, type MockCluster } from '../../../broker-core/test/support/mock-cluster';
import { embeddedCluster } from '../cluster/embedded/embedded-cluster';
import { connectRemoteCluster } from '../cluster/remote/remote-cluster';
import { ClusterError } from '../cluster/cluster-admin';
import { clusterContract } from './cluster-contract';

clusterContract({
  name: 'the embedded broker',
  async open() {
    const temp = await startTempBroker();
    return { cluster: embeddedCluster(temp.broker), bootstrap: temp.bootstrap, close: () => temp.stop() };
  },
});

clusterContract({
  name: 'a remote cluster: @platformatic/kafka against our broker over TCP',
  async open() {
    const temp = await startTempBroker();
    const cluster = await connectRemoteCluster({ bootstrapServers: [temp.bootstrap], clientId: 'contract-remote', securityProtocol: 'PLAINTEXT' });
    return {
      cluster,
      bootstrap: temp.bootstrap,
      async close() {
        await cluster.close();
        await temp.stop();
      },
    };
  },
});

describe('what a remote cluster does not have', () => {
  it('hides, rather than fakes, what only the embedded broker knows', async () => {
    const temp = await startTempBroker();
    const remote = await connectRemoteCluster({ bootstrapServers: [temp.bootstrap], clientId: 'contract-remote', securityProtocol: 'PLAINTEXT' });
    try {
      expect(remote.kind).toBe('remote');
      expect(remote.local).toBeUndefined();
      expect(remote.records.watch).toBeUndefined();
      const embedded = embeddedCluster(temp.broker);
      expect(embedded.kind).toBe('embedded');
      expect(embedded.local).toBeDefined();
    } finally {
      await remote.close();
      await temp.stop();
    }
  });
});

const MOCK_BROKERS = 3;
const LIST_OFFSETS = 2;

clusterContract({
  name: "a remote cluster: librdkafka's mock cluster, 3 brokers, leaders spread over them",
  brokers: MOCK_BROKERS,
  noAdmin: 'librdkafka 2.0.2 mock: no CreateTopics, DescribeConfigs, DeleteRecords, ListGroups, DescribeGroups; ApiVersions up to v2',
  noTimeLookup: 'librdkafka 2.0.2 mock: ListOffsets answers -1 for any timestamp but -1 and -2',
  async open() {
    const mock = await startMockCluster(MOCK_BROKERS);
    // The 2.0.2 mock writes ListOffsets v4 and v5 answers with the leader epoch twice (four bytes
    // too many; broker-core/test/support/mock-cluster.test.ts): it offers v0–v3 here, as Kafka 2.0 did.
    await mock.setApiVersions(LIST_OFFSETS, 0, 3);
    const cluster = await connectRemoteCluster({ bootstrapServers: mock.bootstrap.split(','), clientId: 'contract-remote', securityProtocol: 'PLAINTEXT', requestTimeoutMs: 5000 });
    return {
      cluster,
      bootstrap: mock.bootstrap,
      async makeTopic(name, partitions) {
        await mock.createTopic(name, partitions, MOCK_BROKERS);
        for (let partition = 0; partition < partitions; partition++) await mock.setLeader(name, partition, (partition % MOCK_BROKERS) + 1);
      },
      async close() {
        await cluster.close();
        mock.stop();
      },
    };
  },
});

describe("a cluster too old to browse (librdkafka's mock offering Fetch only up to v3, as Kafka 0.10 did)", () => {
  let mock: MockCluster;
  beforeAll(async () => {
    mock = await startMockCluster(1);
    await mock.setApiVersions(1, 0, 3);
  });
  afterAll(() => mock?.stop());

  it('is refused at connect, in words naming the API and the versions', async () => {
    const started = Date.now();
    const error = await connectRemoteCluster({ bootstrapServers: mock.bootstrap.split(','), clientId: 'contract-remote', securityProtocol: 'PLAINTEXT', requestTimeoutMs: 5000 }).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ClusterError);
    expect((error as ClusterError).code).toBe('UNSUPPORTED_VERSION');
    expect((error as ClusterError).message).toContain('the cluster offers Fetch v0–v3; this console needs v4 or later (Kafka 0.11 or later)');
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
