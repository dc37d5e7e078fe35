import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/use-app-store';
import { selectMessagesActions } from '../../store/messages';

/** The messages actions, as one stable object. */
export function useMessagesActions() {
  return useAppStore(useShallow(selectMessagesActions));
}
