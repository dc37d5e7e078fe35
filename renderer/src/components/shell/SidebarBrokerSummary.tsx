import { useAppStore } from '../../store/use-app-store';
import { selectBrokerAddress, selectBrokerState, selectBrokerVersion } from '../../store/broker';
import { StateDot } from '../broker/StateDot';

/** The broker at a glance, at the foot of the sidebar. */
export function SidebarBrokerSummary() {
  const state = useAppStore(selectBrokerState);
  const address = useAppStore(selectBrokerAddress);
  const version = useAppStore(selectBrokerVersion);
  return (
    <div className="sidebar__footer">
      <div className="sidebar__summary">
        <StateDot state={state} />
        <span className="sidebar__summary-text">{address ?? (state === 'failed' ? 'Broker not running' : state === 'stopped' ? 'Broker stopped' : 'Broker starting…')}</span>
      </div>
      {version && <div className="sidebar__version">Eddy {version}</div>}
    </div>
  );
}
