/**
 * Delete a consumer group and its committed offsets, confirmed by typing its id. The broker
 * refuses while the group has members; its message is shown as it is worded.
 */
import { useState } from 'react';
import { formatCount } from '../../format/format-count';
import { useAppStore } from '../../store/use-app-store';
import { selectGroupList } from '../../store/groups';
import { Dialog, FormError } from '../common/Dialog';
import { useGroupsActions } from './use-groups-actions';

export function DeleteGroupDialog({ groupId, onClose, onDeleted }: { groupId: string; onClose(): void; onDeleted?(): void }) {
  const { deleteGroup } = useGroupsActions();
  const group = useAppStore(selectGroupList).find((candidate) => candidate.groupId === groupId);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [hostError, setHostError] = useState<string | null>(null);
  const confirmed = typed === groupId;

  const submit = async () => {
    if (!confirmed || busy) return;
    setBusy(true);
    const result = await deleteGroup(groupId);
    setBusy(false);
    if (!result.ok) {
      setHostError(result.message);
      return;
    }
    onClose();
    onDeleted?.();
  };

  return (
    <Dialog
      title="Delete consumer group"
      testId="delete-group-dialog"
      tone="danger"
      onClose={onClose}
      onSubmit={() => void submit()}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--danger" disabled={!confirmed || busy} data-testid="delete-group-submit">
            {busy ? 'Deleting…' : 'Delete group'}
          </button>
        </>
      }
    >
      <p className="dialog__text">
        This deletes <code className="dialog__subject">{groupId}</code> and its committed offsets
        {group && group.topics.length > 0 ? ` on ${formatCount(group.topics.length)} topic${group.topics.length === 1 ? '' : 's'}` : ''}. A consumer that
        joins it again starts from its <code>auto.offset.reset</code> position. It cannot be undone.
      </p>
      {group && group.members > 0 && (
        <p className="dialog__text dialog__text--warning" data-testid="delete-group-active">
          The group has {formatCount(group.members)} active member{group.members === 1 ? '' : 's'}: the broker refuses to delete it until its consumers stop.
        </p>
      )}
      <label className="field">
        <span className="field__label">
          Type <code>{groupId}</code> to confirm
        </span>
        <input className="input input--mono" value={typed} onChange={(event) => setTyped(event.target.value)} autoFocus spellCheck={false} autoComplete="off" data-testid="delete-group-confirm" />
      </label>
      <FormError message={hostError} testId="delete-group-error" />
    </Dialog>
  );
}
