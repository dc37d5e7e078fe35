import { expect, it } from 'vitest';
import { brokerStatus, clusterList, clusterState, fakeHostApi } from '../test-support/fake-host-api';
import { createAppStore } from '../store/create-app-store';
import { startTitleSync } from './title-sync';

it('keeps the document title naming the view and the broker address as they change', () => {
  const store = createAppStore(fakeHostApi());
  const doc = { title: 'Eddy' };
  const stop = startTitleSync(store, doc);
  expect(doc.title).toBe('Broker — Eddy');

  store.getState().receiveBrokerStatus(brokerStatus({ address: 'localhost:9092' }));
  expect(doc.title).toBe('Broker — localhost:9092 — Eddy');

  store.getState().showView('topics');
  expect(doc.title).toBe('Topics — localhost:9092 — Eddy');

  stop();
  store.getState().showView('settings');
  expect(doc.title).toBe('Topics — localhost:9092 — Eddy');
});

it('names a remote cluster by its name, and the embedded broker by its address', () => {
  const store = createAppStore(fakeHostApi());
  const doc = { title: 'Eddy' };
  startTitleSync(store, doc);
  store.getState().receiveBrokerStatus(brokerStatus({ address: 'localhost:9092' }));
  store.getState().receiveClusterList(clusterList(['staging']));
  expect(doc.title).toBe('Broker — localhost:9092 — Eddy');

  store.getState().receiveClusterState(clusterState('staging'));
  store.getState().showView('topics');
  expect(doc.title).toBe('Topics — staging — Eddy');
});
