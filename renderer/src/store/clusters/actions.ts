/**
 * Clusters actions: the list (loaded, then replaced by each `clusters.list` push), the current
 * connection's state (`clusters.state` pushes and `clusters.open` answers; a pushed state always
 * wins over a load in flight), the writes (save, remove, duplicate; each answers the form that
 * asked with the host's refusal as worded), a form's test, and the open remote cluster's overview.
 * What a change of the current cluster does to the other slices is cluster-switch.ts's business.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { ClusterConnectionInput, ClusterConnectionList, ClusterConnectionState, ClusterConnectionSummary } from '../../../../electron/contract';
import type { HostApi } from '../../api/host-api';
import { settle, type ActionResult } from '../action-result';
import { describeError, type AppState } from '../app-state';
import { latestRead } from '../latest-read';
import { NEW_CLUSTER_FORM, type ClusterDiagnosisState } from './state';
import { selectActiveClusterId } from './selectors';

export interface ClustersActions {
  /** Fetches the list and the current state (on start-up and after reconnecting). */
  loadClusters(): Promise<void>;
  /** Applies a pushed `clusters.list` event. */
  receiveClusterList(list: ClusterConnectionList): void;
  /** Applies a pushed `clusters.state` event. */
  receiveClusterState(state: ClusterConnectionState): void;
  /** Adds (id null) or edits a remote connection. */
  saveCluster(id: string | null, connection: ClusterConnectionInput): Promise<ActionResult<ClusterConnectionSummary>>;
  removeCluster(id: string): Promise<ActionResult>;
  duplicateCluster(id: string): Promise<ActionResult<ClusterConnectionSummary>>;
  /** Tries a form's settings without saving them; the diagnosis is kept under the form's key. */
  testCluster(id: string | null, connection: ClusterConnectionInput): Promise<void>;
  /** Forgets a form's diagnosis (the form closed or changed). */
  clearClusterDiagnosis(id: string | null): void;
  /** Shows this connection in every view; resolves once connected or failed. */
  openCluster(id: string): Promise<ActionResult<ClusterConnectionState>>;
  /** Forgets why the last open was refused (the user closed the message). */
  dismissClusterOpenError(): void;
  /** Reads the open remote cluster's brokers, controller and size. */
  describeCluster(): Promise<void>;
  /** Keeps what was typed into a view's filter `field`, for the cluster shown. */
  setClusterViewText(field: string, value: string): void;
}

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

export const formKeyOf = (id: string | null) => id ?? NEW_CLUSTER_FORM;

/** The list with `summary` in its place: the embedded broker first, then the remote ones by name. */
function upsert(list: ClusterConnectionSummary[], summary: ClusterConnectionSummary): ClusterConnectionSummary[] {
  if (list.some((item) => item.id === summary.id)) return list.map((item) => (item.id === summary.id ? summary : item));
  const embedded = list.filter((item) => item.kind === 'embedded');
  const remote = [...list.filter((item) => item.kind !== 'embedded'), summary].sort((a, b) => a.name.localeCompare(b.name));
  return [...embedded, ...remote];
}

export function createClustersActions(api: HostApi, set: Set, get: Get): ClustersActions {
  let listRevision = 0;
  let stateRevision = 0;
  const testGenerations = new Map<string, number>();
  const overviewReads = latestRead();
  const clusters = () => api.contract.clusters;

  const applyState = (state: ClusterConnectionState) => {
    stateRevision += 1;
    set({ clusterCurrent: state });
  };

  const applyList = (list: ClusterConnectionList, withState: boolean) => {
    set({ clusterConnections: list.connections, clusterListLoaded: true, clusterListError: null, clusterSecretStorage: list.secretStorage });
    if (withState) applyState(list.current);
  };

  const updateDiagnosis = (key: string, patch: Partial<ClusterDiagnosisState>) => {
    const current = get().clusterDiagnoses[key] ?? { testing: false, diagnosis: null, error: null };
    set({ clusterDiagnoses: { ...get().clusterDiagnoses, [key]: { ...current, ...patch } } });
  };

  return {
    async loadClusters() {
      const askedList = listRevision;
      const askedState = stateRevision;
      try {
        const result = await clusters().list();
        if (!result.ok) {
          if (listRevision === askedList) set({ clusterListError: result.error.message });
          return;
        }
        if (listRevision === askedList) applyList(result.value, stateRevision === askedState);
        else if (stateRevision === askedState) applyState(result.value.current);
      } catch (error) {
        if (listRevision === askedList) set({ clusterListError: describeError(error) });
      }
    },
    receiveClusterList(list) {
      listRevision += 1;
      // The list's state is as new as the push: it wins over loads in flight too.
      applyList(list, true);
    },
    receiveClusterState(state) {
      applyState(state);
    },
    async saveCluster(id, connection) {
      const result = await settle(() => clusters().save({ id, connection }));
      if (result.ok) set({ clusterConnections: upsert(get().clusterConnections, result.value) });
      return result;
    },
    async removeCluster(id) {
      const result = await settle(() => clusters().remove({ id }));
      if (!result.ok) return result;
      set({ clusterConnections: get().clusterConnections.filter((item) => item.id !== id) });
      return { ok: true, value: undefined };
    },
    async duplicateCluster(id) {
      const result = await settle(() => clusters().duplicate({ id }));
      if (result.ok) set({ clusterConnections: upsert(get().clusterConnections, result.value) });
      return result;
    },
    async testCluster(id, connection) {
      const key = formKeyOf(id);
      const generation = (testGenerations.get(key) ?? 0) + 1;
      testGenerations.set(key, generation);
      updateDiagnosis(key, { testing: true, error: null, diagnosis: null });
      const result = await settle(() => clusters().test({ id, connection }));
      if (testGenerations.get(key) !== generation) return;
      if (result.ok) updateDiagnosis(key, { testing: false, diagnosis: result.value, error: null });
      else updateDiagnosis(key, { testing: false, diagnosis: null, error: result.message });
    },
    clearClusterDiagnosis(id) {
      const key = formKeyOf(id);
      testGenerations.set(key, (testGenerations.get(key) ?? 0) + 1);
      const { [key]: _dropped, ...rest } = get().clusterDiagnoses;
      set({ clusterDiagnoses: rest });
    },
    async openCluster(id) {
      set({ clusterOpening: id, clusterOpenError: null });
      const asked = stateRevision;
      const result = await settle(() => clusters().open({ id }));
      if (get().clusterOpening === id) set({ clusterOpening: null });
      if (!result.ok) {
        set({ clusterOpenError: `Could not open the connection: ${result.message}` });
        return result;
      }
      // A push that came after this answer was sent is newer; one before it is older.
      if (stateRevision === asked || get().clusterCurrent?.activeId !== result.value.activeId) applyState(result.value);
      return result;
    },
    dismissClusterOpenError() {
      set({ clusterOpenError: null });
    },
    setClusterViewText(field: string, value: string) {
      const clusterId = selectActiveClusterId(get());
      const texts = get().clusterViewTexts;
      set({ clusterViewTexts: { ...texts, [clusterId]: { ...texts[clusterId], [field]: value } } });
    },
    async describeCluster() {
      const connectionId = get().clusterCurrent?.activeId;
      if (connectionId === undefined) return;
      const previous = get().clusterOverview;
      set({ clusterOverview: { connectionId, overview: previous?.connectionId === connectionId ? previous.overview : null, loading: true, error: null } });
      const stillWanted = () => get().clusterCurrent?.activeId === connectionId;
      const done = (patch: { overview?: NonNullable<AppState['clusterOverview']>['overview']; error: string | null }) => {
        const current = get().clusterOverview;
        set({ clusterOverview: { connectionId, overview: patch.overview !== undefined ? patch.overview : current?.connectionId === connectionId ? current.overview : null, loading: false, error: patch.error } });
      };
      await overviewReads.run(() => clusters().describe(), stillWanted, {
        // An answer for another connection is never shown under this one's name.
        ok: (overview) => (overview.connectionId === connectionId ? done({ overview, error: null }) : done({ error: 'the cluster changed before its description came' })),
        failed: (error) => done({ error: error.message }),
        thrown: (error) => done({ error: describeError(error) }),
      });
    },
  };
}
