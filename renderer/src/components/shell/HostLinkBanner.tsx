import { useAppStore } from '../../store/use-app-store';
import { selectHostLinkDetail, selectHostLinkStatus } from '../../store/host-link';

/** Says when the page has lost its host (serve mode's WebSocket dropped) and is reconnecting. */
export function HostLinkBanner() {
  const status = useAppStore(selectHostLinkStatus);
  const detail = useAppStore(selectHostLinkDetail);
  if (status === 'connected') return null;
  return (
    <div className={`host-link-banner host-link-banner--${status}`} role="status" data-testid="host-link-banner" data-status={status}>
      <span className="host-link-banner__title">{status === 'connecting' ? 'Connecting to the Eddy host…' : 'Disconnected from the Eddy host'}</span>
      {detail && <span className="host-link-banner__detail">{detail}</span>}
    </div>
  );
}
