/**
 * The Connections view (`#/connections`): the clusters the console can show, the embedded broker
 * first, with New connection, and the add/edit form and remove confirmation as dialogs. Loaded by
 * the event hub and kept current by `clusters.list`.
 */
import { useState } from 'react';
import type { ClusterConnectionSummary } from '../../../../electron/contract';
import { selectClusterConnections, selectClusterListError, selectClusterListLoaded } from '../../store/clusters';
import { selectHostLinkStatus } from '../../store/host-link';
import { useAppStore } from '../../store/use-app-store';
import { ClusterConnectionsTable } from './ClusterConnectionsTable';
import { ClusterFormDialog } from './ClusterFormDialog';
import { RemoveClusterDialog } from './RemoveClusterDialog';

type DialogState = { kind: 'form'; editing: ClusterConnectionSummary | null } | { kind: 'remove'; connection: ClusterConnectionSummary } | null;

export function ConnectionsView() {
  const connections = useAppStore(selectClusterConnections);
  const loaded = useAppStore(selectClusterListLoaded);
  const error = useAppStore(selectClusterListError);
  const link = useAppStore(selectHostLinkStatus);
  const [dialog, setDialog] = useState<DialogState>(null);

  return (
    <section className={link === 'connected' ? 'view view--clusters' : 'view view--clusters view--stale'} data-testid="connections-view" aria-labelledby="connections-view-title">
      <header className="view__header">
        <div>
          <h1 className="view__title" id="connections-view-title">
            Connections
          </h1>
          <p className="view__subtitle">The Kafka clusters this console can show: the embedded broker, and any cluster you add. Every view shows the one you open.</p>
        </div>
        <button type="button" className="button button--primary" onClick={() => setDialog({ kind: 'form', editing: null })} data-testid="new-cluster-button">
          New connection
        </button>
      </header>
      <div className="card clusters-panel">
        {!loaded ? (
          <div className="empty-state" data-testid="clusters-loading">
            {error ? `Could not read the connections: ${error}` : 'Reading the connections…'}
          </div>
        ) : (
          <ClusterConnectionsTable connections={connections} onEdit={(editing) => setDialog({ kind: 'form', editing })} onRemove={(connection) => setDialog({ kind: 'remove', connection })} />
        )}
        {loaded && connections.length <= 1 && (
          <div className="panel__note panel__note--foot" data-testid="clusters-empty">
            No other cluster yet: add one with New connection (its bootstrap servers, and how to authenticate).
          </div>
        )}
      </div>
      {dialog?.kind === 'form' && <ClusterFormDialog editing={dialog.editing} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'remove' && <RemoveClusterDialog connection={dialog.connection} onClose={() => setDialog(null)} />}
    </section>
  );
}
