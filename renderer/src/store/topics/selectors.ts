import type { AppState } from '../app-state';

/** Stable array references (the store replaces them on change), so no `useShallow` is needed. */
export const selectTopicList = (state: AppState) => state.topicList;
export const selectTopicsTotal = (state: AppState) => state.topicsTotal;
export const selectTopicListLoaded = (state: AppState) => state.topicListLoaded;
export const selectTopicListError = (state: AppState) => state.topicListError;
/** Whether a topic named exactly `name` is listed (for the create form). */
export const selectTopicExists = (name: string) => (state: AppState) => state.topicList.some((topic) => topic.name === name);

export const selectOpenTopicName = (state: AppState) => state.openTopicName;
export const selectOpenTopicSummary = (state: AppState) => state.openTopicSummary;
export const selectOpenTopicGone = (state: AppState) => state.openTopicGone;
export const selectOpenTopicPartitionCount = (state: AppState) => state.openTopicSummary?.partitions ?? 0;
export const selectPartitionsOffset = (state: AppState) => state.partitionsOffset;
export const selectTopicPartitions = (state: AppState) => state.topicPartitions;
export const selectTopicPartitionsError = (state: AppState) => state.topicPartitionsError;
export const selectTopicConfigs = (state: AppState) => state.topicConfigs;
export const selectTopicConfigsError = (state: AppState) => state.topicConfigsError;
export const selectOverriddenConfigCount = (state: AppState) => state.topicConfigs?.filter((entry) => entry.overridden).length ?? 0;
/** The open topic's dead-letter policy is on (its `dlq.enable` config). */
export const selectDlqEnabled = (state: AppState) => state.topicConfigs?.some((entry) => entry.name === 'dlq.enable' && entry.value === 'true') ?? false;

/** The topics actions (stable functions): select with `useShallow`. */
export const selectTopicsActions = (state: AppState) => ({
  openTopic: state.openTopic,
  closeTopic: state.closeTopic,
  showPartitionsPage: state.showPartitionsPage,
  createTopic: state.createTopic,
  deleteTopic: state.deleteTopic,
  addPartitions: state.addPartitions,
  setTopicConfig: state.setTopicConfig,
  resetTopicConfig: state.resetTopicConfig,
  deleteRecords: state.deleteRecords,
});
