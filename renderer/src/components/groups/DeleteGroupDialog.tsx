/**
 * Delete a consumer group and its committed offsets, confirmed by typing its id. The broker
 * refuses while the group has members; its message is shown as it is worded.
 */
import { formatCount } from '../../format/format-count';
import { useAppStore } from '../../store/use-app-store';
import { selectGroupList } from '../../store/groups';
import { ConfirmDeleteDialog } from '../common/ConfirmDeleteDialog';
import { useGroupsActions } from './use-groups-actions';

export function DeleteGroupDialog({ groupId, onClose, onDeleted }: { groupId: string; onClose(): void; onDeleted?(): void }) {
  const { deleteGroup } = useGroupsActions();
  const group = useAppStore(selectGroupList).find((candidate) => candidate.groupId === groupId);
  return (
    <ConfirmDeleteDialog
      subject={groupId}
      title="Delete consumer group"
      confirmLabel="Delete group"
      testIdPrefix="delete-group"
      remove={deleteGroup}
      onClose={onClose}
      onDeleted={onDeleted}
      description={
        <>
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
        </>
      }
    />
  );
}
