/**
 * The records shown (a page, a search's matches, or a tail's rows) as a virtualized table:
 * partition, offset, timestamp (local, ISO on hover), key, value preview, header count and size.
 * Unreadable batches appear as rows of their own where their records would be. A row opens the
 * record's detail. Optionally a checkbox per row (a selection to copy; shift-click selects a
 * range) and a "produce again" button per row.
 *
 * Live (a tail): rows arrive in batches at one end and roll out at the other. At the end where
 * they arrive (the top, newest first; the bottom, in arrival order) the table follows them;
 * scrolled away from it, the rows in view stay in view.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { BatchProblem, MessageRecord } from '../../../../electron/contract';
import { formatBytes } from '../../format/format-bytes';
import { formatCount } from '../../format/format-count';
import { formatTimestamp, isoTimestamp } from '../../format/format-timestamp';
import type { RecordKey } from '../../store/messages';
import { useClusterAction } from '../common/use-cluster-action';
import { useVirtualRows } from '../common/use-virtual-rows';
import { VirtualTableBody } from '../common/VirtualTableBody';
import { FieldPreview } from './FieldPreview';

/** A row's height in pixels (`.table--records` pins it), so the virtualizer's estimate is exact. */
const ROW_HEIGHT = 33;
const COLUMNS = 7;
/** Beside the detail panel: partition and offset in one column, the time of day, no header count or size. */
const COMPACT_COLUMNS = 4;

/** A row is a record, or an unreadable batch shown in place of its records. */
export interface ProblemRow {
  kind: 'problem';
  problem: BatchProblem;
}
type Row = MessageRecord | ProblemRow;

export const isProblemRow = (row: Row): row is ProblemRow => (row as ProblemRow).kind === 'problem';

/**
 * The records with each problem before the first record of its partition that comes after it in
 * the listing's order (newest first: offsets fall), or at the end. Without problems, the records
 * themselves (no copy: a tail's 10,000 rows are listed as they are).
 */
export function rowsOf(records: readonly MessageRecord[], problems: readonly BatchProblem[], newestFirst: boolean): readonly Row[] {
  if (problems.length === 0) return records;
  const rows: Row[] = records.slice();
  for (const problem of problems) {
    const index = rows.findIndex(
      (row) => !isProblemRow(row) && row.partition === problem.partition && (newestFirst ? row.offset < problem.baseOffset : row.offset > problem.lastOffset),
    );
    rows.splice(index === -1 ? rows.length : index, 0, { kind: 'problem', problem });
  }
  return rows;
}

/** Records checked for copying, by `recordKeyText`. */
export interface RowSelection {
  keys: ReadonlySet<string>;
  onChange(keys: RecordKey[], checked: boolean): void;
}

/** A live table's running totals: rows added at the arriving end, and rows rolled out at the oldest end. */
export interface LiveShifts {
  added: number;
  rolledOut: number;
}

export const recordKeyText = (key: RecordKey) => `${key.partition}:${key.offset}`;

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
  selection?: RowSelection;
  onProduceAgain?(record: MessageRecord): void;
  /** A tail: its running totals of rows added and rolled out (see the header). */
  live?: LiveShifts | null;
}

export function RecordsTable({ records, problems, newestFirst, selected, onOpen, resetKey, compact, selection, onProduceAgain, live }: RecordsTableProps) {
  const rows = useMemo(() => rowsOf(records, problems, newestFirst), [records, problems, newestFirst]);
  const { scrollRef, rows: virtualRows, paddingTop, paddingBottom } = useVirtualRows(rows.length, ROW_HEIGHT);
  const columns = (compact ? COMPACT_COLUMNS : COLUMNS) + (selection ? 1 : 0) + (onProduceAgain ? 1 : 0);
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [resetKey, scrollRef]);

  // Live: whether the view is at the end where rows arrive (it then follows them).
  const atArrivingEnd = useRef(true);
  const onScroll = () => {
    const element = scrollRef.current;
    if (!element) return;
    atArrivingEnd.current = newestFirst ? element.scrollTop < ROW_HEIGHT / 2 : element.scrollHeight - element.scrollTop - element.clientHeight < ROW_HEIGHT;
  };
  const liveAdded = live?.added ?? 0;
  const liveRolledOut = live?.rolledOut ?? 0;
  const applied = useRef({ added: liveAdded, rolledOut: liveRolledOut });
  useLayoutEffect(() => {
    const element = scrollRef.current;
    const added = liveAdded - applied.current.added;
    const rolledOut = liveRolledOut - applied.current.rolledOut;
    applied.current = { added: liveAdded, rolledOut: liveRolledOut };
    if (!element || (added <= 0 && rolledOut <= 0)) return;
    if (newestFirst) {
      if (!atArrivingEnd.current) element.scrollTop += added * ROW_HEIGHT;
    } else if (atArrivingEnd.current) element.scrollTop = element.scrollHeight;
    else element.scrollTop = Math.max(0, element.scrollTop - rolledOut * ROW_HEIGHT);
  }, [liveAdded, liveRolledOut, newestFirst, scrollRef]);
  useEffect(() => {
    atArrivingEnd.current = true;
  }, [newestFirst, resetKey]);

  // Shift-click selects the range from the last row checked.
  const lastChecked = useRef<number | null>(null);
  const rowsRef = useRef(rows);
  const selectionRef = useRef(selection);
  useLayoutEffect(() => {
    rowsRef.current = rows;
    selectionRef.current = selection;
  });
  const onCheck = useCallback((record: MessageRecord, checked: boolean, range: boolean) => {
    const current = rowsRef.current;
    const index = current.indexOf(record);
    let keys: RecordKey[] = [{ partition: record.partition, offset: record.offset }];
    if (range && lastChecked.current !== null && index !== -1) {
      const [from, to] = lastChecked.current < index ? [lastChecked.current, index] : [index, lastChecked.current];
      keys = current.slice(from, to + 1).flatMap((row) => (isProblemRow(row) ? [] : [{ partition: row.partition, offset: row.offset }]));
    }
    lastChecked.current = index === -1 ? null : index;
    selectionRef.current?.onChange(keys, checked);
  }, []);
  // Only while something is checked: the header box says whether every row shown is (a tail re-renders with each batch).
  const checkedCount = selection && selection.keys.size > 0 ? rows.reduce((sum, row) => (!isProblemRow(row) && selection.keys.has(recordKeyText(row)) ? sum + 1 : sum), 0) : 0;
  const recordCount = selection && selection.keys.size > 0 ? rows.reduce((sum, row) => (isProblemRow(row) ? sum : sum + 1), 0) : rows.length;
  const shownKeys = () => rows.flatMap((row) => (isProblemRow(row) ? [] : [{ partition: row.partition, offset: row.offset }]));

  return (
    <div className="records-scroll" ref={scrollRef} onScroll={live ? onScroll : undefined} data-testid="records-scroll">
      <table className={compact ? 'table table--records table--records-compact' : 'table table--records'} data-testid="records-table">
        <colgroup>
          {selection && <col className="records__col-check" />}
          {compact ? <CompactCols /> : <FullCols />}
          {onProduceAgain && <col className="records__col-actions" />}
        </colgroup>
        <thead>
          <tr>
            {selection && (
              <th scope="col" className="records__check">
                <input
                  type="checkbox"
                  aria-label="Select every record shown"
                  checked={checkedCount > 0 && checkedCount === recordCount}
                  ref={(input) => {
                    if (input) input.indeterminate = checkedCount > 0 && checkedCount < recordCount;
                  }}
                  onChange={(event) => selection.onChange(shownKeys(), event.target.checked)}
                  data-testid="records-check-all"
                />
              </th>
            )}
            {compact ? <CompactHeadCells /> : <FullHeadCells />}
            {onProduceAgain && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <VirtualTableBody columns={columns} paddingTop={paddingTop} paddingBottom={paddingBottom}>
          {virtualRows.map((virtual) => {
            const row = rows[virtual.index];
            if (isProblemRow(row)) return <ProblemRowView key={`problem-${row.problem.partition}-${row.problem.baseOffset}`} problem={row.problem} columns={columns} compact={compact} lead={selection ? 1 : 0} />;
            const record = row;
            const isSelected = selected !== null && selected.partition === record.partition && selected.offset === record.offset;
            return (
              <RecordRow
                key={`${record.partition}-${record.offset}`}
                record={record}
                selected={isSelected}
                onOpen={onOpen}
                compact={compact}
                checked={selection ? selection.keys.has(recordKeyText(record)) : null}
                onCheck={onCheck}
                onProduceAgain={onProduceAgain}
              />
            );
          })}
        </VirtualTableBody>
      </table>
    </div>
  );
}

function FullCols() {
  return (
    <>
      <col className="records__col-partition" />
        <col className="records__col-offset" />
        <col className="records__col-timestamp" />
        <col className="records__col-key" />
        <col />
        <col className="records__col-headers" />
      <col className="records__col-size" />
    </>
  );
}

function FullHeadCells() {
  return (
    <>
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
    </>
  );
}

function CompactCols() {
  return (
    <>
      <col className="records__col-position" />
      <col className="records__col-time" />
      <col className="records__col-key" />
      <col />
    </>
  );
}

function CompactHeadCells() {
  return (
    <>
      <th scope="col" title="Partition · offset">
        Record
      </th>
      <th scope="col">Time</th>
      <th scope="col">Key</th>
      <th scope="col">Value</th>
    </>
  );
}

interface RecordRowProps {
  record: MessageRecord;
  selected: boolean;
  onOpen(key: RecordKey): void;
  compact: boolean;
  /** null: no checkbox column. */
  checked: boolean | null;
  onCheck(record: MessageRecord, checked: boolean, range: boolean): void;
  onProduceAgain?(record: MessageRecord): void;
}

const RecordRow = memo(function RecordRow({ record, selected, onOpen, compact, checked, onCheck, onProduceAgain }: RecordRowProps) {
  const { disabled: readOnly, reason } = useClusterAction('produce');
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
        if (event.target === event.currentTarget && (event.key === 'Enter' || event.key === ' ')) {
          event.preventDefault();
          open();
        }
      }}
    >
      {checked !== null && (
        <td className="records__check" onClick={(event) => event.stopPropagation()}>
          <input
            type="checkbox"
            checked={checked}
            aria-label={`Select partition ${record.partition}, offset ${record.offset}`}
            onClick={(event) => onCheck(record, event.currentTarget.checked, event.shiftKey)}
            onChange={() => undefined}
            data-testid="record-check"
          />
        </td>
      )}
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
      {onProduceAgain && (
        <td className="records__actions" onClick={(event) => event.stopPropagation()}>
          <button type="button" className="icon-button icon-button--small" title={reason ?? 'Produce again: open the produce form with this record'} aria-label={`Produce partition ${record.partition}, offset ${record.offset} again`} onClick={() => onProduceAgain(record)} disabled={readOnly} data-testid="record-produce-again">
            <svg width="13" height="13" viewBox="0 0 16 16" aria-hidden="true">
              <path d="M13.5 8a5.5 5.5 0 1 1-1.6-3.9M13.5 2.5v3.2h-3.2" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
          </button>
        </td>
      )}
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

function ProblemRowView({ problem, columns, compact, lead }: { problem: BatchProblem; columns: number; compact: boolean; lead: number }) {
  return (
    <tr className="records__problem" data-testid="record-problem" data-partition={problem.partition}>
      {lead > 0 && <td />}
      <td className="table__mono">{compact ? `${problem.partition} · ${problem.baseOffset}` : problem.partition}</td>
      {!compact && <td className="table__numeric table__mono">{problem.baseOffset}</td>}
      <td colSpan={columns - lead - (compact ? 1 : 2)} title={problem.reason}>
        Offsets {formatCount(problem.baseOffset)}–{formatCount(problem.lastOffset)} cannot be read: {problem.reason}
      </td>
    </tr>
  );
}
