import { useAppStore } from '../../store/use-app-store';
import { selectBrokerState, selectBrokerStatusError, selectHasBrokerStatus } from '../../store/broker';
import { selectHostLinkStatus } from '../../store/host-link';
import { selectShowsRemoteCluster } from '../../store/clusters';
import { BrokerControls } from './BrokerControls';
import { BrokerDetails } from './BrokerDetails';
import { BrokerErrorPanel } from './BrokerErrorPanel';
import { BrokerOverview } from './BrokerOverview';
import { BrokerStateBadge } from './BrokerStateBadge';
import { ConnectionsTable } from './ConnectionsTable';
import { RemoteClusterView } from './RemoteClusterView';

/**
 * The Broker view: what is running, where, for how long, and who is connected; stop, start and
 * restart it. For a remote cluster it shows that cluster instead (RemoteClusterView).
 */
export function BrokerView() {
  const remote = useAppStore(selectShowsRemoteCluster);
  return remote ? <RemoteClusterView /> : <EmbeddedBrokerView />;
}

function EmbeddedBrokerView() {
  const state = useAppStore(selectBrokerState);
  const hasStatus = useAppStore(selectHasBrokerStatus);
  const loadError = useAppStore(selectBrokerStatusError);
  const link = useAppStore(selectHostLinkStatus);

  return (
    <section
      className={link === 'connected' ? 'view' : 'view view--stale'}
      data-testid="broker-view"
      aria-labelledby="broker-view-title"
      title={link === 'connected' ? undefined : 'Last known state: not connected to the Eddy host'}
    >
      <header className="view__header">
        <div>
          <h1 className="view__title" id="broker-view-title">
            Broker
          </h1>
          <p className="view__subtitle">The Kafka-compatible broker running on this machine.</p>
        </div>
        <BrokerStateBadge state={state} />
      </header>

      {!hasStatus ? (
        <div className="panel panel--placeholder" data-testid="broker-loading">
          {placeholderText(link, loadError)}
        </div>
      ) : (
        <>
          <BrokerControls />
          <BrokerErrorPanel />
          <BrokerOverview />
          <BrokerDetails />
          <ConnectionsTable />
        </>
      )}
    </section>
  );
}

function placeholderText(link: string, loadError: string | null): string {
  if (link !== 'connected') return 'The broker’s status appears once the console is connected to the Eddy host.';
  if (loadError) return `Could not read the broker’s status: ${loadError}`;
  return 'Reading the broker’s status…';
}
