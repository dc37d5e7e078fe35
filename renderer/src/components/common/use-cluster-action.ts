/**
 * Whether the cluster shown can take an action: not a mutation on a read-only connection
 * (use-read-only.ts), and not what the cluster cannot do for the console (an older Kafka without
 * the API: `clusters.state`'s `unavailable`). A control stays visible but disabled, titled with
 * `reason`; the host refuses anyway, this keeps the UI from offering it.
 */
import type { ClusterFeature } from '../../../../electron/contract';
import { selectUnavailableReason } from '../../store/clusters';
import { useAppStore } from '../../store/use-app-store';
import { useReadOnly } from './use-read-only';

export interface ClusterActionState {
  disabled: boolean;
  /** The tooltip for the disabled control; undefined when it is offered (so its own title applies). */
  reason: string | undefined;
}

export function useClusterAction(feature: ClusterFeature, options: { mutates?: boolean } = {}): ClusterActionState {
  const readOnly = useReadOnly();
  const unavailable = useAppStore(selectUnavailableReason(feature));
  if (unavailable !== null) return { disabled: true, reason: unavailable };
  if ((options.mutates ?? true) && readOnly.readOnly) return { disabled: true, reason: readOnly.reason };
  return { disabled: false, reason: undefined };
}
