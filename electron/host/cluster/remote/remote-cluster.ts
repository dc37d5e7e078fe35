/**
 * A remote Kafka cluster as "a cluster" (cluster.ts), through the @platformatic/kafka client:
 * its records (remote-records.ts), a sink producing to it (remote-sink.ts) and its admin
 * operations (remote-admin.ts), over one connection pool for the requests the host sends itself
 * and the client's Admin and Producer. Connecting checks the cluster's protocol versions
 * (version-check.ts) and asks for its metadata, so a wrong address, certificate or password, or
 * a cluster too old, fails here with a ClusterError that says which. No `local`:
 * what only an embedded broker knows is not made up for a remote one.
 */
import { Admin } from '@platformatic/kafka';
import { BrokerConnections } from './broker-connections';
import { toClusterError } from './client-errors';
import { clientOptions, DEFAULT_REQUEST_TIMEOUT_MS } from './client-options';
import { remoteClusterAdmin } from './remote-admin';
import { remoteRecordSource } from './remote-records';
import { remoteRecordSink } from './remote-sink';
import { checkProtocolVersions } from './version-check';
import { ClusterError } from '../cluster-admin';
import type { Cluster } from '../cluster';
import { usesSasl, type RemoteConnection } from './remote-connection';

export async function connectRemoteCluster(connection: RemoteConnection): Promise<Cluster> {
  let options;
  try {
    options = clientOptions(connection);
  } catch (error) {
    throw new ClusterError('INVALID_REQUEST', error instanceof Error ? error.message : String(error), { cause: error });
  }
  if (options.bootstrapBrokers.length === 0) throw new ClusterError('INVALID_REQUEST', 'no bootstrap servers: enter at least one host:port');
  const brokers = new BrokerConnections(options);
  try {
    await checkProtocolVersions(await brokers.any(), { sasl: usesSasl(connection.securityProtocol) });
    await brokers.metadata([]);
  } catch (error) {
    await brokers.close().catch(() => undefined);
    throw toClusterError(error, `connecting to ${connection.bootstrapServers.join(', ')}`);
  }
  const admin = new Admin({ ...options, retries: 2, retryDelay: 250 });
  const produced = remoteRecordSink(options, admin, brokers);
  let closing: Promise<void> | null = null;
  return {
    kind: 'remote',
    records: remoteRecordSource(brokers),
    sink: produced.sink,
    admin: remoteClusterAdmin(admin, brokers, connection.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS),
    close() {
      closing ??= Promise.allSettled([produced.close(), admin.close(), brokers.close()]).then(() => undefined);
      return closing;
    },
  };
}
