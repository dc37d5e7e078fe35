import type { BrokerState } from '../../../../electron/contract';

/** A coloured dot for a broker state; pulses while starting. Unknown (null) is grey. */
export function StateDot({ state }: { state: BrokerState | null }) {
  return <span className={`state-dot state-dot--${state ?? 'unknown'}`} aria-hidden="true" />;
}
