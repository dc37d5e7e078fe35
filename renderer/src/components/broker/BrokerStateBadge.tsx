import type { BrokerState } from '../../../../electron/contract';
import { StateDot } from './StateDot';

const LABELS: Record<BrokerState, string> = {
  starting: 'Starting',
  running: 'Running',
  stopped: 'Stopped',
  failed: 'Failed',
};

export function BrokerStateBadge({ state }: { state: BrokerState | null }) {
  return (
    <span className={`state-badge state-badge--${state ?? 'unknown'}`} data-testid="broker-state" data-state={state ?? 'unknown'}>
      <StateDot state={state} />
      {state ? LABELS[state] : 'Unknown'}
    </span>
  );
}
