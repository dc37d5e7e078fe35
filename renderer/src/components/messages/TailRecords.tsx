/**
 * The tail's rows in the records table (newest first or in arrival order, following new rows at
 * the end where they arrive), with what happened to the topic said above them, and what the view
 * waits for while there are none yet.
 */
import { useMemo } from 'react';
import type { MessageRecord } from '../../../../electron/contract';
import { useAppStore } from '../../store/use-app-store';
import type { RecordKey } from '../../store/messages';
import { selectTailLastBatch, selectTailOptions, selectTailPhase, selectTailProblems, selectTailRows } from '../../store/tail';
import { RecordsTable, type RowSelection } from './RecordsTable';
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
  const rows = useAppStore(selectTailRows);
  const problems = useAppStore(selectTailProblems);
  const phase = useAppStore(selectTailPhase);
  const lastBatch = useAppStore(selectTailLastBatch);
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
          live={lastBatch}
        />
      )}
    </>
  );
}
