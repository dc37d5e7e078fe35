/** Confirms removing a connection (its stored secrets go with it); the host's refusal is shown as worded. */
import { useState } from 'react';
import type { ClusterConnectionSummary } from '../../../../electron/contract';
import { Dialog, FormError } from '../common/Dialog';
import { useClustersActions } from './use-clusters-actions';

export function RemoveClusterDialog({ connection, onClose }: { connection: ClusterConnectionSummary; onClose(): void }) {
  const { removeCluster } = useClustersActions();
  const [busy, setBusy] = useState(false);
  const [hostError, setHostError] = useState<string | null>(null);

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    const result = await removeCluster(connection.id);
    setBusy(false);
    if (result.ok) onClose();
    else setHostError(result.message);
  };

  return (
    <Dialog
      title="Remove connection"
      testId="remove-cluster-dialog"
      tone="danger"
      onClose={onClose}
      onSubmit={() => void submit()}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--danger" disabled={busy} autoFocus data-testid="remove-cluster-submit">
            {busy ? 'Removing…' : 'Remove'}
          </button>
        </>
      }
    >
      <p className="dialog__text">
        This removes the connection <strong className="dialog__subject">{connection.name}</strong> and the secrets stored for it. The cluster itself is not touched.
      </p>
      <FormError message={hostError} testId="remove-cluster-error" />
    </Dialog>
  );
}
