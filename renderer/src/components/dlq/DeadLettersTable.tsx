/**
 * The dead letters matching the filter, as a virtualized table: where each is (partition ·
 * offset), why it died, where it came from (topic / partition / offset), how long ago it died,
 * who wrote it (format) and its state; beside the detail panel, only where, why and the state. The table is as long as the host's `total`; the rows in
 * view are asked for a page at a time (rows not read yet show as placeholders). A row opens
 * the dead letter's detail; a checkbox chooses it (shift-click chooses the range from the last
 * one checked, among the rows read).
 */
import { memo, useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import type { DeadLetter, DeadLetterFormat } from '../../../../electron/contract';
import { formatAgo } from '../../format/format-ago';
import { formatCount } from '../../format/format-count';
import { isoTimestamp } from '../../format/format-timestamp';
import { useNow } from '../../hooks/use-now';
import { deadLetterKeyText, rowAt, type DeadLetterChoice, type DeadLetterKey, type DeadLetterList } from '../../store/dlq';
import { useVirtualRows } from '../common/use-virtual-rows';
import { VirtualTableBody } from '../common/VirtualTableBody';
import { DeadLetterStateBadge } from './DeadLetterStateBadge';

/** A row's height in pixels (`.table--records` pins it), so the virtualizer's estimate is exact. */
const ROW_HEIGHT = 33;
const COLUMNS = 7;
/** Beside the detail panel: no source, died or format columns (the detail says them). */
const COMPACT_COLUMNS = 4;

export const FORMAT_LABELS: Record<DeadLetterFormat, string> = {
  sweeper: 'Eddy sweeper',
  'kip-1191': 'KIP-1191',
  spring: 'Spring',
  connect: 'Kafka Connect',
  unknown: 'by name',
};

/** `orders / 0 / 41`, as far as the provenance says. */
export function sourceText(source: DeadLetter['source']): string {
  if (!source) return 'unknown';
  return [source.topic, source.partition ?? '?', source.offset ?? '?'].join(' / ');
}

interface DeadLettersTableProps {
  list: DeadLetterList;
  choice: DeadLetterChoice;
  open: DeadLetterKey | null;
  /** Changes when another list is shown: the table scrolls back to its top. */
  resetKey: string;
  /** Fewer columns (the detail panel is open beside the table). */
  compact: boolean;
  onOpen(key: DeadLetterKey): void;
  onCheck(keys: DeadLetterKey[], checked: boolean): void;
  onRowsInView(from: number, to: number): void;
}

export function DeadLettersTable({ list, choice, open, resetKey, compact, onOpen, onCheck, onRowsInView }: DeadLettersTableProps) {
  const count = list.total ?? 0;
  const { scrollRef, rows, paddingTop, paddingBottom } = useVirtualRows(count, ROW_HEIGHT);
  const now = useNow(5000);
  const first = rows[0]?.index ?? 0;
  const last = rows.at(-1)?.index ?? 0;
  useEffect(() => {
    if (count > 0) onRowsInView(first, last);
  }, [first, last, count, onRowsInView]);
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [resetKey, scrollRef]);

  // Shift-click chooses the range from the last row checked, among the rows read.
  const lastChecked = useRef<number | null>(null);
  const listRef = useRef(list);
  useLayoutEffect(() => {
    listRef.current = list;
  });
  useEffect(() => {
    lastChecked.current = null;
  }, [resetKey]);
  const check = useCallback(
    (index: number, checked: boolean, range: boolean) => {
      const current = listRef.current;
      let keys: DeadLetterKey[] = [];
      const from = range && lastChecked.current !== null ? Math.min(lastChecked.current, index) : index;
      const to = range && lastChecked.current !== null ? Math.max(lastChecked.current, index) : index;
      for (let at = from; at <= to; at += 1) {
        const row = rowAt(current.pages, at, current.pageSize);
        if (row) keys = keys.concat({ partition: row.partition, offset: row.offset });
      }
      lastChecked.current = index;
      onCheck(keys, checked);
    },
    [onCheck],
  );

  const allMatching = choice.kind === 'filter';
  return (
    <div className="records-scroll" ref={scrollRef} data-testid="dead-letters-scroll">
      <table className="table table--records table--dead-letters" data-testid="dead-letters-table">
        <colgroup>
          <col className="records__col-check" />
          <col className="dead-letters__col-position" />
          <col />
          {!compact && (
            <>
              <col className="dead-letters__col-source" />
              <col className="dead-letters__col-died" />
              <col className="dead-letters__col-format" />
            </>
          )}
          <col className="dead-letters__col-state" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col" className="records__check">
              <span className="visually-hidden">Chosen</span>
            </th>
            <th scope="col" title="Partition · offset in the DLQ topic">
              Record
            </th>
            <th scope="col">Reason</th>
            {!compact && (
              <>
                <th scope="col">Source</th>
                <th scope="col">Died</th>
                <th scope="col">Format</th>
              </>
            )}
            <th scope="col">State</th>
          </tr>
        </thead>
        <VirtualTableBody columns={compact ? COMPACT_COLUMNS : COLUMNS} paddingTop={paddingTop} paddingBottom={paddingBottom}>
          {rows.map((virtual) => {
            const row = rowAt(list.pages, virtual.index, list.pageSize);
            if (!row) return <PendingRow key={`pending-${virtual.index}`} index={virtual.index} columns={compact ? COMPACT_COLUMNS : COLUMNS} />;
            const key = deadLetterKeyText(row);
            return (
              <DeadLetterRow
                key={key}
                index={virtual.index}
                deadLetter={row}
                open={open !== null && open.partition === row.partition && open.offset === row.offset}
                checked={allMatching || (choice.kind === 'records' && choice.keys.has(key))}
                allMatching={allMatching}
                compact={compact}
                now={now}
                onOpen={onOpen}
                onCheck={check}
              />
            );
          })}
        </VirtualTableBody>
      </table>
    </div>
  );
}

function PendingRow({ index, columns }: { index: number; columns: number }) {
  return (
    <tr className="dead-letters__pending" data-testid="dead-letter-pending" aria-busy="true">
      <td />
      <td className="table__muted" colSpan={columns - 1}>
        #{formatCount(index + 1)} · reading…
      </td>
    </tr>
  );
}

interface DeadLetterRowProps {
  index: number;
  deadLetter: DeadLetter;
  open: boolean;
  checked: boolean;
  allMatching: boolean;
  compact: boolean;
  now: number;
  onOpen(key: DeadLetterKey): void;
  onCheck(index: number, checked: boolean, range: boolean): void;
}

const DeadLetterRow = memo(function DeadLetterRow({ index, deadLetter, open, checked, allMatching, compact, now, onOpen, onCheck }: DeadLetterRowProps) {
  const openIt = () => onOpen({ partition: deadLetter.partition, offset: deadLetter.offset });
  const died = deadLetter.diedAt ?? deadLetter.timestamp;
  return (
    <tr
      className={open ? 'records__row records__row--selected' : 'records__row'}
      data-testid="dead-letter-row"
      data-partition={deadLetter.partition}
      data-offset={deadLetter.offset}
      data-state={deadLetter.state}
      aria-selected={open}
      tabIndex={0}
      onClick={openIt}
      onKeyDown={(event) => {
        if (event.target === event.currentTarget && (event.key === 'Enter' || event.key === ' ')) {
          event.preventDefault();
          openIt();
        }
      }}
    >
      <td className="records__check" onClick={(event) => event.stopPropagation()}>
        <input
          type="checkbox"
          checked={checked}
          disabled={allMatching}
          title={allMatching ? 'Every dead letter matching the filter is chosen: clear the choice to choose one by one' : undefined}
          aria-label={`Choose partition ${deadLetter.partition}, offset ${deadLetter.offset}`}
          onClick={(event) => onCheck(index, event.currentTarget.checked, event.shiftKey)}
          onChange={() => undefined}
          data-testid="dead-letter-check"
        />
      </td>
      <td className="table__mono" data-testid="dead-letter-position">
        {deadLetter.partition} · {deadLetter.offset}
      </td>
      <td className="dead-letters__reason" title={deadLetter.exceptionClass ? `${deadLetter.exceptionClass}: ${deadLetter.reason}` : deadLetter.reason} data-testid="dead-letter-reason">
        {deadLetter.reason}
      </td>
      {!compact && (
        <>
          <td className="table__mono" title={sourceText(deadLetter.source)} data-testid="dead-letter-source">
            {deadLetter.source ? sourceText(deadLetter.source) : <span className="table__muted">unknown</span>}
          </td>
          <td title={`${deadLetter.diedAt === null ? 'Record timestamp (when it died is not known)' : 'Died'} ${isoTimestamp(died)}`} data-testid="dead-letter-died">
            {formatAgo(died, now)}
          </td>
          <td className="table__muted" data-testid="dead-letter-format">
            {FORMAT_LABELS[deadLetter.format]}
          </td>
        </>
      )}
      <td data-testid="dead-letter-state">
        <DeadLetterStateBadge state={deadLetter.state} />
      </td>
    </tr>
  );
});
