/**
 * The records shown (a page, or a search's matches) as a virtualized table: partition, offset,
 * timestamp (local, ISO on hover), key, value preview, header count and size. Unreadable batches
 * appear as rows of their own where their records would be. A row opens the record's detail.
 */
import { memo, useEffect, useMemo } from 'react';
import type { BatchProblem, MessageRecord } from '../../../../electron/contract';
import { formatBytes } from '../../format/format-bytes';
import { formatCount } from '../../format/format-count';
import { formatTimestamp, isoTimestamp } from '../../format/format-timestamp';
import type { RecordKey } from '../../store/messages';
import { useVirtualRows } from '../common/use-virtual-rows';
import { VirtualTableBody } from '../common/VirtualTableBody';
import { FieldPreview } from './FieldPreview';

/** A row's height in pixels (`.table--records` pins it), so the virtualizer's estimate is exact. */
const ROW_HEIGHT = 33;
const COLUMNS = 7;
/** Beside the detail panel: partition and offset in one column, the time of day, no header count or size. */
const COMPACT_COLUMNS = 4;

type Row = { kind: 'record'; record: MessageRecord } | { kind: 'problem'; problem: BatchProblem };

/**
 * The records with each problem before the first record of its partition that comes after it in
 * the listing's order (newest first: offsets fall), or at the end.
 */
export function rowsOf(records: readonly MessageRecord[], problems: readonly BatchProblem[], newestFirst: boolean): Row[] {
  const rows: Row[] = records.map((record) => ({ kind: 'record', record }));
  for (const problem of problems) {
    const index = rows.findIndex(
      (row) => row.kind === 'record' && row.record.partition === problem.partition && (newestFirst ? row.record.offset < problem.baseOffset : row.record.offset > problem.lastOffset),
    );
    rows.splice(index === -1 ? rows.length : index, 0, { kind: 'problem', problem });
  }
  return rows;
}

interface RecordsTableProps {
  records: MessageRecord[];
  problems: BatchProblem[];
  newestFirst: boolean;
  selected: RecordKey | null;
  onOpen(key: RecordKey): void;
  /** Changes when another set of records is shown: the table scrolls back to its top. */
  resetKey: string;
  /** Fewer, narrower columns (the detail panel is open beside the table). */
  compact: boolean;
}

export function RecordsTable({ records, problems, newestFirst, selected, onOpen, resetKey, compact }: RecordsTableProps) {
  const rows = useMemo(() => rowsOf(records, problems, newestFirst), [records, problems, newestFirst]);
  const { scrollRef, rows: virtualRows, paddingTop, paddingBottom } = useVirtualRows(rows.length, ROW_HEIGHT);
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [resetKey, scrollRef]);
  return (
    <div className="records-scroll" ref={scrollRef} data-testid="records-scroll">
      <table className={compact ? 'table table--records table--records-compact' : 'table table--records'} data-testid="records-table">
        {compact ? <CompactHead /> : <FullHead />}
        <VirtualTableBody columns={compact ? COMPACT_COLUMNS : COLUMNS} paddingTop={paddingTop} paddingBottom={paddingBottom}>
          {virtualRows.map((virtual) => {
            const row = rows[virtual.index];
            if (row.kind === 'problem') return <ProblemRow key={`problem-${row.problem.partition}-${row.problem.baseOffset}`} problem={row.problem} columns={compact ? COMPACT_COLUMNS : COLUMNS} />;
            const { record } = row;
            const isSelected = selected !== null && selected.partition === record.partition && selected.offset === record.offset;
            return <RecordRow key={`${record.partition}-${record.offset}`} record={record} selected={isSelected} onOpen={onOpen} compact={compact} />;
          })}
        </VirtualTableBody>
      </table>
    </div>
  );
}

function FullHead() {
  return (
    <>
      <colgroup>
        <col className="records__col-partition" />
        <col className="records__col-offset" />
        <col className="records__col-timestamp" />
        <col className="records__col-key" />
        <col />
        <col className="records__col-headers" />
        <col className="records__col-size" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">Partition</th>
          <th scope="col" className="table__numeric">
            Offset
          </th>
          <th scope="col">Timestamp</th>
          <th scope="col">Key</th>
          <th scope="col">Value</th>
          <th scope="col" className="table__numeric">
            Headers
          </th>
          <th scope="col" className="table__numeric">
            Size
          </th>
        </tr>
      </thead>
    </>
  );
}

function CompactHead() {
  return (
    <>
      <colgroup>
        <col className="records__col-position" />
        <col className="records__col-time" />
        <col className="records__col-key" />
        <col />
      </colgroup>
      <thead>
        <tr>
          <th scope="col" title="Partition · offset">Record</th>
          <th scope="col">Time</th>
          <th scope="col">Key</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
    </>
  );
}

const RecordRow = memo(function RecordRow({ record, selected, onOpen, compact }: { record: MessageRecord; selected: boolean; onOpen(key: RecordKey): void; compact: boolean }) {
  const open = () => onOpen({ partition: record.partition, offset: record.offset });
  return (
    <tr
      className={selected ? 'records__row records__row--selected' : 'records__row'}
      data-testid="record-row"
      data-partition={record.partition}
      data-offset={record.offset}
      aria-selected={selected}
      tabIndex={0}
      onClick={open}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          open();
        }
      }}
    >
      {compact ? (
        <td className="table__mono" data-testid="record-position">
          {record.partition} · {record.offset}
        </td>
      ) : (
        <>
          <td className="table__mono" data-testid="record-partition">
            {record.partition}
          </td>
          <td className="table__numeric table__mono" data-testid="record-offset">
            {record.offset}
          </td>
        </>
      )}
      <td className="table__mono" title={isoTimestamp(record.timestamp)} data-testid="record-timestamp">
        {compact ? formatTimestamp(record.timestamp).slice(11) : formatTimestamp(record.timestamp)}
      </td>
      <td className="records__field" data-testid="record-key">
        <FieldPreview field={record.key} />
      </td>
      <td className="records__field" data-testid="record-value">
        <FieldPreview field={record.value} />
      </td>
      {!compact && <RecordCounts record={record} />}
    </tr>
  );
});

function RecordCounts({ record }: { record: MessageRecord }) {
  return (
    <>
      <td className="table__numeric" data-testid="record-headers">
        {record.headers.length}
      </td>
      <td className="table__numeric" data-testid="record-size">
        {formatBytes(record.size)}
      </td>
    </>
  );
}

function ProblemRow({ problem, columns }: { problem: BatchProblem; columns: number }) {
  return (
    <tr className="records__problem" data-testid="record-problem" data-partition={problem.partition}>
      <td className="table__mono">{columns === COLUMNS ? problem.partition : `${problem.partition} · ${problem.baseOffset}`}</td>
      {columns === COLUMNS && <td className="table__numeric table__mono">{problem.baseOffset}</td>}
      <td colSpan={columns === COLUMNS ? COLUMNS - 2 : COMPACT_COLUMNS - 1} title={problem.reason}>
        Offsets {formatCount(problem.baseOffset)}–{formatCount(problem.lastOffset)} cannot be read: {problem.reason}
      </td>
    </tr>
  );
}
