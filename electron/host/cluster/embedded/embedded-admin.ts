/**
 * The embedded broker's ClusterAdmin (cluster-admin.ts), answered in process: the cluster is this
 * one broker (its node id, the advertised endpoint of its main listener, its cluster id; it is its
 * own controller), its topics from its logs (embedded-topic-admin.ts) and its consumer groups from
 * its group coordinator (embedded-group-admin.ts).
 */
import type { Broker } from '../../../../broker-core/src/index';
import type { ClusterAdmin, ClusterDescription } from '../cluster-admin';
import { embeddedGroupAdmin } from './embedded-group-admin';
import { embeddedTopicAdmin } from './embedded-topic-admin';

/** What Metadata tells a client of the main listener (the one `broker.port` is): host and port. */
function advertisedEndpoint(broker: Broker): { host: string; port: number } {
  const main = broker.endpoints.find((endpoint) => endpoint.port === broker.port);
  return main ? { host: main.advertisedHost, port: main.advertisedPort } : { host: broker.advertisedHost, port: broker.port };
}

export function describeEmbeddedCluster(broker: Broker): ClusterDescription {
  const { host, port } = advertisedEndpoint(broker);
  return { clusterId: broker.clusterId, controllerId: broker.nodeId, brokers: [{ nodeId: broker.nodeId, host, port, rack: null }] };
}

export function embeddedAdmin(broker: Broker): ClusterAdmin {
  return {
    describeCluster: async () => describeEmbeddedCluster(broker),
    ...embeddedTopicAdmin(broker.logs, broker.nodeId),
    ...embeddedGroupAdmin(broker.groups),
  };
}
