import type { StoreApi } from 'zustand/vanilla';
import type { HostLinkState } from '../../api/host-api';
import type { AppState } from '../app-state';

export interface HostLinkActions {
  receiveHostLink(link: HostLinkState): void;
}

export function createHostLinkActions(set: StoreApi<AppState>['setState']): HostLinkActions {
  return {
    receiveHostLink(link) {
      set({ hostLink: link });
    },
  };
}
