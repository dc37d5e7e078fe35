/**
 * The embedded broker's changes as the cluster's change feed (cluster.ts `watch`): its log
 * manager's events (topics created, deleted, grown, appended to, purged, reconfigured) and its
 * group coordinator's, delivered synchronously on the broker's event loop as each happens.
 */
import type { Broker } from '../../../../broker-core/src/index';
import type { ClusterChange } from '../cluster';

export function watchEmbedded(broker: Broker, listener: (change: ClusterChange) => void): () => void {
  const unsubscribeLogs = broker.logs.on((event) => {
    const what = event.type === 'topic-created' ? 'created' : event.type === 'topic-deleted' ? 'deleted' : event.type === 'partitions-created' ? 'partitions' : event.type === 'configs-changed' ? 'configs' : 'records';
    listener({ kind: 'topic', topic: event.topic, what });
  });
  const unsubscribeGroups = broker.groups.subscribe((event) => listener({ kind: 'group', groupId: event.groupId, deleted: event.type === 'group-deleted' }));
  return () => {
    unsubscribeLogs();
    unsubscribeGroups();
  };
}
