import type { ClientConnection } from '../../../../electron/contract';
import { formatClockTime } from '../../format/format-clock-time';
import { formatDuration } from '../../format/format-duration';
import { useNow } from '../../hooks/use-now';
import { useAppStore } from '../../store/use-app-store';
import { selectBrokerAddress } from '../../store/broker';
import { selectClientConnections, selectClientConnectionsError } from '../../store/connections';

/** Rows shown; the store holds at most MAX_CONNECTIONS_PAGE, a small table shows the first ones. */
const VISIBLE_ROWS = 200;

export function ConnectionsTable() {
  const connections = useAppStore(selectClientConnections);
  const error = useAppStore(selectClientConnectionsError);
  const address = useAppStore(selectBrokerAddress);
  const now = useNow(1000, connections.length > 0);
  const visible = connections.slice(0, VISIBLE_ROWS);

  return (
    <div className="panel connections" data-testid="connections-panel">
      <div className="panel__header">
        <h2 className="panel__title">Client connections</h2>
        <span className="panel__count" data-testid="connections-count">
          {connections.length}
        </span>
      </div>
      {error && <div className="panel__error">Could not list connections: {error}</div>}
      {connections.length === 0 ? (
        <div className="connections__empty" data-testid="connections-empty">
          No clients connected{address ? <> — point a Kafka client at <code>{address}</code></> : null}.
        </div>
      ) : (
        <table className="table" data-testid="connections-table">
          <thead>
            <tr>
              <th scope="col">Client ID</th>
              <th scope="col">Remote address</th>
              <th scope="col">Connected</th>
              <th scope="col" className="table__numeric">
                Requests
              </th>
              <th scope="col">Waiting</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((connection) => (
              <ConnectionRow key={connection.id} connection={connection} now={now} />
            ))}
          </tbody>
        </table>
      )}
      {connections.length > VISIBLE_ROWS && (
        <div className="connections__more">Showing the first {VISIBLE_ROWS} of {connections.length} connections.</div>
      )}
    </div>
  );
}

function ConnectionRow({ connection, now }: { connection: ClientConnection; now: number }) {
  const remote = connection.remoteAddress.includes(':') ? `[${connection.remoteAddress}]` : connection.remoteAddress;
  return (
    <tr data-testid="connection-row" data-client-id={connection.clientId ?? ''}>
      <td className={connection.clientId ? 'table__mono' : 'table__muted'}>{connection.clientId ?? 'not identified yet'}</td>
      <td className="table__mono">
        {remote}:{connection.remotePort}
      </td>
      <td title={new Date(connection.connectedAt).toISOString()}>
        {formatClockTime(connection.connectedAt)} <span className="table__muted">· {formatDuration(now - connection.connectedAt)}</span>
      </td>
      <td className="table__numeric">{connection.requestCount}</td>
      <td>
        <Waiting connection={connection} now={now} />
      </td>
    </tr>
  );
}

const pauseReasons: Record<NonNullable<ClientConnection['readPaused']>, { label: string; title: string }> = {
  'client-not-reading': { label: 'client not reading', title: 'The client does not read its responses: the broker stops reading its requests until it does.' },
  'too-many-in-flight': { label: 'too many in flight', title: 'More requests are in flight than the broker holds per connection: it reads more as answers go out.' },
};

/** The oldest unanswered request (its API, age and what it waits for), flagged when stalled; or "idle". */
function Waiting({ connection, now }: { connection: ClientConnection; now: number }) {
  const oldest = connection.oldestPendingRequest;
  const paused = connection.readPaused ? pauseReasons[connection.readPaused] : null;
  if (!oldest && !paused) return <span className="table__muted">idle</span>;
  return (
    <span className={oldest?.stalled ? 'waiting waiting--stalled' : 'waiting'} data-testid="connection-waiting" data-stalled={oldest?.stalled ? 'true' : 'false'}>
      {oldest && (
        <span title={`${oldest.api} v${oldest.apiVersion}, correlation id ${oldest.correlationId}: waiting for ${oldest.waitingFor}`}>
          {oldest.stalled && <strong>stalled · </strong>}
          {oldest.api} v{oldest.apiVersion} · {formatDuration(Math.max(0, now - oldest.receivedAt))}
          {connection.pendingRequests > 1 && <span className="table__muted"> (+{connection.pendingRequests - 1})</span>}
          <span className="waiting__for"> · waiting for {oldest.waitingFor}</span>
        </span>
      )}
      {paused && (
        <span className="waiting__paused" title={paused.title}>
          {oldest ? ' · ' : ''}reading paused: {paused.label}
        </span>
      )}
    </span>
  );
}
