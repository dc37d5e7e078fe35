import type { HostApi } from '../../api/host-api';
import type { AppState } from '../app-state';
import type { StateCreator } from 'zustand';
import { createMessagesActions, type MessagesActions, type MessagesOptions } from './actions';
import { initialMessagesState, type MessagesSliceState } from './state';

export type MessagesSlice = MessagesSliceState & MessagesActions;

export const createMessagesSlice =
  (api: HostApi, options: MessagesOptions = {}): StateCreator<AppState, [], [], MessagesSlice> =>
  (set, get) => ({
    ...initialMessagesState,
    ...createMessagesActions(api, set, get, options),
  });

export type { MessagesOptions } from './actions';
export type { ExportScope } from './export-request';
export { exportRange } from './export-request';
export { LARGE_FIELD_BYTES, MESSAGES_PAGE_SIZE, type MessagesProblem, type RecordDetail, type SearchState, type ExportState } from './state';
export * from './messages-query';
export * from './selectors';
