/**
 * The host: services behind the contract. Node only; never imports `electron`.
 * `createHost` runs the embedded broker from broker-core; the adapters (main, serve) wire it to
 * IPC or a WebSocket through `createDispatcher`.
 */
export { createHost, type HostOptions } from './create-host';
export { createBrokerHost, DEFAULT_BROKER_PORT, type BrokerHost, type BrokerHostOptions, type BrokerRuntime, type HostEventListener } from './broker-host';
export { createDispatcher, type Dispatcher, type DispatcherOptions } from './dispatcher';
