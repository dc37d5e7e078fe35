/**
 * A delete confirmed by typing the subject's name: the Delete button stays disabled until the
 * text matches exactly, and the host's refusal is shown as it is worded. The caller supplies what
 * is being deleted (`description`) and the call that deletes it.
 */
import { useState, type ReactNode } from 'react';
import type { ActionResult } from '../../store/action-result';
import { Dialog, FormError } from './Dialog';

interface ConfirmDeleteDialogProps {
  /** The name to type, e.g. the topic name or group id. */
  subject: string;
  /** The dialog's title, e.g. "Delete topic". */
  title: string;
  /** The delete button's label, e.g. "Delete topic". */
  confirmLabel: string;
  /** Prefix of the data-testids: `<prefix>-dialog`, `-confirm`, `-submit`, `-error`. */
  testIdPrefix: string;
  description: ReactNode;
  remove(subject: string): Promise<ActionResult>;
  onClose(): void;
  onDeleted?(): void;
}

export function ConfirmDeleteDialog({ subject, title, confirmLabel, testIdPrefix, description, remove, onClose, onDeleted }: ConfirmDeleteDialogProps) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [hostError, setHostError] = useState<string | null>(null);
  const confirmed = typed === subject;

  const submit = async () => {
    if (!confirmed || busy) return;
    setBusy(true);
    const result = await remove(subject);
    setBusy(false);
    if (!result.ok) {
      setHostError(result.message);
      return;
    }
    onClose();
    onDeleted?.();
  };

  return (
    <Dialog
      title={title}
      testId={`${testIdPrefix}-dialog`}
      tone="danger"
      onClose={onClose}
      onSubmit={() => void submit()}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--danger" disabled={!confirmed || busy} data-testid={`${testIdPrefix}-submit`}>
            {busy ? 'Deleting…' : confirmLabel}
          </button>
        </>
      }
    >
      {description}
      <label className="field">
        <span className="field__label">
          Type <code>{subject}</code> to confirm
        </span>
        <input
          className="input input--mono"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          autoFocus
          spellCheck={false}
          autoComplete="off"
          data-testid={`${testIdPrefix}-confirm`}
        />
      </label>
      <FormError message={hostError} testId={`${testIdPrefix}-error`} />
    </Dialog>
  );
}
