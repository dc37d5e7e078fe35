/**
 * A HostApi for renderer unit tests: calls are answered by `respond` (or fail as unreachable),
 * events and link changes are pushed by the test.
 */
import {
  createContractClient,
  EMBEDDED_CLUSTER_ID,
  type BrokerStatus,
  type ClusterConnectionList,
  type ClusterConnectionState,
  type ClusterConnectionSummary,
  type ContractResult,
  type EventName,
  type EventPayload,
  type MethodName,
  type TopicSummary,
} from '../../../electron/contract';
import { HostUnreachableError, type HostApi, type HostLinkState } from '../api/host-api';

export interface FakeHostApi extends HostApi {
  calls: Array<{ method: MethodName; request: unknown }>;
  respond: (method: MethodName, request: unknown) => Promise<ContractResult<unknown>>;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  setLink(state: HostLinkState): void;
  listenerCount(): number;
}

export function fakeHostApi(initialLink: HostLinkState = { status: 'connected', detail: null }): FakeHostApi {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const linkListeners = new Set<(state: HostLinkState) => void>();
  let link = initialLink;

  const fake: FakeHostApi = {
    calls: [],
    respond: () => Promise.reject(new HostUnreachableError('not connected to the Eddy host')),
    contract: {
      ...createContractClient((method, request) => {
        fake.calls.push({ method, request });
        return fake.respond(method, request);
      }),
      on(event, listener) {
        const set = listeners.get(event) ?? new Set();
        listeners.set(event, set);
        set.add(listener as (payload: unknown) => void);
        return () => set.delete(listener as (payload: unknown) => void);
      },
    },
    link: {
      current: () => link,
      onChange(listener) {
        linkListeners.add(listener);
        return () => linkListeners.delete(listener);
      },
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
    setLink(state) {
      link = state;
      for (const listener of linkListeners) listener(state);
    },
    listenerCount() {
      return [...listeners.values()].reduce((sum, set) => sum + set.size, 0) + linkListeners.size;
    },
  };
  return fake;
}

export function brokerStatus(overrides: Partial<BrokerStatus> = {}): BrokerStatus {
  return {
    state: 'running',
    address: 'localhost:9092',
    listenAddresses: ['127.0.0.1:9092', '[::1]:9092'],
    listeners: [{ name: 'PLAINTEXT', securityProtocol: 'PLAINTEXT', address: 'localhost:9092', saslMechanisms: [] }],
    requestedPort: 9092,
    dataDir: '/home/ada/.config/Eddy/data',
    startedAt: 1_700_000_000_000,
    version: '0.1.0',
    clusterId: 'q1Sh-9_ISia_zwGINzRvyQ',
    nodeId: 1,
    connectedClients: 0,
    error: null,
    ...overrides,
  };
}

export function topicSummary(name: string, overrides: Partial<TopicSummary> = {}): TopicSummary {
  return {
    name,
    topicId: `id-${name}`,
    partitions: 1,
    records: 0,
    bytes: 0,
    lastAppendTime: null,
    createdAt: 1_700_000_000_000,
    overrides: 0,
    ...overrides,
  };
}

export function clusterSummary(id: string, overrides: Partial<ClusterConnectionSummary> = {}): ClusterConnectionSummary {
  const embedded = id === EMBEDDED_CLUSTER_ID;
  return {
    id,
    kind: embedded ? 'embedded' : 'remote',
    name: embedded ? 'Local broker' : id,
    colour: embedded ? '#2dd4bf' : '#6366f1',
    bootstrapServers: [embedded ? 'localhost:9092' : `${id}.example.com:9092`],
    clientId: 'eddy-console',
    securityProtocol: 'PLAINTEXT',
    sasl: null,
    tls: { ca: null, cert: null, hasKey: false, skipVerify: false },
    readOnly: false,
    fromCommandLine: false,
    ...overrides,
  };
}

export function clusterState(activeId: string, overrides: Partial<ClusterConnectionState> = {}): ClusterConnectionState {
  return { activeId, state: 'connected', problem: null, nextAttemptAt: null, attempt: 0, unavailable: [], ...overrides };
}

/** A `clusters.list` answer: the embedded broker and the remote ones named, `current` shown. */
export function clusterList(remoteIds: string[], current: ClusterConnectionState = clusterState(EMBEDDED_CLUSTER_ID)): ClusterConnectionList {
  return {
    connections: [clusterSummary(EMBEDDED_CLUSTER_ID), ...remoteIds.map((id) => clusterSummary(id))],
    current,
    secretStorage: { kind: 'user-file', description: 'Secrets are kept in a file only you can read.' },
  };
}
