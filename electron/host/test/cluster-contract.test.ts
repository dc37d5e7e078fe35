/**
 * The cluster contract (cluster-contract.ts) against each target:
 * - the embedded broker, in process;
 * - the remote cluster (@platformatic/kafka) against our broker over TCP.
 *
 * A third target the issue names, librdkafka's mock cluster with 3 brokers, cannot be reached by
 * the remote client: librdkafka 2.0.2's mock answers ApiVersions v3 with UNSUPPORTED_VERSION, and
 * @platformatic/kafka 1.x speaks only Kafka 3.5+ versions (README, "Remote clusters"). What is
 * tested against it is that the connection fails at once with words naming the versions, not
 * with a hang or a stack trace.
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

describe("librdkafka's mock cluster (3 brokers)", () => {
  let mock: MockCluster;
  beforeAll(async () => {
    mock = await startMockCluster(3);
  });
  afterAll(() => mock?.stop());

  it('is refused at connect, in words naming the protocol versions', async () => {
    const started = Date.now();
    const error = await connectRemoteCluster({ bootstrapServers: mock.bootstrap.split(','), clientId: 'contract-remote', securityProtocol: 'PLAINTEXT', requestTimeoutMs: 5000 }).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ClusterError);
    expect((error as ClusterError).code).toBe('UNSUPPORTED_VERSION');
    expect((error as ClusterError).message).toMatch(/ApiVersions/);
    expect((error as ClusterError).message).toMatch(/3\.5/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
