/**
 * What request handlers know about the broker they run in. Filled once at start-up (the port is
 * known only after binding) and read by every handler; storage and groups join it in later layers.
 */
import type { BrokerConfig } from '../config/broker-config';

export interface BrokerState {
  readonly clusterId: string;
  readonly nodeId: number;
  readonly advertisedHost: string;
  port: number;
  readonly config: BrokerConfig;
  readonly version: string;
}
