/**
 * Discard the chosen dead letters: they stay in the DLQ topic, and Eddy's ledger marks them
 * discarded (the view shows it, and a replay skips them unless asked). Confirmed with one click;
 * the host's refusal is shown as it is worded.
 */
import { useState } from 'react';
import { formatCount } from '../../format/format-count';
import { useAppStore } from '../../store/use-app-store';
import { selectChosenCount, selectDlqChoice } from '../../store/dlq';
import { Dialog, FormError } from '../common/Dialog';
import { useDlqActions } from './use-dlq-actions';

export function DiscardDialog({ topic, onClose, onDiscarded }: { topic: string; onClose(): void; onDiscarded(count: number): void }) {
  const chosen = useAppStore(selectChosenCount) ?? 0;
  const choice = useAppStore(selectDlqChoice);
  const { discardChosen } = useDlqActions();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    const result = await discardChosen();
    setBusy(false);
    if (!result.ok) return setProblem(result.message);
    onDiscarded(result.value);
    onClose();
  };

  const what = choice.kind === 'filter' ? `all ${formatCount(chosen)} dead letters matching the filter` : `${formatCount(chosen)} dead letter${chosen === 1 ? '' : 's'}`;
  return (
    <Dialog
      title="Discard dead letters"
      testId="discard-dialog"
      tone="danger"
      onClose={onClose}
      onSubmit={() => void submit()}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--danger" disabled={busy || chosen === 0} data-testid="discard-submit">
            {busy ? 'Discarding…' : 'Discard'}
          </button>
        </>
      }
    >
      <p className="dialog__text">
        Discard {what} of <code className="dialog__subject">{topic}</code>? They stay in the topic, marked discarded: the list shows them so, and a replay skips them unless told to include them.
      </p>
      <FormError message={problem} testId="discard-error" />
    </Dialog>
  );
}
