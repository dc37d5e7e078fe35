/**
 * The sandboxed preload (bundled to dist/preload/index.cjs): exposes `window.api`, which is
 * exactly the contract: one function per method (`api.broker.getStatus()`), each on its own IPC
 * channel, and `api.on(event, listener)` for contract events only. There is no generic invoke or
 * channel passthrough, so page scripts can reach nothing else in main.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  createContractClient,
  eventChannel,
  isEventName,
  methodChannel,
  type ContractBridgeApi,
  type ContractResult,
  type EventSubscriber,
} from '../contract';

const client = createContractClient((method, request) => ipcRenderer.invoke(methodChannel(method), request) as Promise<ContractResult<unknown>>);

const on: EventSubscriber = (event, listener) => {
  if (!isEventName(event)) throw new Error(`"${String(event)}" is not an event of the Eddy contract`);
  const channel = eventChannel(event);
  const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload as Parameters<typeof listener>[0]);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
};

const api: ContractBridgeApi = { ...client, on };

contextBridge.exposeInMainWorld('api', api);
