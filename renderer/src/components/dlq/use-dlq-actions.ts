import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/use-app-store';
import { selectDlqActions } from '../../store/dlq';

/** The dead-letters actions, as one stable object. */
export function useDlqActions() {
  return useAppStore(useShallow(selectDlqActions));
}
