import type { MessageRecord } from '../../../../electron/contract';
import type { AppState } from '../app-state';
import { shownRecords } from './actions';

/** Stable references (the store replaces them on change), so no `useShallow` is needed. */
export const selectMessagesQuery = (state: AppState) => state.messagesQuery;
export const selectMessagesTopic = (state: AppState) => state.messagesQuery.topic;
export const selectMessagesRecordKey = (state: AppState) => state.messagesRecordKey;
export const selectMessagesPage = (state: AppState) => state.messagesPage;
export const selectMessagesLoading = (state: AppState) => state.messagesLoading;
export const selectMessagesError = (state: AppState) => state.messagesError;
export const selectMessagesSearch = (state: AppState) => state.messagesSearch;
export const selectSearchProgress = (state: AppState) => state.messagesSearch?.progress ?? null;
export const selectMessagesDetail = (state: AppState) => state.messagesDetail;
export const selectMessagesExport = (state: AppState) => state.messagesExport;

/** What the table lists: the tail's rows, the search's matches, else the page's records. */
export const selectShownRecords = shownRecords;
/** What a browse lists: the search's matches, else the page's records (never the tail's rows, which change with every batch). */
export const selectBrowseRecords = (state: AppState) => (state.messagesSearch ? state.messagesSearch.matches : (state.messagesPage?.records ?? NO_RECORDS));
const NO_RECORDS: MessageRecord[] = [];
/** Unreadable batches among what the table lists. */
export const selectShownProblems = (state: AppState) => (state.messagesSearch ? state.messagesSearch.problems : state.messagesPage?.problems) ?? NO_PROBLEMS;
const NO_PROBLEMS: never[] = [];

/** Partitions the shown topic has, as the topic list last said (0 when unknown). */
export const selectMessagesTopicPartitions = (state: AppState) => {
  const topic = state.messagesQuery.topic;
  return topic === null ? 0 : (state.topicList.find((summary) => summary.name === topic)?.partitions ?? state.messagesPage?.partitions.length ?? 0);
};

/** The shown topic is not in the complete, loaded topic list: it was deleted (or never was). */
export const selectMessagesTopicGone = (state: AppState) => {
  const topic = state.messagesQuery.topic;
  if (topic === null || !state.topicListLoaded || state.topicsTotal > state.topicList.length) return false;
  return !state.topicList.some((summary) => summary.name === topic);
};

/** The messages actions (stable functions): select with `useShallow`. */
export const selectMessagesActions = (state: AppState) => ({
  showMessages: state.showMessages,
  enterMessages: state.enterMessages,
  changeMessagesQuery: state.changeMessagesQuery,
  pageMessages: state.pageMessages,
  openRecord: state.openRecord,
  loadWholeRecord: state.loadWholeRecord,
  loadRecordHex: state.loadRecordHex,
  cancelSearch: state.cancelSearch,
  reloadMessages: state.reloadMessages,
  leaveMessages: state.leaveMessages,
  startExport: state.startExport,
  cancelExport: state.cancelExport,
  closeExport: state.closeExport,
});

export const selectShowMessages = (state: AppState) => state.showMessages;
