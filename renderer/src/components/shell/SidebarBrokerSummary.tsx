import { useAppStore } from '../../store/use-app-store';
import { selectBrokerAddress, selectBrokerState, selectBrokerVersion } from '../../store/broker';
import { selectShowsRemoteCluster } from '../../store/clusters';
import { StateDot } from '../broker/StateDot';

/** The embedded broker at a glance, at the foot of the sidebar (named as such while a remote cluster is shown). */
export function SidebarBrokerSummary() {
  const state = useAppStore(selectBrokerState);
  const address = useAppStore(selectBrokerAddress);
  const version = useAppStore(selectBrokerVersion);
  const remote = useAppStore(selectShowsRemoteCluster);
  return (
    <div className="sidebar__footer">
      {remote && <div className="sidebar__summary-label">The local broker</div>}
      <div className="sidebar__summary">
        <StateDot state={state} />
        <span className="sidebar__summary-text">{address ?? (state === 'failed' ? 'Broker not running' : state === 'stopped' ? 'Broker stopped' : 'Broker starting…')}</span>
      </div>
      {version && <div className="sidebar__version">Eddy {version}</div>}
    </div>
  );
}
