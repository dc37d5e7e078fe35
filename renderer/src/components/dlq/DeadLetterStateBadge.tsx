/** A dead letter's state as a small coloured tag: dead, replayed or discarded. */
import type { DeadLetterState } from '../../../../electron/contract';

export function DeadLetterStateBadge({ state, testId }: { state: DeadLetterState; testId?: string }) {
  return (
    <span className={`dlq-state dlq-state--${state}`} data-testid={testId} data-state={state}>
      {state}
    </span>
  );
}
