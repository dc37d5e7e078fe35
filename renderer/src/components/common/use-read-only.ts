/**
 * Whether the cluster shown is a read-only connection, for the views' mutating actions: they stay
 * visible but disabled, titled with `reason` ("Read-only connection: <name> does not allow this").
 * The host refuses those mutations anyway (READ_ONLY); this keeps the UI from offering them.
 */
import { selectReadOnlyReason } from '../../store/clusters';
import { useAppStore } from '../../store/use-app-store';

export interface ReadOnlyState {
  readOnly: boolean;
  /** The tooltip for a disabled mutation; undefined when writable (so an element's own title applies). */
  reason: string | undefined;
}

export function useReadOnly(): ReadOnlyState {
  const reason = useAppStore(selectReadOnlyReason);
  return { readOnly: reason !== null, reason: reason ?? undefined };
}
