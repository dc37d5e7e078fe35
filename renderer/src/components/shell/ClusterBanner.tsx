/**
 * Says when the cluster shown is not connected: reconnecting ("Lost the connection to staging;
 * reconnecting in 4 s (attempt 2)", counting down, with the problem) or failed ("Could not connect
 * to staging: …", with Retry, which opens it again, and Back to the local broker). An open the
 * host refused outright (the cluster shown did not change) is said too, until dismissed.
 */
import { EMBEDDED_CLUSTER_ID } from '../../../../electron/contract';
import { useNow } from '../../hooks/use-now';
import { selectActiveCluster, selectClusterCurrent, selectClusterOpenError, selectClusterOpening } from '../../store/clusters';
import { useAppStore } from '../../store/use-app-store';
import { useClustersActions } from '../clusters/use-clusters-actions';

export function ClusterBanner() {
  const current = useAppStore(selectClusterCurrent);
  const active = useAppStore(selectActiveCluster);
  const opening = useAppStore(selectClusterOpening);
  const openError = useAppStore(selectClusterOpenError);
  const { openCluster, dismissClusterOpenError } = useClustersActions();
  const reconnecting = current?.state === 'reconnecting';
  const now = useNow(250, reconnecting);
  if (!current || (current.state !== 'reconnecting' && current.state !== 'failed')) {
    if (!openError) return null;
    return (
      <div className="cluster-banner cluster-banner--failed" role="alert" data-testid="cluster-open-error">
        <span className="cluster-banner__title">{openError}</span>
        <span className="cluster-banner__actions">
          <button type="button" className="button button--small button--quiet" onClick={dismissClusterOpenError}>
            Dismiss
          </button>
        </span>
      </div>
    );
  }
  const name = active?.name ?? current.activeId;

  if (current.state === 'reconnecting') {
    const seconds = current.nextAttemptAt === null ? null : Math.max(0, Math.ceil((current.nextAttemptAt - now) / 1000));
    return (
      <div className="cluster-banner cluster-banner--reconnecting" role="status" data-testid="cluster-banner" data-state="reconnecting">
        <span className="cluster-banner__title">
          Lost the connection to {name}; {seconds === null || seconds === 0 ? 'reconnecting now' : `reconnecting in ${seconds} s`} (attempt {current.attempt})
        </span>
        {current.problem && <span className="cluster-banner__detail">{current.problem}</span>}
      </div>
    );
  }
  return (
    <div className="cluster-banner cluster-banner--failed" role="alert" data-testid="cluster-banner" data-state="failed">
      <span className="cluster-banner__title">
        Could not connect to {name}
        {current.problem ? `: ${current.problem}` : ''}
      </span>
      <span className="cluster-banner__actions">
        <button type="button" className="button button--small" disabled={opening !== null} onClick={() => void openCluster(current.activeId)} data-testid="cluster-banner-retry">
          {opening === current.activeId ? 'Retrying…' : 'Retry'}
        </button>
        {current.activeId !== EMBEDDED_CLUSTER_ID && (
          <button type="button" className="button button--small button--quiet" disabled={opening !== null} onClick={() => void openCluster(EMBEDDED_CLUSTER_ID)} data-testid="cluster-banner-local">
            Back to the local broker
          </button>
        )}
      </span>
    </div>
  );
}
