import { describe, expect, it } from 'vitest';
import { brokerStatus, fakeHostApi } from '../../test-support/fake-host-api';
import { createAppStore } from '../create-app-store';
import { selectBrokerAddress, selectBrokerError, selectBrokerState, selectConnectedClientCount } from './selectors';

describe('broker slice', () => {
  it('starts with no status', () => {
    const store = createAppStore(fakeHostApi());
    expect(store.getState().brokerStatus).toBeNull();
    expect(selectBrokerState(store.getState())).toBeNull();
    expect(selectConnectedClientCount(store.getState())).toBe(0);
  });

  it('loads the status from the host', async () => {
    const api = fakeHostApi();
    api.respond = async () => ({ ok: true, value: brokerStatus({ connectedClients: 2 }) });
    const store = createAppStore(api);

    await store.getState().loadBrokerStatus();

    expect(api.calls).toEqual([{ method: 'broker.getStatus', request: {} }]);
    expect(selectBrokerAddress(store.getState())).toBe('localhost:9092');
    expect(selectConnectedClientCount(store.getState())).toBe(2);
  });

  it('keeps a pushed status that arrived while a load was in flight', async () => {
    const api = fakeHostApi();
    let answer!: (value: unknown) => void;
    api.respond = () => new Promise((resolve) => (answer = (value) => resolve({ ok: true, value })));
    const store = createAppStore(api);

    const loading = store.getState().loadBrokerStatus();
    store.getState().receiveBrokerStatus(brokerStatus({ connectedClients: 5 }));
    answer(brokerStatus({ connectedClients: 1 }));
    await loading;

    expect(selectConnectedClientCount(store.getState())).toBe(5);
  });

  it('records why a load failed, from a typed error or an unreachable host', async () => {
    const api = fakeHostApi();
    const store = createAppStore(api);

    await store.getState().loadBrokerStatus();
    expect(store.getState().brokerStatusError).toBe('not connected to the Eddy host');

    api.respond = async () => ({ ok: false, error: { code: 'HOST_ERROR', message: 'broker.getStatus failed: boom' } });
    await store.getState().loadBrokerStatus();
    expect(store.getState().brokerStatusError).toBe('broker.getStatus failed: boom');
  });

  it('exposes a failed broker’s error with its hint', () => {
    const store = createAppStore(fakeHostApi());
    const error = { code: 'PORT_IN_USE' as const, message: 'port 9092 is already in use', hint: 'pick another port with --port <n>' };

    store.getState().receiveBrokerStatus(brokerStatus({ state: 'failed', address: null, error }));

    expect(selectBrokerState(store.getState())).toBe('failed');
    expect(selectBrokerError(store.getState())).toEqual(error);
  });
});
