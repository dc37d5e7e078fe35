/**
 * The HostApi the cluster-scoped slices (topics, groups, messages, tail, produce, dead letters)
 * use: the same calls, but an answer that arrives after the cluster shown has changed is not
 * handed over. It comes back as a refusal (reason CLUSTER_CHANGED) instead, so a read sent to
 * cluster A never lands in the store once B is shown, and a write's form learns it was for A.
 * Other domains (broker, settings, clusters) are passed through: they are not about one cluster.
 */
import { methodNames, type ContractBridgeApi, type ContractResult } from '../../../../electron/contract';
import type { HostApi } from '../../api/host-api';

export const CLUSTER_SCOPED_DOMAINS = ['topics', 'groups', 'messages', 'tail', 'produce', 'dlq'] as const;

export const CLUSTER_CHANGED = 'CLUSTER_CHANGED';

type AnyCall = (request?: unknown) => Promise<ContractResult<unknown>>;

export function clusterScopedApi(api: HostApi, activeClusterId: () => string): HostApi {
  const scoped: Record<string, unknown> = { ...api.contract };
  for (const domain of CLUSTER_SCOPED_DOMAINS) {
    const calls = api.contract[domain] as unknown as Record<string, AnyCall>;
    const wrapped: Record<string, AnyCall> = {};
    const actions = methodNames.filter((method) => method.startsWith(`${domain}.`)).map((method) => method.slice(domain.length + 1));
    for (const action of actions) {
      wrapped[action] = async (request?: unknown) => {
        const askedOf = activeClusterId();
        const result = await calls[action](request);
        if (activeClusterId() === askedOf) return result;
        return { ok: false, error: { code: 'REFUSED', reason: CLUSTER_CHANGED, message: 'the cluster shown changed before the answer came' } };
      };
    }
    scoped[domain] = wrapped;
  }
  return { ...api, contract: scoped as unknown as ContractBridgeApi };
}
