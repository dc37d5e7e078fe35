import { describe, expect, it } from 'vitest';
import { MAX_CONNECTIONS_PAGE, type ClientConnection } from '../../../../electron/contract';
import { fakeHostApi } from '../../test-support/fake-host-api';
import { createAppStore } from '../create-app-store';
import { selectClientConnections } from './selectors';

const connection = (id: number): ClientConnection => ({
  id,
  remoteAddress: '127.0.0.1',
  remotePort: 50000 + id,
  clientId: `client-${id}`,
  connectedAt: 1,
  requestCount: 3,
  pendingRequests: 0,
  oldestPendingRequest: null,
  readPaused: null,
});

describe('connections slice', () => {
  it('loads one page of connections with the largest limit', async () => {
    const api = fakeHostApi();
    api.respond = async () => ({ ok: true, value: [connection(1)] });
    const store = createAppStore(api);

    await store.getState().loadConnections();

    expect(api.calls).toEqual([{ method: 'broker.listConnections', request: { limit: MAX_CONNECTIONS_PAGE } }]);
    expect(selectClientConnections(store.getState())).toEqual([connection(1)]);
  });

  it('replaces the list on a push and keeps it bounded', () => {
    const store = createAppStore(fakeHostApi());
    const flood = Array.from({ length: MAX_CONNECTIONS_PAGE + 50 }, (_, i) => connection(i));

    store.getState().receiveConnections([connection(1), connection(2)]);
    store.getState().receiveConnections(flood);

    expect(selectClientConnections(store.getState())).toHaveLength(MAX_CONNECTIONS_PAGE);
  });

  it('does not let a slow load overwrite a newer push', async () => {
    const api = fakeHostApi();
    let answer!: () => void;
    api.respond = () => new Promise((resolve) => (answer = () => resolve({ ok: true, value: [connection(1)] })));
    const store = createAppStore(api);

    const loading = store.getState().loadConnections();
    store.getState().receiveConnections([]);
    answer();
    await loading;

    expect(selectClientConnections(store.getState())).toEqual([]);
  });

  it('records an unreachable host', async () => {
    const store = createAppStore(fakeHostApi());
    await store.getState().loadConnections();
    expect(store.getState().clientConnectionsError).toBe('not connected to the Eddy host');
  });
});
