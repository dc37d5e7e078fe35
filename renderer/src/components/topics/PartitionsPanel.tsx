/**
 * The open topic's partitions. The host sends them a page at a time (PARTITIONS_PAGE_SIZE, the
 * store's paged `topics.listPartitions` reads), and the page's rows are virtualized like every
 * long list: only the rows in view are rendered. Each row can be purged.
 */
import { memo, useEffect } from 'react';
import type { PartitionSummary } from '../../../../electron/contract';
import { formatAgo } from '../../format/format-ago';
import { formatBytes } from '../../format/format-bytes';
import { formatCount } from '../../format/format-count';
import { useNow } from '../../hooks/use-now';
import { useClusterAction } from '../common/use-cluster-action';
import { useVirtualRows } from '../common/use-virtual-rows';
import { VirtualTableBody } from '../common/VirtualTableBody';
import { useAppStore } from '../../store/use-app-store';
import {
  PARTITIONS_PAGE_SIZE,
  selectOpenTopicPartitionCount,
  selectPartitionsOffset,
  selectTopicPartitions,
  selectTopicPartitionsError,
} from '../../store/topics';
import { useTopicsActions } from './use-topics-actions';
import { lastWriteUnknown, orUnknown, UNKNOWN } from '../../format/format-unknown';

/** Matches `.table--fixed-rows` (the groups tables' row height). */
const ROW_HEIGHT = 47;
const COLUMNS = 8;

export function PartitionsPanel({ onPurge }: { onPurge(partition: number, highWatermark: number): void }) {
  const partitions = useAppStore(selectTopicPartitions);
  const offset = useAppStore(selectPartitionsOffset);
  const total = useAppStore(selectOpenTopicPartitionCount);
  const error = useAppStore(selectTopicPartitionsError);
  const { showPartitionsPage } = useTopicsActions();
  const now = useNow(1000, partitions.length > 0);
  const last = Math.min(total, offset + partitions.length);
  const { scrollRef, rows, paddingTop, paddingBottom } = useVirtualRows(partitions.length, ROW_HEIGHT);
  // Another page starts at its top.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [offset, scrollRef]);

  return (
    <div className="panel" role="tabpanel" data-testid="partitions-panel">
      {error && <div className="panel__error">Could not read the partitions: {error}</div>}
      <div className="virtual-scroll" ref={scrollRef} data-testid="partitions-scroll">
        <table className="table table--fixed-rows" data-testid="partitions-table">
          <thead>
            <tr>
              <th scope="col">Partition</th>
              <th scope="col" className="table__numeric">
                Log start
              </th>
              <th scope="col" className="table__numeric">
                High watermark
              </th>
              <th scope="col" className="table__numeric">
                Records
              </th>
              <th scope="col" className="table__numeric">
                Size
              </th>
              <th scope="col" className="table__numeric">
                Segments
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
              <PartitionRow key={partitions[row.index].partition} partition={partitions[row.index]} now={now} onPurge={onPurge} />
            ))}
          </VirtualTableBody>
        </table>
      </div>
      {total > PARTITIONS_PAGE_SIZE && (
        <div className="pager" data-testid="partitions-pager">
          <span className="pager__range">
            Partitions {formatCount(offset)}–{formatCount(Math.max(offset, last - 1))} of {formatCount(total)}
          </span>
          <button type="button" className="button button--small" disabled={offset === 0} onClick={() => void showPartitionsPage(offset - PARTITIONS_PAGE_SIZE)} data-testid="partitions-previous">
            Previous
          </button>
          <button type="button" className="button button--small" disabled={last >= total} onClick={() => void showPartitionsPage(offset + PARTITIONS_PAGE_SIZE)} data-testid="partitions-next">
            Next
          </button>
        </div>
      )}
    </div>
  );
}

interface PartitionRowProps {
  partition: PartitionSummary;
  now: number;
  onPurge(partition: number, highWatermark: number): void;
}

const PartitionRow = memo(function PartitionRow({ partition, now, onPurge }: PartitionRowProps) {
  const { disabled: purgeDisabled, reason } = useClusterAction('deleteRecords');
  return (
    <tr data-testid="partition-row" data-partition={partition.partition}>
      <td className="table__mono">
        {partition.partition}
        {partition.offlineReason && (
          <span className="tag tag--danger" title={partition.offlineReason}>
            offline
          </span>
        )}
      </td>
      <td className="table__numeric" data-testid="partition-log-start">
        {formatCount(partition.logStartOffset)}
      </td>
      <td className="table__numeric" data-testid="partition-high-watermark">
        {formatCount(partition.highWatermark)}
      </td>
      <td className="table__numeric" data-testid="partition-records">
        {formatCount(partition.records)}
      </td>
      <td className="table__numeric" data-testid="partition-size">
        {orUnknown(partition.bytes, formatBytes)}
      </td>
      <td className="table__numeric" data-testid="partition-segments">
        {orUnknown(partition.segments, formatCount)}
      </td>
      <td className="table__gap" title={partition.lastAppendTime === null ? undefined : new Date(partition.lastAppendTime).toISOString()}>
        {partition.lastAppendTime === null ? <span className="table__muted">{lastWriteUnknown(partition.lastAppendTime, partition.bytes) ? UNKNOWN : 'never'}</span> : formatAgo(partition.lastAppendTime, now)}
      </td>
      <td className="table__actions">
        <button
          type="button"
          className="button button--small button--quiet"
          disabled={partition.records === 0 || purgeDisabled}
          onClick={() => onPurge(partition.partition, partition.highWatermark)}
          data-testid="partition-purge"
          title={reason ?? (partition.records === 0 ? 'Nothing to purge' : `Purge records of partition ${partition.partition}`)}
        >
          Purge…
        </button>
      </td>
    </tr>
  );
});
