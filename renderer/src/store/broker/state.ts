import type { BrokerStatus } from '../../../../electron/contract';

/** A start, stop or restart this console asked the host for. */
export type BrokerTransition = 'start' | 'stop' | 'restart';

export interface BrokerControlState {
  /** The transition this console asked for and is waiting on; null when none is. */
  pending: BrokerTransition | null;
  /** Why the last one did not happen (the host refused it, or could not be reached); null if it did. */
  error: string | null;
}

/** The free port offered when the broker's own port is taken ("Use port N"). */
export interface BrokerFreePortState {
  /** The taken port this offer is for: a new failure on another port asks again. */
  forPort: number;
  /** The free port the host found; null while looking, or when it found none. */
  port: number | null;
  loading: boolean;
  error: string | null;
}

export interface BrokerSliceState {
  /** The latest status from the host; null until the first one arrives. */
  brokerStatus: BrokerStatus | null;
  /** Why the last status request failed (the host was unreachable or refused it); null if it worked. */
  brokerStatusError: string | null;
  brokerControl: BrokerControlState;
  brokerFreePort: BrokerFreePortState | null;
  /** Whether the host can open the data folder for the user: the desktop app can, a browser cannot. */
  canOpenDataDir: boolean;
}

export const initialBrokerState: BrokerSliceState = {
  brokerStatus: null,
  brokerStatusError: null,
  brokerControl: { pending: null, error: null },
  brokerFreePort: null,
  canOpenDataDir: false,
};
