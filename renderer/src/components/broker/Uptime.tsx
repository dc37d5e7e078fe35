import { formatDuration } from '../../format/format-duration';
import { useNow } from '../../hooks/use-now';
import { useAppStore } from '../../store/use-app-store';
import { selectBrokerIsRunning, selectBrokerStartedAt } from '../../store/broker';
import { selectHostLinkStatus } from '../../store/host-link';

/** How long the broker has been running, ticking every second; a dash when it is not running. */
export function Uptime() {
  const startedAt = useAppStore(selectBrokerStartedAt);
  const running = useAppStore(selectBrokerIsRunning);
  // While the host is unreachable the broker may have stopped: stop counting rather than guess.
  const live = useAppStore(selectHostLinkStatus) === 'connected';
  const now = useNow(1000, live && running && startedAt !== null);
  return (
    <div className="card__value" data-testid="broker-uptime">
      {running && startedAt !== null ? formatDuration(now - startedAt) : '—'}
    </div>
  );
}
