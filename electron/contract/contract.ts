/**
 * The one contract between host and renderer: every method (request and response schema) and
 * every push event (payload schema), merged from the per-domain files.
 *
 * To add a domain (topics, groups, messages, dead letters): write `<domain>.ts` exporting
 * `<domain>Methods` and `<domain>Events` with names `<domain>.<action>`, and spread them below.
 * The host's handler object `satisfies ContractHandlers`, so a new method without a handler
 * fails to compile.
 */
import type { z } from 'zod';
import { brokerEvents, brokerMethods } from './broker';
import { clustersEvents, clustersMethods } from './clusters';
import { dlqEvents, dlqMethods } from './dlq';
import { groupsEvents, groupsMethods } from './groups';
import { messagesEvents, messagesMethods } from './messages';
import { produceEvents, produceMethods } from './produce';
import { settingsEvents, settingsMethods } from './settings';
import { tailEvents, tailMethods } from './tail';
import { topicsEvents, topicsMethods } from './topics';

export interface MethodSchemas {
  request: z.ZodType;
  response: z.ZodType;
}

export const contractMethods = {
  ...brokerMethods,
  ...topicsMethods,
  ...groupsMethods,
  ...messagesMethods,
  ...tailMethods,
  ...produceMethods,
  ...dlqMethods,
  ...settingsMethods,
  ...clustersMethods,
} as const satisfies Record<`${string}.${string}`, MethodSchemas>;

export const contractEvents = {
  ...brokerEvents,
  ...topicsEvents,
  ...groupsEvents,
  ...messagesEvents,
  ...tailEvents,
  ...produceEvents,
  ...dlqEvents,
  ...settingsEvents,
  ...clustersEvents,
} as const satisfies Record<`${string}.${string}`, z.ZodType>;

export type ContractMethods = typeof contractMethods;
export type ContractEvents = typeof contractEvents;

export type MethodName = keyof ContractMethods & string;
export type EventName = keyof ContractEvents & string;

export type MethodRequest<M extends MethodName> = z.infer<ContractMethods[M]['request']>;
export type MethodResponse<M extends MethodName> = z.infer<ContractMethods[M]['response']>;
export type EventPayload<E extends EventName> = z.infer<ContractEvents[E]>;

/** What the host implements: one handler per method. */
export type ContractHandlers = {
  [M in MethodName]: (request: MethodRequest<M>) => Promise<MethodResponse<M>> | MethodResponse<M>;
};

/** The handlers of one domain, e.g. `DomainHandlers<'topics'>`: what one host service implements. */
export type DomainHandlers<D extends string> = Pick<ContractHandlers, Extract<MethodName, `${D}.${string}`>>;

/** One push event as a discriminated union, for code that handles several. */
export type ContractEvent = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

export const methodNames = Object.keys(contractMethods) as MethodName[];
export const eventNames = Object.keys(contractEvents) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(contractMethods, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(contractEvents, name);
}
