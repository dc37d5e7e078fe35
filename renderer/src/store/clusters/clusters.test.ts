import { describe, expect, it } from 'vitest';
import { EMBEDDED_CLUSTER_ID, type ClusterConnectionInput, type ContractResult } from '../../../../electron/contract';
import { clusterList, clusterState, clusterSummary, fakeHostApi } from '../../test-support/fake-host-api';
import { ok } from '../../test-support/store-test-support';
import { createAppStore } from '../create-app-store';
import { selectActiveCluster, selectActiveClusterId, selectActiveClusterReadOnly, selectClusterDiagnosis, selectClusterConnections, selectReadOnlyReason, selectShowsRemoteCluster } from './selectors';

const input: ClusterConnectionInput = {
  name: 'staging',
  colour: '#6366f1',
  bootstrapServers: ['kafka-1.staging:9092'],
  clientId: 'eddy-console',
  securityProtocol: 'PLAINTEXT',
  sasl: null,
  tls: { ca: null, cert: null, key: null, skipVerify: false },
  readOnly: true,
};

const diagnosis = { ok: true, summary: 'Connected to 3 brokers.', steps: [{ step: 'bootstrap' as const, status: 'ok' as const, detail: 'reached kafka-1.staging:9092' }] };

describe('clusters slice', () => {
  it('shows the embedded broker until the host says otherwise, then loads the list, the state and where secrets are kept', async () => {
    const api = fakeHostApi();
    api.respond = () => ok(clusterList(['staging'], clusterState('staging', { state: 'connecting' })));
    const store = createAppStore(api);
    expect(selectActiveClusterId(store.getState())).toBe(EMBEDDED_CLUSTER_ID);

    await store.getState().loadClusters();

    expect(api.calls).toEqual([{ method: 'clusters.list', request: {} }]);
    expect(selectClusterConnections(store.getState()).map((c) => c.id)).toEqual([EMBEDDED_CLUSTER_ID, 'staging']);
    expect(selectActiveCluster(store.getState())?.name).toBe('staging');
    expect(selectShowsRemoteCluster(store.getState())).toBe(true);
    expect(store.getState().clusterSecretStorage?.description).toBe('Secrets are kept in a file only you can read.');
  });

  it('says whether the connection shown is read-only, and why its mutations are not offered, following the list and the state', () => {
    const store = createAppStore(fakeHostApi());
    expect(selectActiveClusterReadOnly(store.getState())).toBe(false);
    expect(selectReadOnlyReason(store.getState())).toBeNull();

    const list = clusterList(['dev'], clusterState('staging'));
    store.getState().receiveClusterList({ ...list, connections: [...list.connections, clusterSummary('staging', { name: 'Staging EU', readOnly: true })] });
    expect(selectActiveClusterReadOnly(store.getState())).toBe(true);
    expect(selectReadOnlyReason(store.getState())).toBe('Read-only connection: Staging EU does not allow this');

    store.getState().receiveClusterState(clusterState('dev'));
    expect(selectActiveClusterReadOnly(store.getState())).toBe(false);
    expect(selectReadOnlyReason(store.getState())).toBeNull();

    store.getState().receiveClusterState(clusterState(EMBEDDED_CLUSTER_ID));
    expect(selectReadOnlyReason(store.getState())).toBeNull();
  });

  it('keeps a pushed state that arrived while a load was in flight', async () => {
    const api = fakeHostApi();
    let answer!: () => void;
    api.respond = () => new Promise<ContractResult<unknown>>((resolve) => (answer = () => resolve({ ok: true, value: clusterList(['staging']) })));
    const store = createAppStore(api);

    const loading = store.getState().loadClusters();
    store.getState().receiveClusterState(clusterState('staging', { state: 'reconnecting', nextAttemptAt: 5, attempt: 2, problem: 'connection refused' }));
    answer();
    await loading;

    expect(store.getState().clusterCurrent).toMatchObject({ activeId: 'staging', state: 'reconnecting', attempt: 2 });
    expect(selectClusterConnections(store.getState())).toHaveLength(2);
  });

  it('saves, duplicates and removes through the host, keeping the embedded broker first and the others by name', async () => {
    const api = fakeHostApi();
    const store = createAppStore(api);
    store.getState().receiveClusterList(clusterList(['prod']));

    api.respond = () => ok(clusterSummary('staging'));
    expect(await store.getState().saveCluster(null, input)).toMatchObject({ ok: true });
    api.respond = () => ok(clusterSummary('alpha', { name: 'alpha' }));
    await store.getState().duplicateCluster('prod');
    expect(selectClusterConnections(store.getState()).map((c) => c.id)).toEqual([EMBEDDED_CLUSTER_ID, 'alpha', 'prod', 'staging']);

    api.respond = () => ok({ id: 'prod' });
    await store.getState().removeCluster('prod');
    expect(selectClusterConnections(store.getState()).map((c) => c.id)).toEqual([EMBEDDED_CLUSTER_ID, 'alpha', 'staging']);
    expect(api.calls.map((call) => call.request)).toEqual([{ id: null, connection: input }, { id: 'prod' }, { id: 'prod' }]);
  });

  it('gives the host’s refusal of a save back to the form as worded', async () => {
    const api = fakeHostApi();
    api.respond = async () => ({ ok: false, error: { code: 'REFUSED', reason: 'DUPLICATE_NAME', message: 'a connection named "staging" already exists' } });
    const store = createAppStore(api);

    expect(await store.getState().saveCluster(null, input)).toEqual({ ok: false, message: 'a connection named "staging" already exists', reason: 'DUPLICATE_NAME' });
  });

  it('keeps the last diagnosis per form, and forgets it when told', async () => {
    const api = fakeHostApi();
    api.respond = () => ok(diagnosis);
    const store = createAppStore(api);

    await store.getState().testCluster(null, input);
    api.respond = async () => ({ ok: false, error: { code: 'HOST_ERROR', message: 'boom' } });
    await store.getState().testCluster('staging', input);

    expect(selectClusterDiagnosis(null)(store.getState())).toEqual({ testing: false, diagnosis, error: null });
    expect(selectClusterDiagnosis('staging')(store.getState())).toEqual({ testing: false, diagnosis: null, error: 'boom' });
    expect(api.calls.map((call) => call.request)).toEqual([{ id: null, connection: input }, { id: 'staging', connection: input }]);

    store.getState().clearClusterDiagnosis(null);
    expect(selectClusterDiagnosis(null)(store.getState())).toBeNull();
  });

  it('opens a connection, applying the state it answers with, and says why it could not', async () => {
    const api = fakeHostApi();
    const store = createAppStore(api);
    api.respond = () => ok(clusterState('staging', { state: 'failed', problem: 'no broker answered' }));

    const result = await store.getState().openCluster('staging');

    expect(result.ok).toBe(true);
    expect(store.getState().clusterCurrent).toMatchObject({ activeId: 'staging', state: 'failed', problem: 'no broker answered' });
    expect(store.getState().clusterOpening).toBeNull();

    api.respond = () => Promise.reject(new Error('not connected to the Eddy host'));
    await store.getState().openCluster(EMBEDDED_CLUSTER_ID);
    expect(store.getState().clusterOpenError).toBe('Could not open the connection: not connected to the Eddy host');
  });

  it('describes the open remote cluster, never showing one connection’s description under another', async () => {
    const api = fakeHostApi();
    const store = createAppStore(api);
    store.getState().receiveClusterState(clusterState('staging'));
    const overview = { connectionId: 'staging', clusterId: 'abc', controllerId: 1, brokers: [{ nodeId: 1, host: 'kafka-1', port: 9092, rack: null }], topics: 4, partitions: 12 };
    api.respond = () => ok(overview);

    await store.getState().describeCluster();
    expect(store.getState().clusterOverview).toEqual({ connectionId: 'staging', overview, loading: false, error: null });

    api.respond = () => ok({ ...overview, connectionId: 'prod' });
    await store.getState().describeCluster();
    expect(store.getState().clusterOverview?.error).toBe('the cluster changed before its description came');
  });
});
