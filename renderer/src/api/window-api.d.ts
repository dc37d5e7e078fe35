import type { ContractBridgeApi } from '../../../electron/contract';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser (serve mode). */
    api?: ContractBridgeApi;
  }
}
