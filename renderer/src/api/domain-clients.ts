/**
 * Typed access to the `produce.*` and `tail.*` domains of the contract.
 *
 * Both are called through `api.contract` like every other domain; this module only names their
 * client types (derived from the contract's method maps, so a changed schema fails to compile
 * here) and gives one place where the slices reach them. A host that does not have a domain (an
 * older one) answers its calls with a typed UNKNOWN_METHOD refusal instead of a TypeError.
 */
import type { z } from 'zod';
import type { ContractResult } from '../../../electron/contract';
import type { produceMethods } from '../../../electron/contract/produce';
import type { tailMethods } from '../../../electron/contract/tail';
import type { HostApi } from './host-api';

type DomainClient<Methods, Domain extends string> = {
  [M in keyof Methods & string as M extends `${Domain}.${infer Action}` ? Action : never]: Methods[M] extends { request: z.ZodType; response: z.ZodType }
    ? (request: z.infer<Methods[M]['request']>) => Promise<ContractResult<z.infer<Methods[M]['response']>>>
    : never;
};

export type ProduceClient = DomainClient<typeof produceMethods, 'produce'>;
export type TailClient = DomainClient<typeof tailMethods, 'tail'>;

function domainOf<T>(api: HostApi, domain: string): T {
  const found = (api.contract as unknown as Record<string, T | undefined>)[domain];
  if (found) return found;
  return new Proxy({} as Record<string, unknown>, {
    get: (_target, action) => () =>
      Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD', message: `this Eddy host has no ${domain}.${String(action)} (it is older than this console)` } }),
  }) as T;
}

export function produceClient(api: HostApi): ProduceClient {
  return domainOf<ProduceClient>(api, 'produce');
}

export function tailClient(api: HostApi): TailClient {
  return domainOf<TailClient>(api, 'tail');
}
