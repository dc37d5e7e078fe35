import type { GroupMember } from '../../../../electron/contract';

function describeAssignment(assignment: GroupMember['assignment']): string {
  if (assignment === null) return 'not a consumer assignment';
  if (assignment.length === 0) return 'none yet';
  return assignment.map(({ topic, partitions }) => `${topic}: ${partitions.join(', ')}`).join(' · ');
}

/** The group's members: who they are and which partitions each one was assigned. */
export function MembersTable({ members }: { members: GroupMember[] }) {
  if (members.length === 0) {
    return (
      <div className="empty-state empty-state--compact" data-testid="members-empty">
        No active members: no consumer of this group is connected. Its offsets can be reset or the group deleted.
      </div>
    );
  }
  return (
    <table className="table" data-testid="members-table">
      <thead>
        <tr>
          <th scope="col">Client id</th>
          <th scope="col">Host</th>
          <th scope="col">Assigned partitions</th>
          <th scope="col">Member id</th>
        </tr>
      </thead>
      <tbody>
        {members.map((member) => (
          <tr key={member.memberId} data-testid="member-row" data-member={member.memberId}>
            <td className="table__mono" data-testid="member-client-id">
              {member.clientId}
              {member.groupInstanceId && (
                <span className="tag" title="Static member (group.instance.id)">
                  {member.groupInstanceId}
                </span>
              )}
            </td>
            <td className="table__mono" data-testid="member-host">
              {member.clientHost}
            </td>
            <td className="table__mono" data-testid="member-assignment">
              {describeAssignment(member.assignment)}
            </td>
            <td className="table__mono table__muted table__ellipsis" title={member.memberId}>
              {member.memberId}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
