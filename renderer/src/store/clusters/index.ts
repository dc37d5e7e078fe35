import type { SliceCreator } from '../app-state';
import { createClustersActions, type ClustersActions } from './actions';
import { initialClustersState, type ClustersSliceState } from './state';

export type ClustersSlice = ClustersSliceState & ClustersActions;

export const createClustersSlice: SliceCreator<ClustersSlice> = (api) => (set, get) => ({
  ...initialClustersState,
  ...createClustersActions(api, set, get),
});

export { NEW_CLUSTER_FORM, type ClusterDiagnosisState, type ClusterOverviewState } from './state';
export { formKeyOf } from './actions';
export * from './selectors';
