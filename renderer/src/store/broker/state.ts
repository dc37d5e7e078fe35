import type { BrokerStatus } from '../../../../electron/contract';

export interface BrokerSliceState {
  /** The latest status from the host; null until the first one arrives. */
  brokerStatus: BrokerStatus | null;
  /** Why the last status request failed (the host was unreachable or refused it); null if it worked. */
  brokerStatusError: string | null;
}

export const initialBrokerState: BrokerSliceState = {
  brokerStatus: null,
  brokerStatusError: null,
};
