import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/use-app-store';
import { selectProduceActions } from '../../store/produce';

/** The produce actions, as one stable object. */
export function useProduceActions() {
  return useAppStore(useShallow(selectProduceActions));
}
