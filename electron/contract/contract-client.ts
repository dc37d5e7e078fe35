/**
 * The renderer-facing shape of the contract: `api.broker.getStatus()`, `api.on('broker.status', …)`.
 *
 * Both adapters expose exactly this: the Electron preload builds it over `ipcRenderer.invoke`, the
 * serve-mode transport over its WebSocket. Every call resolves to a `ContractResult` (never a
 * thrown contract error); transports may still reject when the host cannot be reached at all.
 */
import type { ContractResult } from './contract-error';
import type { EventName, EventPayload, MethodName, MethodRequest, MethodResponse } from './contract';
import { methodNames } from './contract';

type DomainOf<M extends string> = M extends `${infer D}.${string}` ? D : never;
type ActionOf<M extends string, D extends string> = M extends `${D}.${infer A}` ? A : never;

type MethodCall<M extends MethodName> = Record<never, never> extends MethodRequest<M>
  ? (request?: MethodRequest<M>) => Promise<ContractResult<MethodResponse<M>>>
  : (request: MethodRequest<M>) => Promise<ContractResult<MethodResponse<M>>>;

export type ContractClient = {
  [D in DomainOf<MethodName>]: {
    [M in MethodName as M extends `${D}.${string}` ? ActionOf<M, D> : never]: MethodCall<M>;
  };
};

export type EventListener<E extends EventName> = (payload: EventPayload<E>) => void;

/** Subscribes to one contract event; returns the unsubscribe function. */
export type EventSubscriber = <E extends EventName>(event: E, listener: EventListener<E>) => () => void;

/** What `window.api` is in Electron, and what the renderer's api module hands to the store. */
export type ContractBridgeApi = ContractClient & { on: EventSubscriber };

export type MethodInvoker = (method: MethodName, request: unknown) => Promise<ContractResult<unknown>>;

/** Builds the nested client from one invoke function; methods without a request send `{}`. */
export function createContractClient(invoke: MethodInvoker): ContractClient {
  const client: Record<string, Record<string, (request?: unknown) => Promise<ContractResult<unknown>>>> = {};
  for (const method of methodNames) {
    const dot = method.indexOf('.');
    const domain = method.slice(0, dot);
    const action = method.slice(dot + 1);
    client[domain] ??= {};
    client[domain][action] = (request?: unknown) => invoke(method, request ?? {});
  }
  return client as unknown as ContractClient;
}
