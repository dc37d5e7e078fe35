/**
 * `createHost`: the BrokerHost wired to the real, in-process broker from broker-core.
 */
import { BROKER_VERSION, startBroker } from '../../broker-core/src/index';
import { createBrokerHost, type BrokerHost, type BrokerHostOptions } from './broker-host';

export type HostOptions = BrokerHostOptions;

export function createHost(options: HostOptions): BrokerHost {
  return createBrokerHost(options, { startBroker, version: BROKER_VERSION });
}
