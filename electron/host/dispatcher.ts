/**
 * The dispatcher: the one place a call from outside (IPC, WebSocket) enters the host.
 *
 * It checks the method name against the contract, validates the payload against the method's
 * request schema, runs the handler and validates what it returns against the response schema.
 * Every failure becomes a typed `ContractFailure`; `dispatch` never throws and never rejects.
 * A handler that throws a `HostRefusal` declined the call by a domain rule: that is a `REFUSED`
 * result with the refusal's own message, not a host error.
 */
import {
  contractMethods,
  describeIssues,
  failure,
  isMethodName,
  refused,
  success,
  type ContractHandlers,
  type ContractResult,
  type MethodName,
} from '../contract';
import { HostRefusal } from './host-refusal';

export interface Dispatcher {
  dispatch(method: unknown, payload: unknown): Promise<ContractResult<unknown>>;
}

export interface DispatcherOptions {
  /** Told about handler failures (the caller only sees a HOST_ERROR with the message). */
  onHandlerError?(method: MethodName, error: unknown): void;
}

export function createDispatcher(handlers: ContractHandlers, options: DispatcherOptions = {}): Dispatcher {
  return {
    async dispatch(method, payload) {
      if (!isMethodName(method)) {
        const name = typeof method === 'string' ? `"${method.slice(0, 100)}"` : `a ${typeof method}`;
        return failure('UNKNOWN_METHOD', `${name} is not a method of the Eddy contract`);
      }
      const schemas = contractMethods[method];
      // A call without a payload is the same as `{}` (methods that take no arguments).
      const request = schemas.request.safeParse(payload === undefined ? {} : payload);
      if (!request.success) {
        return failure('INVALID_PAYLOAD', `invalid payload for ${method}`, describeIssues(request.error));
      }
      let value: unknown;
      try {
        const handler = handlers[method] as (request: unknown) => unknown;
        value = await handler(request.data);
      } catch (error) {
        if (error instanceof HostRefusal) return refused(error.reason, error.message);
        options.onHandlerError?.(method, error);
        const reason = error instanceof Error ? error.message : String(error);
        return failure('HOST_ERROR', `${method} failed: ${reason}`);
      }
      const response = schemas.response.safeParse(value);
      if (!response.success) {
        options.onHandlerError?.(method, response.error);
        return failure('HOST_ERROR', `${method} returned a response that does not match the contract`, describeIssues(response.error));
      }
      return success(response.data);
    },
  };
}
