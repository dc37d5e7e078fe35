/**
 * The tail's rows in the records table (newest first or in arrival order, following new rows at
 * the end where they arrive; redrawn at most ten times a second), with what happened to the topic
 * said above them, and what the view waits for while there are none yet.
 */
import { useMemo } from 'react';
import type { MessageRecord } from '../../../../electron/contract';
import { useAppStore } from '../../store/use-app-store';
import type { RecordKey } from '../../store/messages';
import { selectTailOptions, selectTailPhase, selectTailProblems, selectTailRows, selectTailShifts } from '../../store/tail';
import { useThrottledAppStore } from '../../store/use-throttled-app-store';
import { RecordsTable, type RowSelection } from './RecordsTable';

/** The table redraws at most this often, however often batches land (each one still lands whole). */
const REDRAW_MS = 100;
import { TailNotices } from './TailNotices';

interface TailRecordsProps {
  topic: string;
  /** Changes when another tail is shown. */
  resetKey: string;
  selected: RecordKey | null;
  onOpen(key: RecordKey): void;
  selection?: RowSelection;
  onProduceAgain?(record: MessageRecord): void;
  compact: boolean;
}

export function TailRecords({ topic, resetKey, selected, onOpen, selection, onProduceAgain, compact }: TailRecordsProps) {
  const rows = useThrottledAppStore(selectTailRows, REDRAW_MS);
  const problems = useThrottledAppStore(selectTailProblems, REDRAW_MS);
  const shifts = useThrottledAppStore(selectTailShifts, REDRAW_MS);
  const phase = useAppStore(selectTailPhase);
  const { order } = useAppStore(selectTailOptions);
  const newestFirst = order === 'newest-first';
  const shown = useMemo(() => (newestFirst ? rows.toReversed() : rows), [rows, newestFirst]);
  return (
    <>
      <TailNotices topic={topic} />
      {shown.length === 0 && problems.length === 0 && (phase === 'running' || phase === 'starting' || phase === 'paused') && (
        <div className="empty-state" data-testid="tail-waiting">
          <div className="empty-state__title">{phase === 'starting' ? 'Starting the tail…' : phase === 'paused' ? 'Paused' : 'Waiting for records'}</div>
          {phase === 'running' && `New records in “${topic}” appear here as they arrive.`}
        </div>
      )}
      {(shown.length > 0 || problems.length > 0) && (
        <RecordsTable
          records={shown}
          problems={problems}
          newestFirst={newestFirst}
          selected={selected}
          onOpen={onOpen}
          resetKey={`${resetKey}|${order}`}
          compact={compact}
          selection={selection}
          onProduceAgain={onProduceAgain}
          live={shifts}
        />
      )}
    </>
  );
}
