/**
 * The one place push events enter the store. Started once at start-up: subscribes to every
 * contract event the UI shows and to the host link, and (re)loads the full state whenever the
 * link comes up, since events missed while it was down are not replayed.
 */
import type { HostApi, HostLinkState } from '../api/host-api';
import { selectShowsRemoteCluster } from '../store/clusters';
import type { AppStore } from '../store/create-app-store';

export function startEventHub(api: HostApi, store: AppStore): () => void {
  const actions = () => store.getState();
  const reload = () => {
    void actions().loadBrokerStatus();
    void actions().loadSettings();
    void actions().loadClusters();
    if (selectShowsRemoteCluster(actions())) void actions().describeCluster();
    void actions().loadConnections();
    void actions().loadTopics();
    actions().reloadOpenTopic();
    void actions().loadGroups();
    actions().reloadOpenGroup();
    actions().reloadMessages();
    actions().reloadProduce();
    void actions().loadDeadLetterTopics();
    actions().reloadDeadLetters();
  };
  const onLink = (link: HostLinkState) => {
    actions().receiveHostLink(link);
    if (link.status === 'connected') reload();
  };

  const unsubscribes = [
    api.contract.on('broker.status', (status) => actions().receiveBrokerStatus(status)),
    api.contract.on('settings.changed', (settings) => actions().receiveSettings(settings)),
    api.contract.on('clusters.list', (list) => actions().receiveClusterList(list)),
    api.contract.on('clusters.state', (state) => actions().receiveClusterState(state)),
    api.contract.on('broker.connections', (connections) => actions().receiveConnections(connections)),
    api.contract.on('topics.list', (list) => actions().receiveTopicList(list)),
    api.contract.on('topics.changed', (changed) => actions().receiveTopicChanges(changed)),
    api.contract.on('groups.list', (list) => actions().receiveGroupList(list)),
    api.contract.on('groups.changed', (changed) => actions().receiveGroupChanges(changed)),
    api.contract.on('groups.lagSamples', (samples) => actions().receiveLagSamples(samples)),
    api.contract.on('dlq.topics', (topics) => actions().receiveDeadLetterTopics(topics)),
    api.link.onChange(onLink),
  ];
  onLink(api.link.current());

  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
