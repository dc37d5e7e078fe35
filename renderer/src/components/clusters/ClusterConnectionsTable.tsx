/**
 * The connections, one row each: colour, name, bootstrap servers, security, badges (shown now,
 * read-only, from the command line) and actions. The embedded broker is first and can only be
 * opened; a remote connection can be opened, edited, duplicated, removed and tested (its stored
 * settings, secrets included), the test's diagnosis shown under its row.
 */
import type { ClusterConnectionSummary } from '../../../../electron/contract';
import { selectActiveClusterId, selectClusterCurrent, selectClusterDiagnosis, selectClusterOpening } from '../../store/clusters';
import { useAppStore } from '../../store/use-app-store';
import { draftOf, inputOf, storedSecretsOf } from './cluster-form-draft';
import { ClusterSwatch } from './ClusterSwatch';
import { CLUSTER_STATE_WORDS } from './ClusterStateDot';
import { DiagnosisView } from './DiagnosisView';
import { useClustersActions } from './use-clusters-actions';

interface TableProps {
  connections: ClusterConnectionSummary[];
  onEdit(connection: ClusterConnectionSummary): void;
  onRemove(connection: ClusterConnectionSummary): void;
}

export function ClusterConnectionsTable({ connections, onEdit, onRemove }: TableProps) {
  return (
    <table className="table table--clusters" data-testid="clusters-table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Bootstrap servers</th>
          <th scope="col">Security</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {connections.map((connection) => (
          <ClusterRow key={connection.id} connection={connection} onEdit={onEdit} onRemove={onRemove} />
        ))}
      </tbody>
    </table>
  );
}

function securityText(connection: ClusterConnectionSummary): string {
  const sasl = connection.sasl ? ` · ${connection.sasl.mechanism}${connection.sasl.oauth === 'client-credentials' ? ' (client credentials)' : ''}` : '';
  return `${connection.securityProtocol}${sasl}`;
}

function ClusterRow({ connection, onEdit, onRemove }: { connection: ClusterConnectionSummary; onEdit(c: ClusterConnectionSummary): void; onRemove(c: ClusterConnectionSummary): void }) {
  const { openCluster, duplicateCluster, testCluster } = useClustersActions();
  const activeId = useAppStore(selectActiveClusterId);
  const current = useAppStore(selectClusterCurrent);
  const opening = useAppStore(selectClusterOpening);
  const diagnosis = useAppStore(selectClusterDiagnosis(connection.id));
  const embedded = connection.kind === 'embedded';
  const shownNow = connection.id === activeId;
  const canOpen = !shownNow || current?.state === 'failed';
  const test = () => {
    const stored = storedSecretsOf(connection);
    void testCluster(connection.id, inputOf(draftOf(connection), stored));
  };

  return (
    <>
      <tr className={shownNow ? 'clusters__row clusters__row--current' : 'clusters__row'} data-testid="cluster-row" data-cluster-id={connection.id}>
        <td className="clusters__name-cell">
          <div className="clusters__name">
            <ClusterSwatch colour={connection.colour} />
            <span className="clusters__name-text" data-testid="cluster-row-name">
              {connection.name}
            </span>
          </div>
          <div className="clusters__badges">
            {shownNow && (
              <span className="tag tag--accent" title={current ? CLUSTER_STATE_WORDS[current.state] : undefined}>
                shown now
              </span>
            )}
            {embedded && <span className="tag">embedded</span>}
            {connection.readOnly && (
              <span className="tag tag--danger" title="No produce, delete, config change, offset reset or replay" data-testid="cluster-read-only-badge">
                read-only
              </span>
            )}
            {connection.fromCommandLine && (
              <span className="tag" title="Added by --cluster on this run's command line">
                command line
              </span>
            )}
          </div>
        </td>
        <td className="table__mono clusters__servers" data-testid="cluster-row-servers">
          {connection.bootstrapServers.map((server) => (
            <div key={server}>{server}</div>
          ))}
        </td>
        <td className="clusters__security" data-testid="cluster-row-security">
          {securityText(connection)}
          {connection.tls.skipVerify && <span className="tag tag--danger">no verification</span>}
        </td>
        <td className="table__actions">
          <div className="clusters__actions">
            <button type="button" className="button button--small" disabled={!canOpen || opening !== null} onClick={() => void openCluster(connection.id)} aria-label={`Open ${connection.name}`}>
              {opening === connection.id ? 'Opening…' : 'Open'}
            </button>
            {!embedded && (
              <>
                <button type="button" className="button button--small button--quiet" disabled={diagnosis?.testing === true} onClick={test} aria-label={`Test ${connection.name}`}>
                  {diagnosis?.testing ? 'Testing…' : 'Test'}
                </button>
                <button type="button" className="button button--small button--quiet" onClick={() => onEdit(connection)} aria-label={`Edit ${connection.name}`}>
                  Edit
                </button>
                <button type="button" className="button button--small button--quiet" onClick={() => void duplicateCluster(connection.id)} aria-label={`Duplicate ${connection.name}`}>
                  Duplicate
                </button>
                <button type="button" className="button button--small button--quiet clusters__remove" onClick={() => onRemove(connection)} aria-label={`Remove ${connection.name}`}>
                  Remove
                </button>
              </>
            )}
          </div>
        </td>
      </tr>
      {diagnosis && !embedded && (
        <tr className="clusters__diagnosis-row">
          <td colSpan={4}>
            <DiagnosisView state={diagnosis} testId="cluster-row-diagnosis" />
          </td>
        </tr>
      )}
    </>
  );
}
