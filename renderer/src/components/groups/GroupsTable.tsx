/** The groups list as a virtualized table: only the rows in view are rendered, however many groups there are. */
import { memo } from 'react';
import type { GroupSummary } from '../../../../electron/contract';
import { formatCount } from '../../format/format-count';
import { useClusterAction } from '../common/use-cluster-action';
import { useVirtualRows } from '../common/use-virtual-rows';
import { VirtualTableBody } from '../common/VirtualTableBody';
import { TrashIcon } from '../topics/TopicsTable';
import { GroupStateBadge } from './GroupStateBadge';
import { LagValue } from './LagValue';
import { useGroupsActions } from './use-groups-actions';

const ROW_HEIGHT = 47;

export function GroupsTable({ groups, onDelete }: { groups: GroupSummary[]; onDelete(groupId: string): void }) {
  const { openGroup } = useGroupsActions();
  const { scrollRef, rows, paddingTop, paddingBottom } = useVirtualRows(groups.length, ROW_HEIGHT);
  return (
    <div className="virtual-scroll" ref={scrollRef} data-testid="groups-scroll">
      <table className="table table--fixed-rows" data-testid="groups-table">
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">State</th>
            <th scope="col" className="table__numeric">
              Members
            </th>
            <th scope="col">Protocol</th>
            <th scope="col">Topics</th>
            <th scope="col" className="table__numeric">
              Total lag
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <VirtualTableBody columns={7} paddingTop={paddingTop} paddingBottom={paddingBottom}>
          {rows.map((row) => (
            <GroupRow key={groups[row.index].groupId} group={groups[row.index]} onOpen={openGroup} onDelete={onDelete} />
          ))}
        </VirtualTableBody>
      </table>
    </div>
  );
}

const GroupRow = memo(function GroupRow({ group, onOpen, onDelete }: { group: GroupSummary; onOpen(groupId: string): void; onDelete(groupId: string): void }) {
  const { disabled, reason } = useClusterAction('deleteGroup');
  const topics = group.topics.length === 0 ? null : group.topics.length <= 2 ? group.topics.join(', ') : `${group.topics.slice(0, 2).join(', ')} +${group.topics.length - 2}`;
  return (
    <tr data-testid="group-row" data-group={group.groupId}>
      <td className="table__name">
        <button type="button" className="link-button table__mono" onClick={() => onOpen(group.groupId)} data-testid="group-link" title={`Open ${group.groupId}`}>
          {group.groupId}
        </button>
      </td>
      <td>
        <GroupStateBadge state={group.state} testId="group-row-state" />
      </td>
      <td className="table__numeric" data-testid="group-members">
        {formatCount(group.members)}
      </td>
      <td data-testid="group-protocol">
        {group.protocolName ? <span className="table__mono">{group.protocolName}</span> : <span className="table__muted">{group.protocolType ?? '—'}</span>}
      </td>
      <td className="table__mono table__ellipsis" title={group.topics.join(', ')}>
        {topics ?? <span className="table__muted">none</span>}
      </td>
      <td className="table__numeric" data-testid="group-lag">
        <LagValue lag={group.totalLag} />
      </td>
      <td className="table__actions">
        <button type="button" className="icon-button icon-button--danger" onClick={() => onDelete(group.groupId)} disabled={disabled} aria-label={`Delete ${group.groupId}`} title={reason ?? `Delete ${group.groupId}`} data-testid="delete-group-button">
          <TrashIcon />
        </button>
      </td>
    </tr>
  );
});
