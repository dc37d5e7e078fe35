/** Confirms removing a connection (its stored secrets go with it); the host's refusal is shown as worded. */
import type { ClusterConnectionSummary } from '../../../../electron/contract';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { useClustersActions } from './use-clusters-actions';

export function RemoveClusterDialog({ connection, onClose }: { connection: ClusterConnectionSummary; onClose(): void }) {
  const { removeCluster } = useClustersActions();
  return (
    <ConfirmDialog title="Remove connection" confirmLabel="Remove" busyLabel="Removing…" testIdPrefix="remove-cluster" autoFocus confirm={() => removeCluster(connection.id)} onClose={onClose}>
      <p className="dialog__text">
        This removes the connection <strong className="dialog__subject">{connection.name}</strong> and the secrets stored for it. The cluster itself is not touched.
      </p>
    </ConfirmDialog>
  );
}
