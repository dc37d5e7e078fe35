import { useAppStore } from '../../store/use-app-store';
import type { BrokerErrorCode } from '../../../../electron/contract';
import { selectBrokerError, selectBrokerRequestedPort } from '../../store/broker';

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

/** Why the broker is not running, and what to do about it. Renders nothing when all is well. */
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
        <span className="error-panel__code">{error.code}</span>
      </div>
    </div>
  );
}
