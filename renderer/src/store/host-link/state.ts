import type { HostLinkState } from '../../api/host-api';

export interface HostLinkSliceState {
  /** The link to the host: always connected in Electron; a WebSocket that can drop in serve mode. */
  hostLink: HostLinkState;
}

export const initialHostLinkState: HostLinkSliceState = {
  hostLink: { status: 'connecting', detail: null },
};
