/** The records checked in the table: how many, "Copy to topic…", and clearing the checks. */
import { formatCount } from '../../format/format-count';
import { useClusterAction } from '../common/use-cluster-action';
import { useProduceActions } from '../produce/use-produce-actions';

export function SelectionBar({ count, onCopy }: { count: number; onCopy(): void }) {
  const { clearCopySelection } = useProduceActions();
  const { disabled: readOnly, reason } = useClusterAction('produce');
  return (
    <div className="selection-bar" data-testid="selection-bar">
      <span data-testid="selection-count">
        {formatCount(count)} record{count === 1 ? '' : 's'} checked
      </span>
      <button type="button" className="button button--small button--primary" onClick={onCopy} disabled={readOnly} title={reason} data-testid="selection-copy">
        Copy to topic…
      </button>
      <button type="button" className="button button--small button--quiet" onClick={clearCopySelection} data-testid="selection-clear">
        Clear
      </button>
    </div>
  );
}
