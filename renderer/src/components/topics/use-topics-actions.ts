import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/use-app-store';
import { selectTopicsActions } from '../../store/topics';

/** The topics actions, as one stable object. */
export function useTopicsActions() {
  return useAppStore(useShallow(selectTopicsActions));
}
