/**
 * Discard the chosen dead letters: they stay in the DLQ topic, and Eddy's ledger marks them
 * discarded (the view shows it, and a replay skips them unless asked). Confirmed with one click;
 * the host's refusal is shown as it is worded.
 */
import { formatCount } from '../../format/format-count';
import { useAppStore } from '../../store/use-app-store';
import { selectChosenCount, selectDlqChoice } from '../../store/dlq';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { useDlqActions } from './use-dlq-actions';

export function DiscardDialog({ topic, onClose, onDiscarded }: { topic: string; onClose(): void; onDiscarded(count: number): void }) {
  const chosen = useAppStore(selectChosenCount) ?? 0;
  const choice = useAppStore(selectDlqChoice);
  const { discardChosen } = useDlqActions();

  const what = choice.kind === 'filter' ? `all ${formatCount(chosen)} dead letters matching the filter` : `${formatCount(chosen)} dead letter${chosen === 1 ? '' : 's'}`;
  return (
    <ConfirmDialog title="Discard dead letters" confirmLabel="Discard" busyLabel="Discarding…" testIdPrefix="discard" enabled={chosen > 0} confirm={discardChosen} onConfirmed={onDiscarded} onClose={onClose}>
      <p className="dialog__text">
        Discard {what} of <code className="dialog__subject">{topic}</code>? They stay in the topic, marked discarded: the list shows them so, and a replay skips them unless told to include them.
      </p>
    </ConfirmDialog>
  );
}
