import { useAppStore } from '../../store/use-app-store';
import { selectBrokerStatus } from '../../store/broker';
import { CopyButton } from '../common/CopyButton';

/** The broker's identity and where it keeps its data. */
export function BrokerDetails() {
  const status = useAppStore(selectBrokerStatus);
  if (!status) return null;
  return (
    <div className="panel details">
      <dl className="details__grid">
        <Detail label="Version" value={status.version} testId="broker-version" />
        <Detail label="Cluster ID" value={status.clusterId ?? '—'} testId="broker-cluster-id" mono />
        <Detail label="Node ID" value={status.nodeId === null ? '—' : String(status.nodeId)} testId="broker-node-id" />
        <Detail
          label="Listening on"
          value={status.listenAddresses.length > 0 ? status.listenAddresses.join(', ') : '—'}
          testId="broker-listen-addresses"
          mono
        />
      </dl>
      <div className="details__data-dir">
        <div className="details__label">Data directory</div>
        <div className="details__path-row">
          <code className="details__path" data-testid="broker-data-dir" title={status.dataDir}>
            {status.dataDir}
          </code>
          <CopyButton text={status.dataDir} label="Copy the data directory path" testId="copy-data-dir" />
        </div>
      </div>
    </div>
  );
}

function Detail({ label, value, testId, mono = false }: { label: string; value: string; testId: string; mono?: boolean }) {
  return (
    <div className="details__item">
      <dt className="details__label">{label}</dt>
      <dd className={mono && value !== '—' ? 'details__value details__value--mono' : 'details__value'} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
