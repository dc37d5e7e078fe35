import { useAppStore } from '../../store/use-app-store';
import { selectBrokerState } from '../../store/broker';
import { selectShowsRemoteCluster } from '../../store/clusters';
import { selectHostLinkStatus } from '../../store/host-link';

/**
 * Why topics cannot be shown or changed right now (host unreachable, the embedded broker not
 * running); nothing otherwise. A remote cluster's connection is the cluster banner's business.
 */
export function BrokerNotice() {
  const link = useAppStore(selectHostLinkStatus);
  const state = useAppStore(selectBrokerState);
  const remote = useAppStore(selectShowsRemoteCluster);
  if (remote || link !== 'connected' || state === 'running' || state === null) return null;
  const text =
    state === 'starting'
      ? 'The broker is starting; its topics appear in a moment.'
      : `The broker is ${state === 'failed' ? 'not running (it failed to start, see the Broker view)' : 'stopped'}: topics cannot be read or changed.`;
  return (
    <div className="panel panel--placeholder" data-testid="topics-broker-notice">
      {text}
    </div>
  );
}
