/**
 * What the actions apply to: the dead letters checked, or every one matching the filter; the
 * actions themselves (Replay…, Discard…, Export…) and clearing the choice.
 */
import { formatCount } from '../../format/format-count';
import type { DeadLetterChoice } from '../../store/dlq';
import { useReadOnly } from '../common/use-read-only';

interface ChoiceBarProps {
  choice: DeadLetterChoice;
  /** Dead letters matching the filter (null: not known yet). */
  total: number | null;
  onChooseAll(): void;
  onClear(): void;
  onReplay(): void;
  onDiscard(): void;
  onExport(): void;
}

const plural = (count: number, noun: string) => `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;

export function DeadLetterChoiceBar({ choice, total, onChooseAll, onClear, onReplay, onDiscard, onExport }: ChoiceBarProps) {
  const { readOnly, reason } = useReadOnly();
  const chosen = choice.kind === 'filter' ? (total ?? 0) : choice.keys.size;
  const text =
    choice.kind === 'filter'
      ? `All ${plural(total ?? 0, 'dead letter')} matching the filter chosen`
      : chosen === 0
        ? 'Check dead letters to act on them'
        : `${plural(chosen, 'dead letter')} checked`;
  return (
    <div className={chosen > 0 ? 'selection-bar' : 'selection-bar selection-bar--idle'} data-testid="dlq-choice-bar" data-kind={choice.kind} data-chosen={chosen}>
      <span data-testid="dlq-chosen">{text}</span>
      <div className="dlq-choice__which">
        {choice.kind === 'records' && total !== null && total > choice.keys.size && (
          <button type="button" className="button button--small button--quiet" onClick={onChooseAll} data-testid="dlq-choose-all">
            Choose all {formatCount(total)} matching
          </button>
        )}
        {(choice.kind === 'filter' || chosen > 0) && (
          <button type="button" className="button button--small button--quiet" onClick={onClear} data-testid="dlq-choice-clear">
            Clear
          </button>
        )}
      </div>
      <div className="dlq-choice__actions">
        <button type="button" className="button button--small button--primary" onClick={onReplay} disabled={chosen === 0 || readOnly} title={reason} data-testid="dlq-replay">
          Replay…
        </button>
        <button type="button" className="button button--small" onClick={onDiscard} disabled={chosen === 0} data-testid="dlq-discard">
          Discard…
        </button>
        <button type="button" className="button button--small" onClick={onExport} disabled={chosen === 0} data-testid="dlq-export">
          Export…
        </button>
      </div>
    </div>
  );
}
