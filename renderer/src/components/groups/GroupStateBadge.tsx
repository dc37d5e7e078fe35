import type { GroupState } from '../../../../electron/contract';

const LABELS: Record<GroupState, string> = {
  Empty: 'Empty',
  PreparingRebalance: 'Rebalancing',
  CompletingRebalance: 'Assigning',
  Stable: 'Stable',
  Dead: 'Dead',
  Unknown: 'Unknown',
};

const TONES: Record<GroupState, string> = {
  Empty: 'stopped',
  PreparingRebalance: 'starting',
  CompletingRebalance: 'starting',
  Stable: 'running',
  Dead: 'failed',
  Unknown: 'unknown',
};

/** A group's state by Kafka's name (in the title), in the broker badge's colours. */
export function GroupStateBadge({ state, testId = 'group-state' }: { state: GroupState; testId?: string }) {
  return (
    <span className={`state-badge state-badge--${TONES[state]}`} data-testid={testId} data-state={state} title={state}>
      <span className={`state-dot state-dot--${TONES[state] === 'stopped' ? 'unknown' : TONES[state]}`} aria-hidden="true" />
      {LABELS[state]}
    </span>
  );
}
