/**
 * The clusters slice's state ("connections" in the UI): every cluster the console can show (the
 * embedded broker first), which one the views show and how its connection is, where secrets are
 * kept (said near the secret fields), the last diagnosis of each connection form, and the open
 * remote cluster's overview for the Broker view.
 */
import type { ClusterConnectionList, ClusterConnectionState, ClusterConnectionSummary, ClusterDiagnosis, ClusterOverview } from '../../../../electron/contract';

/** The form a diagnosis belongs to: the edited connection's id, or NEW_CLUSTER_FORM for a new one. */
export const NEW_CLUSTER_FORM = 'new';

export interface ClusterDiagnosisState {
  testing: boolean;
  /** The host's answer; null until one arrives. */
  diagnosis: ClusterDiagnosis | null;
  /** The test was refused or did not reach the host. */
  error: string | null;
}

export interface ClusterOverviewState {
  /** The connection it was asked for. */
  connectionId: string;
  overview: ClusterOverview | null;
  loading: boolean;
  error: string | null;
}

export interface ClustersSliceState {
  /** The embedded broker first, then the remote ones by name. */
  clusterConnections: ClusterConnectionSummary[];
  clusterListLoaded: boolean;
  clusterListError: string | null;
  /** The connection the views show and its state; null until the host has said. */
  clusterCurrent: ClusterConnectionState | null;
  clusterSecretStorage: ClusterConnectionList['secretStorage'] | null;
  /** The last test of each form, by form key (the connection id, or NEW_CLUSTER_FORM). */
  clusterDiagnoses: Readonly<Record<string, ClusterDiagnosisState>>;
  /** The connection being opened from this console; null when none is. */
  clusterOpening: string | null;
  /** Why the last open failed to reach the host or was refused; null otherwise. */
  clusterOpenError: string | null;
  /** The open remote cluster, described (the Broker view of a remote cluster). */
  clusterOverview: ClusterOverviewState | null;
  /**
   * What was typed into the views' filter fields (the topic and group name filters), by cluster id
   * then field: each cluster keeps its own, so switching away and back finds them as they were.
   */
  clusterViewTexts: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export const initialClustersState: ClustersSliceState = {
  clusterConnections: [],
  clusterListLoaded: false,
  clusterListError: null,
  clusterCurrent: null,
  clusterSecretStorage: null,
  clusterDiagnoses: {},
  clusterOpening: null,
  clusterOpenError: null,
  clusterOverview: null,
  clusterViewTexts: {},
};
