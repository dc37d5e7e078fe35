/**
 * The Broker view of a remote cluster (`clusters.describe`): its id, controller, brokers (node id,
 * host:port, rack) and how many topics and partitions it has. The embedded broker's controls
 * (start, stop, port, data folder) are not about it, so they are not shown. Read when the view
 * opens, and again with Refresh.
 */
import { useEffect } from 'react';
import { formatCount } from '../../format/format-count';
import { selectActiveCluster, selectClusterCurrent, selectClusterOverview } from '../../store/clusters';
import { useAppStore } from '../../store/use-app-store';
import { CLUSTER_STATE_WORDS, ClusterStateDot } from '../clusters/ClusterStateDot';
import { useClustersActions } from '../clusters/use-clusters-actions';

export function RemoteClusterView() {
  const cluster = useAppStore(selectActiveCluster);
  const current = useAppStore(selectClusterCurrent);
  const state = useAppStore(selectClusterOverview);
  const { describeCluster } = useClustersActions();
  const connected = current?.state === 'connected';

  useEffect(() => {
    if (connected) void describeCluster();
  }, [connected, describeCluster]);

  const overview = state?.overview ?? null;
  return (
    <section className="view" data-testid="broker-view" aria-labelledby="broker-view-title">
      <header className="view__header">
        <div>
          <h1 className="view__title" id="broker-view-title">
            Cluster
          </h1>
          <p className="view__subtitle">
            {cluster ? (
              <>
                <strong>{cluster.name}</strong>, a remote Kafka cluster at <code>{cluster.bootstrapServers.join(', ')}</code>
                {cluster.readOnly ? ' (read-only)' : ''}.
              </>
            ) : (
              'A remote Kafka cluster.'
            )}
          </p>
        </div>
        <div className="view__actions">
          {current && (
            <span className={`state-badge state-badge--${connected ? 'running' : current.state === 'failed' ? 'failed' : 'starting'}`} data-testid="cluster-state-badge">
              <ClusterStateDot state={current.state} />
              {CLUSTER_STATE_WORDS[current.state]}
            </span>
          )}
          <button type="button" className="button" disabled={!connected || state?.loading === true} onClick={() => void describeCluster()} data-testid="cluster-refresh">
            Refresh
          </button>
        </div>
      </header>

      {state?.error && (
        <div className="panel__error" role="alert" data-testid="cluster-overview-error">
          Could not describe the cluster: {state.error}
        </div>
      )}
      {!overview ? (
        <div className="card panel--placeholder" data-testid="cluster-overview-loading">
          {connected ? 'Reading the cluster’s brokers…' : 'The cluster’s brokers appear once the console is connected to it.'}
        </div>
      ) : (
        <>
          <div className="overview overview--four">
            <div className="card">
              <div className="card__label">Cluster id</div>
              <code className="cluster-overview__id" data-testid="cluster-id">
                {overview.clusterId ?? '—'}
              </code>
            </div>
            <div className="card">
              <div className="card__label">Controller</div>
              <div className="card__value" data-testid="cluster-controller">
                {overview.controllerId ?? '—'}
              </div>
            </div>
            <div className="card">
              <div className="card__label">Topics</div>
              <div className="card__value" data-testid="cluster-topic-count">
                {formatCount(overview.topics)}
              </div>
            </div>
            <div className="card">
              <div className="card__label">Partitions</div>
              <div className="card__value" data-testid="cluster-partition-count">
                {formatCount(overview.partitions)}
              </div>
            </div>
          </div>
          <div className="card">
            <div className="panel__header">
              <h2 className="panel__title">Brokers</h2>
              <span className="panel__count">{formatCount(overview.brokers.length)}</span>
            </div>
            <table className="table" data-testid="cluster-brokers">
              <thead>
                <tr>
                  <th scope="col" className="table__numeric">
                    Node id
                  </th>
                  <th scope="col">Host:port</th>
                  <th scope="col">Rack</th>
                  <th scope="col">Role</th>
                </tr>
              </thead>
              <tbody>
                {overview.brokers.map((broker) => (
                  <tr key={broker.nodeId} data-testid="cluster-broker-row">
                    <td className="table__numeric">{broker.nodeId}</td>
                    <td className="table__mono">
                      {broker.host}:{broker.port}
                    </td>
                    <td>{broker.rack ?? <span className="table__muted">—</span>}</td>
                    <td>{broker.nodeId === overview.controllerId ? <span className="tag tag--accent">controller</span> : <span className="table__muted">broker</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
