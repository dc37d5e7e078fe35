import type { StateCreator } from 'zustand';
import type { HostApi } from '../../api/host-api';
import { memorySeenDeadLetters } from '../../api/seen-dead-letters';
import type { AppState } from '../app-state';
import { createDlqViewActions, type DlqOptions, type DlqViewActions } from './actions';
import { createDlqJobActions, type DlqJobActions } from './job-actions';
import { initialDlqState, type DlqSliceState } from './state';
import { createDlqSweeperActions, type DlqSweeperActions } from './sweeper-actions';

export type DlqSlice = DlqSliceState & DlqViewActions & DlqJobActions & DlqSweeperActions;

export const createDlqSlice =
  (api: HostApi, options: DlqOptions = {}): StateCreator<AppState, [], [], DlqSlice> =>
  (set, get) => {
    const seenStore = options.seenStore ?? memorySeenDeadLetters();
    const view = createDlqViewActions(api, set, get, { ...options, seenStore });
    const pageSize = Math.min(initialDlqState.dlqList.pageSize, options.pageSize ?? initialDlqState.dlqList.pageSize);
    return {
      ...initialDlqState,
      dlqList: { ...initialDlqState.dlqList, pageSize },
      dlqSeen: seenStore.read(),
      ...view.actions,
      ...createDlqJobActions(api, set, get, { minPollIntervalMs: options.minPollIntervalMs, afterChange: view.refreshNow }),
      ...createDlqSweeperActions(api, set, get),
    };
  };

export type { DlqOptions } from './actions';
export { selectionOf } from './actions';
export type { ReplayOptions, ReplayStart } from './job-actions';
export { newDeadLetterCount } from './seen-counts';
export { rowAt } from './dead-letter-pages';
export {
  MAX_HELD_PAGES,
  exportFileName,
  deadLetterKeyText,
  sameDeadLetterKey,
  type DeadLetterKey,
  type DeadLetterList,
  type DeadLetterDetail,
  type DeadLetterChoice,
  type DlqJobState,
  type DlqPolicyState,
} from './state';
export * from './selectors';
