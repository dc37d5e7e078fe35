/**
 * Puts the host's services on one cluster at a time: the embedded broker while it runs and is
 * the open connection, or the open remote cluster. Moving them detaches every service from the
 * old cluster (cancelling its jobs and searches) before any is attached to the new one, and ends
 * the live tails, so nothing read from one cluster is shown under another's name.
 *
 * The embedded broker's start and stop arrive from the BrokerHost (`embeddedStarted`,
 * `embeddedStopping`); they move the services only while the embedded broker is the open
 * connection. What only the embedded broker has (its dead-letter sweeper, disk details) reaches
 * the services through the cluster's `local` part.
 */
import type { Broker } from '../../broker-core/src/broker-api';
import { EMBEDDED_CLUSTER_ID } from '../contract';
import type { Cluster } from './cluster/cluster';
import { embeddedCluster } from './cluster/embedded/embedded-cluster';
import type { DlqService } from './dlq/dlq-service';
import type { GroupsService } from './groups/groups-service';
import type { MessagesService } from './messages/messages-service';
import type { ProduceService } from './produce/produce-service';
import type { TailService } from './tail/tail-service';
import type { TopicsService } from './topics/topics-service';

export interface HostServices {
  topics: TopicsService;
  groups: GroupsService;
  messages: MessagesService;
  tails: TailService;
  produce: ProduceService;
  dlq: DlqService;
}

export interface ShownConnection {
  id: string;
  name: string;
  bootstrap: string | null;
}

export interface ClusterServices {
  /** The broker runs: its services are attached now if it is the open connection. */
  embeddedStarted(broker: Broker, bootstrap: () => string | null): void;
  /** The broker is about to stop: its services are detached first if they are on it. */
  embeddedStopping(): Promise<void>;
  /** The embedded broker's cluster while it runs. */
  embedded(): Cluster | null;
  /** Moves the services onto `cluster` (null: off every cluster) for `connection`. */
  show(cluster: Cluster | null, connection: ShownConnection): Promise<void>;
}

export function createClusterServices(services: HostServices, activeId: () => string): ClusterServices {
  let embedded: { broker: Broker; cluster: Cluster; bootstrap: () => string | null } | null = null;
  let shown: { cluster: Cluster; id: string } | null = null;
  let shownId = EMBEDDED_CLUSTER_ID;
  let queue: Promise<void> = Promise.resolve();

  const attach = (cluster: Cluster, bootstrap: () => string | null) => {
    services.topics.attach(cluster);
    services.groups.attach(cluster);
    services.messages.attach(cluster.records);
    services.tails.attach(cluster.records);
    services.produce.attach({ sink: cluster.sink, source: cluster.records, bootstrap });
    services.dlq.attach(cluster);
  };

  const detach = async () => {
    await services.dlq.detach();
    await services.produce.detach();
    services.tails.detach();
    services.messages.detach();
    services.groups.detach();
    services.topics.detach();
  };

  /** Runs moves one after another, so two quick switches never interleave. */
  const serially = (move: () => Promise<void>): Promise<void> => {
    const next = queue.then(move, move);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    embeddedStarted(broker, bootstrap) {
      embedded = { broker, cluster: embeddedCluster(broker), bootstrap };
      if (activeId() !== EMBEDDED_CLUSTER_ID || shown) return;
      shown = { cluster: embedded.cluster, id: EMBEDDED_CLUSTER_ID };
      shownId = EMBEDDED_CLUSTER_ID;
      attach(embedded.cluster, bootstrap);
    },
    async embeddedStopping() {
      const stopping = embedded;
      embedded = null;
      if (stopping && shown?.cluster === stopping.cluster) {
        shown = null;
        await detach();
      }
    },
    embedded: () => embedded?.cluster ?? null,
    show(cluster, connection) {
      return serially(async () => {
        if (shown?.cluster === cluster && shownId === connection.id) return;
        if (shown) {
          shown = null;
          await detach();
        }
        if (shownId !== connection.id) services.tails.stopAll(`the console opened the connection "${connection.name}"`);
        shownId = connection.id;
        if (!cluster) return;
        shown = { cluster, id: connection.id };
        attach(cluster, embedded && cluster === embedded.cluster ? embedded.bootstrap : () => connection.bootstrap);
      });
    },
  };
}
