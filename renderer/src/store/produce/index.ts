import type { HostApi } from '../../api/host-api';
import type { AppState } from '../app-state';
import type { StateCreator } from 'zustand';
import { createProduceActions, type ProduceActions } from './actions';
import type { JobsConfig } from './job-actions';
import { initialProduceState, type ProduceSliceState } from './state';

export type ProduceSlice = ProduceSliceState & ProduceActions;

export const createProduceSlice =
  (api: HostApi, config: JobsConfig = {}): StateCreator<AppState, [], [], ProduceSlice> =>
  (set, get) => ({
    ...initialProduceState,
    ...createProduceActions(api, set, get, config),
  });

export type { JobsConfig } from './job-actions';
export { SNIPPET_LANGUAGES } from './actions';
export { MAX_COPY_RECORDS, type ProduceTab, type JobState, type SnippetState, type SnippetCode, type TemplatesState, type ImportFileState } from './state';
export * from './produce-draft';
export * from './selectors';
