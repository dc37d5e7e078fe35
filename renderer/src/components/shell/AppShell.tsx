import { useAppStore } from '../../store/use-app-store';
import { selectActiveView } from '../../store/navigation';
import { selectActiveCluster, selectActiveClusterId } from '../../store/clusters';
import { BrokerView } from '../broker/BrokerView';
import { clusterColourStyle } from '../clusters/ClusterSwatch';
import { ConnectionsView } from '../clusters/ConnectionsView';
import { DeadLettersView } from '../dlq/DeadLettersView';
import { GroupsView } from '../groups/GroupsView';
import { MessagesView } from '../messages/MessagesView';
import { SettingsView } from '../settings/SettingsView';
import { TopicsView } from '../topics/TopicsView';
import { ClusterBanner } from './ClusterBanner';
import { HostLinkBanner } from './HostLinkBanner';
import { Sidebar } from './Sidebar';

/**
 * The window: navigation on the left, the current view on the right, under a stripe in the current
 * cluster's colour. The view is keyed by the cluster shown, so switching clusters mounts it afresh
 * (nothing a view holds for one cluster is shown under another's name).
 */
export function AppShell() {
  const view = useAppStore(selectActiveView);
  const clusterId = useAppStore(selectActiveClusterId);
  const cluster = useAppStore(selectActiveCluster);
  return (
    <div className="app-shell" data-testid="app-shell">
      <Sidebar />
      <main className="app-main" style={cluster ? clusterColourStyle(cluster.colour) : undefined} data-cluster-id={clusterId}>
        <HostLinkBanner />
        <ClusterBanner />
        <ClusterView key={clusterId} view={view} />
      </main>
    </div>
  );
}

function ClusterView({ view }: { view: ReturnType<typeof selectActiveView> }) {
  switch (view) {
    case 'connections':
      return <ConnectionsView />;
    case 'topics':
      return <TopicsView />;
    case 'groups':
      return <GroupsView />;
    case 'messages':
      return <MessagesView />;
    case 'dead-letters':
      return <DeadLettersView />;
    case 'settings':
      return <SettingsView />;
    default:
      return <BrokerView />;
  }
}
