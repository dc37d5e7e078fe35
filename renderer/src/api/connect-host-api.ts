/**
 * Picks how this page reaches the host: the Electron preload's `window.api` when present,
 * otherwise serve mode's WebSocket on the page's own origin, authenticated with the `token` from
 * the page URL (the link `npm run serve` printed), which also guards serve mode's export downloads.
 */
import { createContractClient, SERVE_WS_PATH, type ContractBridgeApi } from '../../../electron/contract';
import { HostUnreachableError, type HostApi, type HostLinkState } from './host-api';
import { createWebSocketTransport } from './web-socket-transport';

export interface PageContext {
  api?: ContractBridgeApi;
  location: Pick<Location, 'protocol' | 'host' | 'search'>;
}

const alwaysConnected: HostLinkState = { status: 'connected', detail: null };

export function connectHostApi(page: PageContext): HostApi {
  if (page.api) {
    return { contract: page.api, link: { current: () => alwaysConnected, onChange: () => () => {} }, desktop: true };
  }
  const token = new URLSearchParams(page.location.search).get('token');
  if (!token) return unreachableHostApi('this page needs the link printed by `npm run serve` (it ends in ?token=…)');
  const scheme = page.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return {
    ...createWebSocketTransport({ url: `${scheme}//${page.location.host}${SERVE_WS_PATH}?token=${encodeURIComponent(token)}` }),
    exportDownloadUrl: (exportId, fileName) => serveExportUrl(token, exportId, fileName),
  };
}

/** Serve mode's token-guarded download route for finished exports (electron/serve/export-download.ts). */
const SERVE_EXPORTS_PATH = '/exports/';

export function serveExportUrl(token: string, exportId: string, fileName: string): string {
  return `${SERVE_EXPORTS_PATH}${encodeURIComponent(exportId)}/${encodeURIComponent(fileName)}?token=${encodeURIComponent(token)}`;
}

/** A HostApi that cannot reach anything, and says why. */
function unreachableHostApi(detail: string): HostApi {
  const link: HostLinkState = { status: 'disconnected', detail };
  const contract: ContractBridgeApi = {
    ...createContractClient(() => Promise.reject(new HostUnreachableError(detail))),
    on: () => () => {},
  };
  return { contract, link: { current: () => link, onChange: () => () => {} } };
}
