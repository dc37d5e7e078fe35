import type { HostApi } from '../../api/host-api';
import type { AppState } from '../app-state';
import type { StateCreator } from 'zustand';
import { createTailActions, type TailActions, type TailOptionsConfig } from './actions';
import { initialTailState, type TailSliceState } from './state';

export type TailSlice = TailSliceState & TailActions;

export const createTailSlice =
  (api: HostApi, config: TailOptionsConfig = {}): StateCreator<AppState, [], [], TailSlice> =>
  (set, get) => ({
    ...initialTailState,
    ...createTailActions(api, set, get, config),
  });

export type { TailOptionsConfig } from './actions';
export { TAIL_POLL_WAIT_MS } from './actions';
export { MAX_TAIL_NOTICES, MAX_TAIL_PROBLEMS, type TailPhase, type TailSession } from './state';
export * from './tail-options';
export * from './selectors';
