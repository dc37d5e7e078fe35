/**
 * What the renderer talks to: the contract (methods and push events, as `window.api` has it) and
 * the state of the link to the host (always up in Electron; a WebSocket that can drop in serve
 * mode). Everything the store does with the outside world goes through a HostApi.
 */
import type { ContractBridgeApi } from '../../../electron/contract';

export type HostLinkStatus = 'connecting' | 'connected' | 'disconnected';

export interface HostLinkState {
  status: HostLinkStatus;
  /** Why the link is down and what happens next, in words; null when connected. */
  detail: string | null;
}

export interface HostLink {
  current(): HostLinkState;
  /** Called on every change; returns the unsubscribe function. */
  onChange(listener: (state: HostLinkState) => void): () => void;
}

export interface HostApi {
  contract: ContractBridgeApi;
  link: HostLink;
  /**
   * True in the desktop app (the preload's `window.api`), where the host can show things on the
   * desktop (open the data folder); absent in a browser (serve mode), which cannot open folders.
   */
  desktop?: boolean;
  /** The largest request (as JSON text, in bytes) the link carries; absent: no limit of its own (Electron's IPC). */
  maxRequestBytes?: number;
  /**
   * Where the browser downloads a finished export the host knows by id (a dead-letter export's
   * `exportId`); absent where exports are not downloaded (the desktop app writes them to a file).
   */
  exportDownloadUrl?(exportId: string, fileName: string): string;
}

/** A call that never reached the host (no connection, or no answer in time). */
export class HostUnreachableError extends Error {
  override name = 'HostUnreachableError';
}
