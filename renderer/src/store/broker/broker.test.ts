import { describe, expect, it } from 'vitest';
import { brokerStatus, fakeHostApi } from '../../test-support/fake-host-api';
import { createAppStore } from '../create-app-store';
import type { FakeHostApi } from '../../test-support/fake-host-api';
import {
  selectBrokerAddress,
  selectBrokerControl,
  selectBrokerError,
  selectBrokerFreePort,
  selectBrokerState,
  selectCanOpenDataDir,
  selectConnectedClientCount,
  selectConnectionSettings,
  selectOnlyPlaintext,
} from './selectors';

/** Answers each call with the next of `answers` (a value, or a host refusal), held until `release()` when `gated`. */
function scripted(api: FakeHostApi, answers: Array<{ value: unknown } | { refused: string }>, gated = false) {
  let release!: () => void;
  const gate = gated ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
  api.respond = async () => {
    await gate;
    const answer = answers.shift();
    if (!answer) throw new Error('no answer scripted');
    return 'value' in answer ? { ok: true, value: answer.value } : { ok: false, error: { code: 'REFUSED', reason: 'BROKER_RUNNING', message: answer.refused } };
  };
  return { release: () => release() };
}

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

  it('stops, starts and restarts through the host, showing each transition as pending and applying the status it answers', async () => {
    const api = fakeHostApi();
    const store = createAppStore(api);
    store.getState().receiveBrokerStatus(brokerStatus());
    const control = scripted(api, [{ value: brokerStatus({ state: 'stopped', address: null }) }], true);

    const stopping = store.getState().stopBroker();
    expect(selectBrokerControl(store.getState())).toEqual({ pending: 'stop', error: null });
    control.release();
    expect(await stopping).toMatchObject({ ok: true });
    expect(selectBrokerState(store.getState())).toBe('stopped');
    expect(selectBrokerControl(store.getState())).toEqual({ pending: null, error: null });

    scripted(api, [{ value: brokerStatus({ requestedPort: 9093, address: 'localhost:9093' }) }, { value: brokerStatus() }]);
    await store.getState().startBroker(9093);
    expect(selectBrokerAddress(store.getState())).toBe('localhost:9093');
    await store.getState().restartBroker();

    expect(api.calls).toEqual([
      { method: 'broker.stop', request: {} },
      { method: 'broker.start', request: { port: 9093 } },
      { method: 'broker.restart', request: {} },
    ]);
    expect(selectBrokerState(store.getState())).toBe('running');
  });

  it('sends one transition at a time: a second one while the first is pending is not sent', async () => {
    const api = fakeHostApi();
    const store = createAppStore(api);
    const control = scripted(api, [{ value: brokerStatus({ state: 'stopped', address: null }) }], true);

    const stopping = store.getState().stopBroker();
    const second = await store.getState().restartBroker();
    control.release();
    await stopping;

    expect(second).toEqual({ ok: false, message: 'the broker is already stopping', reason: null });
    expect(api.calls.map((call) => call.method)).toEqual(['broker.stop']);
  });

  it('says in place why a transition did not happen, and clears it with the next one', async () => {
    const api = fakeHostApi();
    const store = createAppStore(api);
    scripted(api, [{ refused: 'the broker already runs on localhost:9092; restart it to move it to port 9093' }]);

    const result = await store.getState().startBroker(9093);

    expect(result).toMatchObject({ ok: false, reason: 'BROKER_RUNNING' });
    expect(selectBrokerControl(store.getState())).toEqual({ pending: null, error: 'Could not start the broker: the broker already runs on localhost:9092; restart it to move it to port 9093' });

    api.respond = () => Promise.reject(new Error('not connected to the Eddy host'));
    await store.getState().stopBroker();
    expect(selectBrokerControl(store.getState()).error).toBe('Could not stop the broker: not connected to the Eddy host');

    scripted(api, [{ value: brokerStatus() }]);
    await store.getState().restartBroker();
    expect(selectBrokerControl(store.getState()).error).toBeNull();
  });

  it('finds a free port above the taken one, and keeps only the offer for the latest taken port', async () => {
    const api = fakeHostApi();
    const store = createAppStore(api);
    const first = scripted(api, [{ value: { port: 9093 } }], true);

    const looking = store.getState().findFreeBrokerPort(9092);
    expect(selectBrokerFreePort(store.getState())).toEqual({ forPort: 9092, port: null, loading: true, error: null });
    first.release();
    await looking;
    expect(selectBrokerFreePort(store.getState())).toEqual({ forPort: 9092, port: 9093, loading: false, error: null });

    scripted(api, [{ value: { port: 9100 } }]);
    await store.getState().findFreeBrokerPort(9093);
    expect(api.calls.map((call) => call.request)).toEqual([{ from: 9093 }, { from: 9094 }]);
    expect(selectBrokerFreePort(store.getState())).toMatchObject({ forPort: 9093, port: 9100 });

    api.respond = async () => ({ ok: false, error: { code: 'REFUSED', reason: 'NO_FREE_PORT', message: 'could not find a free port for the broker' } });
    await store.getState().findFreeBrokerPort(9100);
    expect(selectBrokerFreePort(store.getState())).toEqual({ forPort: 9100, port: null, loading: false, error: 'could not find a free port for the broker' });
  });

  it('offers the client properties for the bootstrap address only while the broker listens', () => {
    const store = createAppStore(fakeHostApi());
    store.getState().receiveBrokerStatus(brokerStatus({ address: 'localhost:9093' }));
    expect(selectConnectionSettings(store.getState())).toBe('bootstrap.servers=localhost:9093\nsecurity.protocol=PLAINTEXT');

    store.getState().receiveBrokerStatus(brokerStatus({ state: 'stopped', address: null }));
    expect(selectConnectionSettings(store.getState())).toBeNull();
  });

  it('gives one block of client properties per listener when the broker has TLS or SASL listeners', () => {
    const store = createAppStore(fakeHostApi());
    store.getState().receiveBrokerStatus(
      brokerStatus({
        address: 'localhost:9092',
        listeners: [
          { name: 'PLAINTEXT', securityProtocol: 'PLAINTEXT', address: 'localhost:9092', saslMechanisms: [] },
          { name: 'SASL_SSL', securityProtocol: 'SASL_SSL', address: 'localhost:9093', saslMechanisms: ['SCRAM-SHA-256', 'PLAIN'] },
        ],
      }),
    );
    expect(selectConnectionSettings(store.getState())).toBe(
      [
        '# PLAINTEXT listener',
        'bootstrap.servers=localhost:9092',
        'security.protocol=PLAINTEXT',
        '',
        '# SASL_SSL listener',
        'bootstrap.servers=localhost:9093',
        'security.protocol=SASL_SSL',
        'sasl.mechanism=SCRAM-SHA-256',
        '# this listener also takes: PLAIN',
        'sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="<user>" password="<password>";',
        '# a self-signed broker certificate: trust the CA that signed it',
        'ssl.truststore.type=PEM',
        'ssl.truststore.location=<path to the CA certificate, PEM>',
      ].join('\n'),
    );
    expect(selectOnlyPlaintext(store.getState())).toBe(false);
  });

  it('can open the data folder only in the desktop app, and asks the host to', async () => {
    expect(selectCanOpenDataDir(createAppStore(fakeHostApi()).getState())).toBe(false);
    const api = Object.assign(fakeHostApi(), { desktop: true });
    const store = createAppStore(api);
    scripted(api, [{ value: { path: '/home/ada/.config/Eddy/data' } }]);

    expect(selectCanOpenDataDir(store.getState())).toBe(true);
    expect(await store.getState().openBrokerDataDir()).toEqual({ ok: true, value: { path: '/home/ada/.config/Eddy/data' } });
    expect(api.calls).toEqual([{ method: 'broker.openDataDir', request: {} }]);
  });
});
