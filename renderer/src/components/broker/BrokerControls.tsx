/**
 * The broker's control bar in the Broker view: stop, start and restart, with the transition under
 * way on its button, every button disabled until it is done (and while the host is unreachable);
 * beside them the data folder (opened in the file manager in the desktop app, shown with a copy
 * button in a browser, which cannot open folders) and the client connection settings. Why a
 * transition did not happen is shown under the bar.
 */
import { useShallow } from 'zustand/react/shallow';
import type { BrokerState } from '../../../../electron/contract';
import { useAppStore } from '../../store/use-app-store';
import { selectBrokerActions, selectBrokerControl, selectBrokerState, type BrokerTransition } from '../../store/broker';
import { selectHostLinkStatus } from '../../store/host-link';
import { FormError } from '../common/Dialog';
import { ConnectionSettingsButton } from './ConnectionSettingsButton';
import { DataFolderAction } from './DataFolderAction';

const BUSY_LABELS: Record<BrokerTransition, string> = { start: 'Starting…', stop: 'Stopping…', restart: 'Restarting…' };

export function BrokerControls() {
  const state = useAppStore(selectBrokerState);
  const control = useAppStore(selectBrokerControl);
  const connected = useAppStore(selectHostLinkStatus) === 'connected';
  const { startBroker, stopBroker, restartBroker } = useAppStore(useShallow(selectBrokerActions));
  const busy = control.pending !== null || state === 'starting' || !connected || state === null;
  const label = (kind: BrokerTransition, idle: string) => (control.pending === kind ? BUSY_LABELS[kind] : idle);

  return (
    <div className="broker-controls">
      <div className="broker-controls__bar" role="toolbar" aria-label="Broker control">
        <div className="broker-controls__group">
          {canStop(state) ? (
            <button type="button" className="button button--small" onClick={() => void stopBroker()} disabled={busy} data-testid="broker-stop">
              <StopIcon />
              {label('stop', 'Stop')}
            </button>
          ) : (
            <button
              type="button"
              className={state === 'failed' ? 'button button--small' : 'button button--small button--primary'}
              onClick={() => void startBroker()}
              disabled={busy}
              title={state === 'failed' ? 'Start it again as it was' : undefined}
              data-testid="broker-start"
            >
              <StartIcon />
              {state === 'starting' ? 'Starting…' : label('start', 'Start')}
            </button>
          )}
          <button type="button" className="button button--small" onClick={() => void restartBroker()} disabled={busy || state !== 'running'} data-testid="broker-restart">
            <RestartIcon />
            {label('restart', 'Restart')}
          </button>
        </div>
        <div className="broker-controls__group">
          <DataFolderAction />
          <ConnectionSettingsButton />
        </div>
      </div>
      <FormError message={control.error} testId="broker-control-error" />
    </div>
  );
}

/** Stop is offered while the broker runs (or is starting); Start once it stopped or failed. */
function canStop(state: BrokerState | null): boolean {
  return state === 'running' || state === 'starting';
}

function StopIcon() {
  return (
    <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
      <rect x="2" y="2" width="8" height="8" rx="1.5" fill="currentColor" />
    </svg>
  );
}

function StartIcon() {
  return (
    <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
      <path d="M3 1.8v8.4L10 6z" fill="currentColor" />
    </svg>
  );
}

function RestartIcon() {
  return (
    <svg width="13" height="13" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M13 8a5 5 0 1 1-1.6-3.7" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" />
      <path d="M12.2 1.6v3.2H9" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
