import { useShallow } from 'zustand/react/shallow';
import { selectClustersActions } from '../../store/clusters';
import { useAppStore } from '../../store/use-app-store';

/** The clusters actions, as one stable object. */
export function useClustersActions() {
  return useAppStore(useShallow(selectClustersActions));
}
