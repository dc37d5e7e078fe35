/**
 * Per-partition committed offset, end offset (high watermark) and lag, virtualized: a group
 * reading thousands of partitions renders only the rows in view.
 */
import { memo } from 'react';
import type { PartitionLag } from '../../../../electron/contract';
import { formatCount } from '../../format/format-count';
import { useVirtualRows } from '../common/use-virtual-rows';
import { VirtualTableBody } from '../common/VirtualTableBody';
import { LagValue } from './LagValue';

const ROW_HEIGHT = 41;

export function PartitionLagTable({ partitions, showTopic = true, testId = 'group-partitions-table' }: { partitions: PartitionLag[]; showTopic?: boolean; testId?: string }) {
  const { scrollRef, rows, paddingTop, paddingBottom } = useVirtualRows(partitions.length, ROW_HEIGHT);
  const columns = showTopic ? 6 : 5;
  return (
    <div className="virtual-scroll virtual-scroll--short" ref={scrollRef}>
      <table className="table table--fixed-rows table--compact" data-testid={testId}>
        <thead>
          <tr>
            {showTopic && <th scope="col">Topic</th>}
            <th scope="col">Partition</th>
            <th scope="col" className="table__numeric">
              Committed offset
            </th>
            <th scope="col" className="table__numeric">
              End offset
            </th>
            <th scope="col" className="table__numeric">
              Lag
            </th>
            <th scope="col" className="table__gap">
              Consumer
            </th>
          </tr>
        </thead>
        <VirtualTableBody columns={columns} paddingTop={paddingTop} paddingBottom={paddingBottom}>
          {rows.map((row) => {
            const partition = partitions[row.index];
            return <PartitionLagRow key={`${partition.topic}-${partition.partition}`} partition={partition} showTopic={showTopic} />;
          })}
        </VirtualTableBody>
      </table>
    </div>
  );
}

const PartitionLagRow = memo(function PartitionLagRow({ partition, showTopic }: { partition: PartitionLag; showTopic: boolean }) {
  return (
    <tr data-testid="lag-row" data-topic={partition.topic} data-partition={partition.partition}>
      {showTopic && <td className="table__mono">{partition.topic}</td>}
      <td className="table__mono">{partition.partition}</td>
      <td className="table__numeric" data-testid="lag-committed">
        {partition.committedOffset === null ? <span className="table__muted">—</span> : formatCount(partition.committedOffset)}
      </td>
      <td className="table__numeric" data-testid="lag-end">
        {formatCount(partition.highWatermark)}
      </td>
      <td className="table__numeric" data-testid="lag-value">
        <LagValue lag={partition.lag} />
      </td>
      <td className="table__gap table__mono">{partition.assignedTo ?? <span className="table__muted">unassigned</span>}</td>
    </tr>
  );
});
