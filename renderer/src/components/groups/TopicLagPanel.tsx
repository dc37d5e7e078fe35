/**
 * On a topic's page: every consumer group reading the topic, with its state, members, lag per
 * partition and total lag on this topic. Kept current by `groups.changed` pushes.
 */
import { useEffect } from 'react';
import { formatCount } from '../../format/format-count';
import { useAppStore } from '../../store/use-app-store';
import { selectTopicLag, selectTopicLagError } from '../../store/groups';
import { GroupStateBadge } from './GroupStateBadge';
import { LagValue } from './LagValue';
import { useGroupsActions } from './use-groups-actions';

export function TopicLagPanel({ topic }: { topic: string }) {
  const lag = useAppStore(selectTopicLag);
  const error = useAppStore(selectTopicLagError);
  const { openGroup } = useGroupsActions();

  return (
    <div className="panel" role="tabpanel" data-testid="topic-lag-panel">
      {error && <div className="panel__error">Could not read the consumer groups: {error}</div>}
      {lag === null ? (
        <div className="empty-state empty-state--compact">Reading the consumer groups…</div>
      ) : lag.length === 0 ? (
        <div className="empty-state empty-state--compact" data-testid="topic-lag-empty">
          No consumer group has committed offsets on <code>{topic}</code> yet.
        </div>
      ) : (
        <table className="table" data-testid="topic-lag-table">
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col">State</th>
              <th scope="col" className="table__numeric">
                Members
              </th>
              <th scope="col">Lag by partition</th>
              <th scope="col" className="table__numeric">
                Lag on this topic
              </th>
            </tr>
          </thead>
          <tbody>
            {lag.map((group) => (
              <tr key={group.groupId} data-testid="topic-lag-row" data-group={group.groupId}>
                <td>
                  <button type="button" className="link-button table__mono" onClick={() => openGroup(group.groupId)} data-testid="topic-lag-group-link">
                    {group.groupId}
                  </button>
                </td>
                <td>
                  <GroupStateBadge state={group.state} testId="topic-lag-state" />
                </td>
                <td className="table__numeric">{formatCount(group.members)}</td>
                <td className="table__mono table__ellipsis">
                  {group.partitions.slice(0, 12).map((partition) => (
                    <span key={partition.partition} className="lag-chip" title={`partition ${partition.partition}: committed ${partition.committedOffset ?? '—'}, end ${partition.highWatermark}`}>
                      {partition.partition}: {partition.lag === null ? '—' : formatCount(partition.lag)}
                    </span>
                  ))}
                  {group.partitions.length > 12 && <span className="table__muted">+{group.partitions.length - 12} more</span>}
                </td>
                <td className="table__numeric" data-testid="topic-lag-total">
                  <LagValue lag={group.totalLag} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Watches the topic's consumer lag while mounted (the topic page mounts it once per topic). */
export function useTopicLagWatch(topic: string) {
  const { watchTopicLag } = useGroupsActions();
  useEffect(() => {
    watchTopicLag(topic);
    return () => watchTopicLag(null);
  }, [topic, watchTopicLag]);
}
