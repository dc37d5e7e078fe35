/**
 * A delete confirmed by typing the subject's name: the Delete button stays disabled until the
 * text matches exactly, and the host's refusal is shown as it is worded. The caller supplies what
 * is being deleted (`description`) and the call that deletes it. A ConfirmDialog with the
 * typed name as its condition.
 */
import { useState, type ReactNode } from 'react';
import type { ActionResult } from '../../store/action-result';
import { ConfirmDialog } from './ConfirmDialog';

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
  return (
    <ConfirmDialog
      title={title}
      confirmLabel={confirmLabel}
      busyLabel="Deleting…"
      testIdPrefix={testIdPrefix}
      enabled={typed === subject}
      confirm={() => remove(subject)}
      onConfirmed={onDeleted}
      onClose={onClose}
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
    </ConfirmDialog>
  );
}
