/**
 * "Connection settings": a button opening a small popover that previews what a Kafka client needs
 * to reach the broker (the bootstrap address and the client properties) with a copy button.
 * Closes on Escape, on a click outside it, or on the button again. Disabled while the broker is
 * not listening (there is no address to give).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useAppStore } from '../../store/use-app-store';
import { selectConnectionSettings, selectOnlyPlaintext } from '../../store/broker';
import { CopyButton } from '../common/CopyButton';

export function ConnectionSettingsButton() {
  const settings = useAppStore(selectConnectionSettings);
  const plaintext = useAppStore(selectOnlyPlaintext);
  const [open, setOpen] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const popoverId = useId();
  const shown = open && settings !== null;

  useEffect(() => {
    if (!shown) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    const onPointer = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [shown]);

  return (
    <div className="popover-anchor" ref={container}>
      <button
        type="button"
        className={shown ? 'button button--small button--active' : 'button button--small'}
        onClick={() => setOpen(!open)}
        disabled={settings === null}
        title={settings === null ? 'The broker is not listening: start it first' : undefined}
        aria-expanded={shown}
        aria-controls={shown ? popoverId : undefined}
        data-testid="broker-connection-settings"
      >
        <PlugIcon />
        Connection settings
      </button>
      {shown && (
        <div className="popover" id={popoverId} role="dialog" aria-label="Connection settings" data-testid="broker-connection-settings-popover">
          <div className="popover__header">
            <span className="popover__title">Client properties</span>
            <CopyButton text={`${settings}\n`} label="Copy the connection settings" testId="copy-connection-settings" />
          </div>
          <pre className="popover__code" data-testid="broker-connection-settings-preview">
            {settings}
          </pre>
          <p className="popover__hint">
            {plaintext
              ? 'Plaintext, no authentication: any Kafka client that reaches this address connects with these.'
              : 'One block per listener: use the one your client needs, with your SASL user and password, and the CA certificate for TLS.'}
          </p>
        </div>
      )}
    </div>
  );
}

function PlugIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M5.5 1.8v3M10.5 1.8v3M3.8 4.8h8.4v2.6a4.2 4.2 0 0 1-8.4 0zM8 11.6v2.6" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
