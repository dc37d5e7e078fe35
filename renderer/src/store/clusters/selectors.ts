import { EMBEDDED_CLUSTER_ID, type ClusterConnectionSummary, type ClusterFeature } from '../../../../electron/contract';
import type { AppState } from '../app-state';
import { formKeyOf } from './actions';

/** Stable references (the store replaces them on change), so no `useShallow` is needed. */
export const selectClusterConnections = (state: AppState) => state.clusterConnections;
export const selectClusterListLoaded = (state: AppState) => state.clusterListLoaded;
export const selectClusterListError = (state: AppState) => state.clusterListError;
export const selectClusterCurrent = (state: AppState) => state.clusterCurrent;
export const selectClusterSecretStorage = (state: AppState) => state.clusterSecretStorage;
export const selectClusterOpening = (state: AppState) => state.clusterOpening;
export const selectClusterOpenError = (state: AppState) => state.clusterOpenError;
export const selectClusterOverview = (state: AppState) => state.clusterOverview;

/** The id of the cluster the views show (the embedded broker until the host says otherwise). */
export const selectActiveClusterId = (state: AppState) => state.clusterCurrent?.activeId ?? EMBEDDED_CLUSTER_ID;

/** The connection the views show; null until the list has it. */
export const selectActiveCluster = (state: AppState): ClusterConnectionSummary | null =>
  state.clusterConnections.find((connection) => connection.id === selectActiveClusterId(state)) ?? null;

/** The views show a remote cluster (not the embedded broker). */
export const selectShowsRemoteCluster = (state: AppState) => selectActiveClusterId(state) !== EMBEDDED_CLUSTER_ID;

/** How the views name the cluster they show: "the embedded broker", or a remote one's name. */
export const selectShownClusterName = (state: AppState): string => (selectShowsRemoteCluster(state) ? (selectActiveCluster(state)?.name ?? 'the remote cluster') : 'the embedded broker');

/** The cluster shown is read-only (no produce, delete, config change, offset reset or replay). */
export const selectActiveClusterReadOnly = (state: AppState) => selectActiveCluster(state)?.readOnly === true;

/** Why a mutation is not offered on the read-only connection `name`, in words (the title of every disabled mutating action). */
export function readOnlyReason(name: string): string {
  return `Read-only connection: ${name} does not allow this`;
}

/** The reason the views give on every mutating action they disable; null when the cluster shown is writable (a string, so stable for `useAppStore`). */
export const selectReadOnlyReason = (state: AppState): string | null => {
  const active = selectActiveCluster(state);
  return active?.readOnly === true ? readOnlyReason(active.name) : null;
};

export const selectClusterById = (id: string | null) => (state: AppState) => (id === null ? null : (state.clusterConnections.find((connection) => connection.id === id) ?? null));

/** The last test of a form (the edited connection's id, or null for a new one). */
export const selectClusterDiagnosis = (id: string | null) => (state: AppState) => state.clusterDiagnoses[formKeyOf(id)] ?? null;

/** The clusters actions (stable functions): select with `useShallow`. */
export const selectClustersActions = (state: AppState) => ({
  loadClusters: state.loadClusters,
  saveCluster: state.saveCluster,
  removeCluster: state.removeCluster,
  duplicateCluster: state.duplicateCluster,
  testCluster: state.testCluster,
  clearClusterDiagnosis: state.clearClusterDiagnosis,
  openCluster: state.openCluster,
  dismissClusterOpenError: state.dismissClusterOpenError,
  describeCluster: state.describeCluster,
});

/** What was typed into a view's filter `field` for the cluster shown ('' if nothing). */
export const selectClusterViewText = (field: string) => (state: AppState) => state.clusterViewTexts[selectActiveClusterId(state)]?.[field] ?? '';

/** Why the cluster shown cannot do `feature` for the console (an older Kafka), in words; null when it can. */
export const selectUnavailableReason = (feature: ClusterFeature) => (state: AppState): string | null =>
  state.clusterCurrent?.unavailable.find((limit) => limit.feature === feature)?.reason ?? null;
