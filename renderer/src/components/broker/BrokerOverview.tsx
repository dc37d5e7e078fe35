import { useAppStore } from '../../store/use-app-store';
import { selectBrokerAddress, selectBrokerRequestedPort, selectConnectedClientCount } from '../../store/broker';
import { CopyButton } from '../common/CopyButton';
import { Uptime } from './Uptime';

/** The three things people come for: where to point clients, how long it has run, who is on it. */
export function BrokerOverview() {
  const address = useAppStore(selectBrokerAddress);
  const clients = useAppStore(selectConnectedClientCount);
  const requestedPort = useAppStore(selectBrokerRequestedPort);
  return (
    <div className="overview">
      <div className={address ? 'card card--address' : 'card card--address card--address-inactive'}>
        <div className="card__label">Bootstrap server</div>
        <div className="address-row">
          <code className={address ? 'address' : 'address address--inactive'} data-testid="broker-address">
            {address ?? 'not listening'}
          </code>
          {address && <CopyButton text={address} label="Copy the bootstrap server address" testId="copy-address" />}
        </div>
        <div className="card__hint">
          {address ? (
            <>
              Point any Kafka client at it: <code>bootstrap.servers={address}</code>
            </>
          ) : (
            `Clients cannot connect until the broker is running${requestedPort ? ` on port ${requestedPort}` : ''}.`
          )}
        </div>
      </div>
      <div className="card">
        <div className="card__label">Uptime</div>
        <Uptime />
      </div>
      <div className="card">
        <div className="card__label">Connected clients</div>
        <div className="card__value" data-testid="connected-clients">
          {clients}
        </div>
      </div>
    </div>
  );
}
