import type { AppState } from '../app-state';

export const selectHostLinkStatus = (state: AppState) => state.hostLink.status;
export const selectHostLinkDetail = (state: AppState) => state.hostLink.detail;
