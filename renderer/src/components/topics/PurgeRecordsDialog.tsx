/**
 * Purge records (Kafka's DeleteRecords): in one partition or all of them, everything or the
 * records below an offset. The log start offset moves up; nothing can bring the records back,
 * which the dialog says before the user confirms. With "all partitions" and an offset, partitions
 * holding fewer records are emptied (the host clamps to each high watermark).
 */
import { useState } from 'react';
import type { DeleteRecordsTarget } from '../../../../electron/contract';
import { formatCount } from '../../format/format-count';
import { useAppStore } from '../../store/use-app-store';
import { selectOpenTopicPartitionCount, selectTopicPartitions } from '../../store/topics';
import { Dialog, FormError } from '../common/Dialog';
import { useTopicsActions } from './use-topics-actions';

export type PurgeTarget = { scope: 'all' } | { scope: 'one'; partition: number; highWatermark: number };

type Extent = 'everything' | 'before';

const wholeNumber = (text: string): number | null => (/^\d+$/.test(text.trim()) ? Number(text) : null);

export function PurgeRecordsDialog({ topic, target, onClose }: { topic: string; target: PurgeTarget; onClose(): void }) {
  const { deleteRecords } = useTopicsActions();
  const partitionCount = useAppStore(selectOpenTopicPartitionCount);
  const page = useAppStore(selectTopicPartitions);
  const [scope, setScope] = useState<'all' | 'one'>(target.scope);
  const [partitionText, setPartitionText] = useState(target.scope === 'one' ? String(target.partition) : '0');
  const [extent, setExtent] = useState<Extent>(target.scope === 'one' ? 'before' : 'everything');
  const [offsetText, setOffsetText] = useState('');
  const [busy, setBusy] = useState(false);
  const [hostError, setHostError] = useState<string | null>(null);

  const partition = wholeNumber(partitionText);
  const offset = wholeNumber(offsetText);
  const known = scope === 'one' && partition !== null ? page.find((candidate) => candidate.partition === partition) : undefined;
  const partitionProblem = scope === 'one' && (partition === null || partition >= partitionCount) ? `a partition from 0 to ${Math.max(0, partitionCount - 1)}` : null;
  const offsetProblem = extent === 'before' && offset === null ? 'an offset (a whole number)' : null;
  const invalid = partitionProblem !== null || offsetProblem !== null;

  const submit = async () => {
    if (invalid || busy) return;
    const upTo = extent === 'everything' ? -1 : (offset as number);
    const targets: DeleteRecordsTarget[] =
      scope === 'all' ? Array.from({ length: partitionCount }, (_, index) => ({ partition: index, offset: upTo })) : [{ partition: partition as number, offset: upTo }];
    setBusy(true);
    setHostError(null);
    const result = await deleteRecords(topic, targets, scope === 'all');
    setBusy(false);
    if (result.ok) onClose();
    else setHostError(result.message);
  };

  return (
    <Dialog
      title="Purge records"
      testId="purge-dialog"
      tone="danger"
      onClose={onClose}
      onSubmit={() => void submit()}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--danger" disabled={invalid || busy} data-testid="purge-submit">
            {busy ? 'Purging…' : 'Purge records'}
          </button>
        </>
      }
    >
      <fieldset className="field choice-group">
        <legend className="field__label">Partitions</legend>
        <label className="choice">
          <input type="radio" name="purge-scope" checked={scope === 'all'} onChange={() => setScope('all')} data-testid="purge-scope-all" />
          All {formatCount(partitionCount)} partition{partitionCount === 1 ? '' : 's'}
        </label>
        <label className="choice">
          <input type="radio" name="purge-scope" checked={scope === 'one'} onChange={() => setScope('one')} data-testid="purge-scope-one" />
          Partition
          <input
            className={partitionProblem && scope === 'one' ? 'input input--inline input--invalid' : 'input input--inline'}
            type="number"
            min={0}
            max={Math.max(0, partitionCount - 1)}
            value={partitionText}
            onChange={(event) => {
              setPartitionText(event.target.value);
              setScope('one');
            }}
            aria-label="Partition"
            data-testid="purge-partition"
          />
          {known && (
            <span className="choice__note">
              offsets {formatCount(known.logStartOffset)}–{formatCount(Math.max(known.logStartOffset, known.highWatermark - 1))}, {formatCount(known.records)} records
            </span>
          )}
        </label>
      </fieldset>

      <fieldset className="field choice-group">
        <legend className="field__label">Delete</legend>
        <label className="choice">
          <input type="radio" name="purge-extent" checked={extent === 'everything'} onChange={() => setExtent('everything')} data-testid="purge-everything" />
          Every record (up to the high watermark)
        </label>
        <label className="choice">
          <input type="radio" name="purge-extent" checked={extent === 'before'} onChange={() => setExtent('before')} data-testid="purge-before" />
          Records before offset
          <input
            className={offsetProblem ? 'input input--inline input--invalid' : 'input input--inline'}
            type="number"
            min={0}
            value={offsetText}
            placeholder={known ? String(known.highWatermark) : 'offset'}
            onChange={(event) => {
              setOffsetText(event.target.value);
              setExtent('before');
            }}
            aria-label="Offset"
            data-testid="purge-offset"
          />
        </label>
      </fieldset>

      <p className="dialog__text dialog__text--warning" data-testid="purge-summary">
        {summary(topic, scope, partition, extent, offset)} The log start offset moves up and the records cannot be read again.
      </p>
      {partitionProblem && scope === 'one' && <span className="field__problem">Partition: {partitionProblem}.</span>}
      <FormError message={hostError} testId="purge-error" />
    </Dialog>
  );
}

function summary(topic: string, scope: 'all' | 'one', partition: number | null, extent: Extent, offset: number | null): string {
  const where = scope === 'all' ? `every partition of ${topic}` : `partition ${partition ?? '?'} of ${topic}`;
  if (extent === 'everything') return `Deletes every record in ${where}.`;
  const below = offset === null ? 'the offset given' : `offset ${formatCount(offset)}`;
  return `Deletes the records below ${below} in ${where}${scope === 'all' ? ' (partitions with fewer records are emptied)' : ''}.`;
}
