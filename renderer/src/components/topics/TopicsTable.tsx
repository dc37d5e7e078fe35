/**
 * The topics list as a virtualized table: only the rows in (and just around) the view are
 * rendered, however many topics the host sends (at most MAX_TOPICS_LISTED); the filter above
 * narrows the list.
 */
import { memo } from 'react';
import type { TopicSummary } from '../../../../electron/contract';
import { formatAgo } from '../../format/format-ago';
import { formatBytes } from '../../format/format-bytes';
import { formatCount } from '../../format/format-count';
import { useNow } from '../../hooks/use-now';
import { useClusterAction } from '../common/use-cluster-action';
import { useVirtualRows } from '../common/use-virtual-rows';
import { VirtualTableBody } from '../common/VirtualTableBody';
import { useTopicsActions } from './use-topics-actions';
import { lastWriteUnknown, orUnknown, UNKNOWN } from '../../format/format-unknown';

/** A row's height in pixels, pinned on each row (the 28px icon button, the 7px paddings of `.table--topics` cells, the border) so the virtualizer's estimate is exact. */
const ROW_HEIGHT = 43;
const COLUMNS = 6;

interface TopicsTableProps {
  topics: TopicSummary[];
  onDelete(name: string): void;
}

export function TopicsTable({ topics, onDelete }: TopicsTableProps) {
  const now = useNow(1000, topics.length > 0);
  const { openTopic } = useTopicsActions();
  const { scrollRef, rows, paddingTop, paddingBottom } = useVirtualRows(topics.length, ROW_HEIGHT);
  return (
    <div className="virtual-scroll" ref={scrollRef} data-testid="topics-scroll">
      <table className="table table--topics" data-testid="topics-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col" className="table__numeric">
              Partitions
            </th>
            <th scope="col" className="table__numeric">
              Records
            </th>
            <th scope="col" className="table__numeric">
              Size
            </th>
            <th scope="col" className="table__gap">
              Last write
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <VirtualTableBody columns={COLUMNS} paddingTop={paddingTop} paddingBottom={paddingBottom}>
          {rows.map((row) => (
            <TopicRow key={topics[row.index].name} topic={topics[row.index]} now={now} onOpen={openTopic} onDelete={onDelete} />
          ))}
        </VirtualTableBody>
      </table>
    </div>
  );
}

interface TopicRowProps {
  topic: TopicSummary;
  now: number;
  onOpen(name: string): void;
  onDelete(name: string): void;
}

const TopicRow = memo(function TopicRow({ topic, now, onOpen, onDelete }: TopicRowProps) {
  const { disabled, reason } = useClusterAction('deleteTopic');
  return (
    <tr data-testid="topic-row" data-topic={topic.name} style={{ height: ROW_HEIGHT }}>
      <td className="table__name">
        <button type="button" className="link-button table__mono" onClick={() => onOpen(topic.name)} data-testid="topic-link" title={`Open ${topic.name}`}>
          {topic.name}
        </button>
        {topic.overrides !== null && topic.overrides > 0 && (
          <span className="tag" title={`${topic.overrides} config override${topic.overrides === 1 ? '' : 's'}`}>
            {topic.overrides} override{topic.overrides === 1 ? '' : 's'}
          </span>
        )}
      </td>
      <td className="table__numeric" data-testid="topic-partitions">
        {formatCount(topic.partitions)}
      </td>
      <td className="table__numeric" data-testid="topic-records">
        {formatCount(topic.records)}
      </td>
      <td className="table__numeric" data-testid="topic-size">
        {orUnknown(topic.bytes, formatBytes)}
      </td>
      <td className="table__gap" data-testid="topic-last-write" title={topic.lastAppendTime === null ? undefined : new Date(topic.lastAppendTime).toISOString()}>
        {topic.lastAppendTime === null ? <span className="table__muted">{lastWriteUnknown(topic.lastAppendTime, topic.bytes) ? UNKNOWN : 'never'}</span> : formatAgo(topic.lastAppendTime, now)}
      </td>
      <td className="table__actions">
        <button type="button" className="icon-button icon-button--danger" onClick={() => onDelete(topic.name)} disabled={disabled} aria-label={`Delete ${topic.name}`} title={reason ?? `Delete ${topic.name}`} data-testid="delete-topic-button">
          <TrashIcon />
        </button>
      </td>
    </tr>
  );
});

export function TrashIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M2.5 4.5h11M6.5 4.5V3a1 1 0 0 1 1-1h1a1 1 0 0 1 1 1v1.5M4 4.5l.7 8.6a1 1 0 0 0 1 .9h4.6a1 1 0 0 0 1-.9l.7-8.6" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
