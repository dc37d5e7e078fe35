/**
 * A change confirmed with one click (the danger button): the caller supplies the words and the
 * call; the dialog keeps the button busy while it runs, closes on success (handing the value to
 * `onConfirmed`), and shows the host's refusal as it is worded. Deletes that must be confirmed by
 * typing the name use ConfirmDeleteDialog.
 */
import { useState, type ReactNode } from 'react';
import type { ActionResult } from '../../store/action-result';
import { Dialog, FormError } from './Dialog';

interface ConfirmDialogProps<T> {
  title: string;
  /** The button's label, and what it says while the call runs ("Remove", "Removing…"). */
  confirmLabel: string;
  busyLabel: string;
  /** Prefix of the data-testids: `<prefix>-dialog`, `-submit`, `-error`. */
  testIdPrefix: string;
  /** Whether the button can be pressed at all (e.g. something is chosen). */
  enabled?: boolean;
  autoFocus?: boolean;
  children: ReactNode;
  confirm(): Promise<ActionResult<T>>;
  onConfirmed?(value: T): void;
  onClose(): void;
}

export function ConfirmDialog<T>({ title, confirmLabel, busyLabel, testIdPrefix, enabled = true, autoFocus = false, children, confirm, onConfirmed, onClose }: ConfirmDialogProps<T>) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async () => {
    if (busy || !enabled) return;
    setBusy(true);
    const result = await confirm();
    setBusy(false);
    if (!result.ok) return setProblem(result.message);
    onClose();
    onConfirmed?.(result.value);
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
          <button type="submit" className="button button--danger" disabled={busy || !enabled} autoFocus={autoFocus} data-testid={`${testIdPrefix}-submit`}>
            {busy ? busyLabel : confirmLabel}
          </button>
        </>
      }
    >
      {children}
      <FormError message={problem} testId={`${testIdPrefix}-error`} />
    </Dialog>
  );
}
