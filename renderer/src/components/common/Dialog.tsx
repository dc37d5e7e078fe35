/**
 * A modal dialog on the native `<dialog>` element (shown with `showModal`: the browser traps focus,
 * dims the page and closes on Escape, which calls `onClose`). Rendered only while open.
 */
import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  testId: string;
  onClose(): void;
  /** Submitting the form (Enter in a field, or the submit button). */
  onSubmit(): void;
  children: ReactNode;
  /** The buttons, right-aligned at the foot. */
  actions: ReactNode;
  tone?: 'default' | 'danger';
}

export function Dialog({ title, testId, onClose, onSubmit, children, actions, tone = 'default' }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };

  return (
    <dialog
      ref={ref}
      className={`dialog dialog--${tone}`}
      data-testid={testId}
      aria-labelledby={`${testId}-title`}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <form className="dialog__form" onSubmit={submit} noValidate>
        <header className="dialog__header">
          <h2 className="dialog__title" id={`${testId}-title`}>
            {title}
          </h2>
          <button type="button" className="icon-button" onClick={onClose} aria-label="Close" data-testid={`${testId}-close`}>
            <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
              <path d="M3.5 3.5l9 9M12.5 3.5l-9 9" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
            </svg>
          </button>
        </header>
        <div className="dialog__body">{children}</div>
        <footer className="dialog__actions">{actions}</footer>
      </form>
    </dialog>
  );
}

/** The host's refusal (or any failure) inside a form, as it was worded. */
export function FormError({ message, testId }: { message: string | null; testId: string }) {
  if (!message) return null;
  return (
    <div className="form-error" role="alert" data-testid={testId}>
      {message}
    </div>
  );
}
