import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/use-app-store';
import { selectTailActions } from '../../store/tail';

/** The tail actions, as one stable object. */
export function useTailActions() {
  return useAppStore(useShallow(selectTailActions));
}
