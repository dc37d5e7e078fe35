import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/use-app-store';
import type { BrokerErrorCode } from '../../../../electron/contract';
import { selectBrokerActions, selectBrokerControl, selectBrokerError, selectBrokerFreePort, selectBrokerRequestedPort } from '../../store/broker';
import { selectHostLinkStatus } from '../../store/host-link';
import { selectPortFromFlag } from '../../store/settings';

function title(code: BrokerErrorCode, port: number | null): string {
  if (code === 'PORT_IN_USE' && port) return `Port ${port} is already in use`;
  return TITLES[code];
}

const TITLES: Record<BrokerErrorCode, string> = {
  PORT_IN_USE: 'The broker’s port is already in use',
  LISTEN_FAILED: 'The broker could not listen for clients',
  DATA_DIR_UNUSABLE: 'The data directory cannot be used',
  INVALID_CONFIG: 'The broker configuration is invalid',
  UNEXPECTED: 'The broker failed to start',
};

/**
 * Why the broker is not running, and what to do about it, with the remedy one click away where
 * there is one: for a taken port, "Use port N" (a port the host found free) starts the broker
 * there. (Trying again as it was is the control bar's Start.) Renders nothing when all is well.
 */
export function BrokerErrorPanel() {
  const error = useAppStore(selectBrokerError);
  const port = useAppStore(selectBrokerRequestedPort);
  if (!error) return null;
  return (
    <div className="error-panel" role="alert" data-testid="broker-error-panel" data-code={error.code}>
      <svg className="error-panel__icon" width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">
        <path d="M10 2.5l8 14H2z" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
        <path d="M10 8v4M10 14.5v.01" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
      </svg>
      <div className="error-panel__body">
        <h2 className="error-panel__title" data-testid="broker-error-title">
          {title(error.code, port)}
        </h2>
        <p className="error-panel__message" data-testid="broker-error-message">
          {error.message}
        </p>
        <p className="error-panel__hint" data-testid="broker-error-hint">
          <span className="error-panel__hint-label">What to do</span>
          {error.hint}
        </p>
        {error.code === 'PORT_IN_USE' && port ? <UseFreePort takenPort={port} /> : null}
        <span className="error-panel__code">{error.code}</span>
      </div>
    </div>
  );
}

/**
 * "Use port N": asks the host for a free port above the taken one, and starts the broker there on a
 * click, saving it as the broker's port in Settings so later launches use it too (unless `--port`
 * sets the port: then it lasts for this run).
 */
function UseFreePort({ takenPort }: { takenPort: number }) {
  const freePort = useAppStore(selectBrokerFreePort);
  const control = useAppStore(selectBrokerControl);
  const connected = useAppStore(selectHostLinkStatus) === 'connected';
  const { startBroker, findFreeBrokerPort } = useAppStore(useShallow(selectBrokerActions));
  const portFromFlag = useAppStore(selectPortFromFlag);

  useEffect(() => {
    if (connected) void findFreeBrokerPort(takenPort);
  }, [takenPort, connected, findFreeBrokerPort]);

  const offer = freePort?.forPort === takenPort ? freePort : null;
  const offered = offer?.port ?? null;

  return (
    <div className="error-panel__actions">
      {offered !== null ? (
        <>
          <button
            type="button"
            className="button button--small button--primary"
            onClick={() => void startBroker(offered, true)}
            disabled={control.pending !== null || !connected}
            data-testid="broker-use-port"
            data-port={offered}
          >
            {control.pending === 'start' ? `Starting on port ${offered}…` : `Use port ${offered}`}
          </button>
          <span className="error-panel__note" data-testid="broker-use-port-note">
            Port {offered} is free.{' '}
            {portFromFlag ? (
              <>
                The broker starts there for this run (<code>--port</code> sets the port at launch)
              </>
            ) : (
              <>The broker starts there, and Settings keep it as the broker’s port</>
            )}
            ; clients then connect to <code>localhost:{offered}</code>.
          </span>
        </>
      ) : offer?.error ? (
        <span className="field__problem" data-testid="broker-free-port-error">
          No free port to offer: {offer.error}
        </span>
      ) : (
        <span className="error-panel__note" data-testid="broker-free-port-loading">
          Looking for a free port…
        </span>
      )}
    </div>
  );
}
