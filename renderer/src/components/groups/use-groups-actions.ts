import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/use-app-store';
import { selectGroupsActions } from '../../store/groups';

/** The groups actions, as one stable object. */
export function useGroupsActions() {
  return useAppStore(useShallow(selectGroupsActions));
}
