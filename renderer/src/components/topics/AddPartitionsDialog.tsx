/**
 * Grow a topic's partition count. Kafka only adds partitions (keys then map to other partitions,
 * which the dialog says); a count that is not larger is refused here and by the host.
 */
import { useState } from 'react';
import { MAX_PARTITIONS } from '../../../../electron/contract';
import { Dialog, FormError } from '../common/Dialog';
import { useTopicsActions } from './use-topics-actions';

export function AddPartitionsDialog({ topic, current, onClose }: { topic: string; current: number; onClose(): void }) {
  const { addPartitions } = useTopicsActions();
  const [count, setCount] = useState(String(current + 1));
  const [busy, setBusy] = useState(false);
  const [hostError, setHostError] = useState<string | null>(null);
  const total = /^\d+$/.test(count.trim()) ? Number(count) : NaN;
  const problem = !(total > current) ? `the new count must be larger than ${current}` : total > MAX_PARTITIONS ? `at most ${MAX_PARTITIONS} partitions` : null;

  const submit = async () => {
    if (problem || busy) return;
    setBusy(true);
    setHostError(null);
    const result = await addPartitions(topic, total);
    setBusy(false);
    if (result.ok) onClose();
    else setHostError(result.message);
  };

  return (
    <Dialog
      title="Add partitions"
      testId="add-partitions-dialog"
      onClose={onClose}
      onSubmit={() => void submit()}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={problem !== null || busy} data-testid="add-partitions-submit">
            {busy ? 'Adding…' : problem ? 'Add partitions' : `Add ${total - current} partition${total - current === 1 ? '' : 's'}`}
          </button>
        </>
      }
    >
      <p className="dialog__text">
        <code className="dialog__subject">{topic}</code> has {current} partition{current === 1 ? '' : 's'}. Partitions can only be added, never removed, and records with a key
        may go to a different partition afterwards.
      </p>
      <label className="field field--narrow">
        <span className="field__label">New partition count</span>
        <input
          className={problem ? 'input input--invalid' : 'input'}
          type="number"
          min={current + 1}
          max={MAX_PARTITIONS}
          value={count}
          onChange={(event) => {
            setCount(event.target.value);
            setHostError(null);
          }}
          autoFocus
          data-testid="add-partitions-count"
        />
        {problem && (
          <span className="field__problem" data-testid="add-partitions-problem">
            {problem.charAt(0).toUpperCase() + problem.slice(1)}.
          </span>
        )}
      </label>
      <FormError message={hostError} testId="add-partitions-error" />
    </Dialog>
  );
}
