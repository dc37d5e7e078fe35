/**
 * A remote Kafka cluster as "a cluster" (cluster.ts): its records (remote-records.ts), a sink
 * producing to it (remote-sink.ts) and its admin operations (remote-admin.ts), by requests this
 * console writes itself at each broker's own protocol versions (kafka-request.ts), over the
 * @platformatic/kafka client's connection pool (TLS and SASL).
 * Connecting asks the cluster's protocol versions (version-check.ts) and its metadata, so a wrong
 * address, certificate or password, or a cluster too old to browse, fails here with a
 * ClusterError that says which. No `local`: what only an embedded broker knows is not made up
 * for a remote one.
 */
import { BrokerConnections } from './broker-connections';
import { toClusterError } from './client-errors';
import { clientOptions, DEFAULT_REQUEST_TIMEOUT_MS } from './client-options';
import { remoteClusterAdmin } from './remote-admin';
import { remoteRecordSource } from './remote-records';
import { remoteRecordSink } from './remote-sink';
import { checkProtocolVersions } from './version-check';
import { unavailableFeatures } from './feature-support';
import { ClusterError } from '../cluster-admin';
import type { Cluster } from '../cluster';
import { usesSasl, usesTls, type RemoteConnection } from './remote-connection';

/**
 * A TLS server that requires a client certificate closes the connection of a client without one,
 * and the Kafka client sees only the close: say what that most likely means (Test connection's
 * TLS step tells for sure).
 */
function withMutualTlsHint(error: ClusterError, connection: RemoteConnection): ClusterError {
  if (!usesTls(connection.securityProtocol) || connection.tls?.cert || !/was closed/.test(error.message)) return error;
  return new ClusterError(error.code, `${error.message}. If the cluster requires a client certificate (mutual TLS), add the certificate and its key to the connection; Test connection says for sure.`, { cause: error });
}

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
    const bootstrap = await brokers.any();
    const verdict = await checkProtocolVersions(bootstrap, { sasl: usesSasl(connection.securityProtocol) });
    brokers.versions = verdict.table;
    brokers.knowVersions(bootstrap, verdict.table);
    await brokers.metadata([]);
  } catch (error) {
    await brokers.close().catch(() => undefined);
    throw withMutualTlsHint(toClusterError(error, `connecting to ${connection.bootstrapServers.join(', ')}`), connection);
  }
  const requestTimeoutMs = connection.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const produced = remoteRecordSink(brokers, requestTimeoutMs);
  let closing: Promise<void> | null = null;
  return {
    kind: 'remote',
    unavailable: unavailableFeatures(brokers.versions),
    records: remoteRecordSource(brokers),
    sink: produced.sink,
    admin: remoteClusterAdmin(brokers, requestTimeoutMs),
    close() {
      closing ??= Promise.allSettled([produced.close(), brokers.close()]).then(() => undefined);
      return closing;
    },
  };
}
