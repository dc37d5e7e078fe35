/**
 * Typed calls into the host through its dispatcher, as the adapters make them (payload and
 * response checked): for in-process callers such as the host's tests and the benchmarks.
 * `call` gives the contract's result envelope; `value` its value, throwing with the error's code,
 * reason and message when the call failed.
 */
import type { ContractHandlers, ContractResult, MethodName, MethodRequest, MethodResponse } from '../contract';
import { createDispatcher } from './dispatcher';

export interface ContractCaller {
  call<M extends MethodName>(method: M, request: MethodRequest<M>): Promise<ContractResult<MethodResponse<M>>>;
  value<M extends MethodName>(method: M, request: MethodRequest<M>): Promise<MethodResponse<M>>;
}

export function createContractCaller(handlers: ContractHandlers): ContractCaller {
  const dispatcher = createDispatcher(handlers);
  const call = <M extends MethodName>(method: M, request: MethodRequest<M>) => dispatcher.dispatch(method, request) as Promise<ContractResult<MethodResponse<M>>>;
  return {
    call,
    async value(method, request) {
      const result = await call(method, request);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code}${result.error.reason ? ` ${result.error.reason}` : ''} ${result.error.message}`);
      return result.value;
    },
  };
}
