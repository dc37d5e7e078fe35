import { useShallow } from 'zustand/react/shallow';
import { selectBrokerActions, selectBrokerControl, selectBrokerState } from '../../store/broker';
import { selectPendingRestart } from '../../store/settings';
import { useAppStore } from '../../store/use-app-store';
import { fieldLabel } from './settings-drafts';

/**
 * Saved settings the running broker does not use yet, and the restart that applies them ("Restart
 * now"); while the broker is stopped they apply at its next start. Renders nothing when none are.
 */
export function RestartNotice() {
  const pending = useAppStore(useShallow(selectPendingRestart));
  const state = useAppStore(selectBrokerState);
  const control = useAppStore(selectBrokerControl);
  const { restartBroker, startBroker } = useAppStore(useShallow(selectBrokerActions));
  if (pending.length === 0) return null;
  const running = state === 'running' || state === 'starting';
  const names = pending.map(fieldLabel).join(', ');
  return (
    <div className="notice notice--warning settings-restart" role="status" data-testid="settings-restart-notice">
      <span>
        Saved. The broker uses the new{' '}
        <strong>{names}</strong>
        {running ? ' after a restart; clients are disconnected while it restarts.' : ' when it starts.'}
      </span>
      <button
        type="button"
        className="button button--small button--primary"
        onClick={() => void (running ? restartBroker() : startBroker())}
        disabled={control.pending !== null}
        data-testid="settings-restart-now"
      >
        {control.pending === 'restart' ? 'Restarting…' : control.pending === 'start' ? 'Starting…' : running ? 'Restart now' : 'Start now'}
      </button>
    </div>
  );
}
