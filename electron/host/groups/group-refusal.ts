/**
 * Turns a cluster's refusals of group calls into the host's (cluster-refusal.ts): a
 * `HostRefusal` with Kafka's error name as the reason and the cluster's message unchanged, except
 * that the two the contract names its own way keep the contract's names (the renderer reacts to
 * them): NON_EMPTY_GROUP (a reset or delete while the group has members) is GROUP_NOT_EMPTY, and
 * GROUP_ID_NOT_FOUND is GROUP_NOT_FOUND. Anything else propagates as a host error.
 */
import { asHostRefusal } from '../cluster/cluster-refusal';
import { HostRefusal } from '../host-refusal';

const CONTRACT_REASONS: Readonly<Record<string, string>> = {
  NON_EMPTY_GROUP: 'GROUP_NOT_EMPTY',
  GROUP_ID_NOT_FOUND: 'GROUP_NOT_FOUND',
};

export async function refusingGroupErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const refusal = asHostRefusal(error);
    if (!(refusal instanceof HostRefusal)) throw refusal;
    const renamed = CONTRACT_REASONS[refusal.reason];
    throw renamed ? new HostRefusal(renamed, refusal.message, { cause: error }) : refusal;
  }
}
