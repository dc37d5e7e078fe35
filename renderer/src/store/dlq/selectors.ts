import type { AppState } from '../app-state';
import { newDeadLetterCount } from './seen-counts';

/** Stable references (the store replaces them on change), so no `useShallow` is needed. */
export const selectDlqTopics = (state: AppState) => state.dlqTopics;
export const selectDlqTopicsLoaded = (state: AppState) => state.dlqTopicsLoaded;
export const selectDlqTopicsError = (state: AppState) => state.dlqTopicsError;
export const selectDlqTopic = (state: AppState) => state.dlqTopic;
export const selectDlqFilter = (state: AppState) => state.dlqFilter;
export const selectDlqOpenKey = (state: AppState) => state.dlqOpenKey;
export const selectDlqSummary = (state: AppState) => state.dlqSummary;
export const selectDlqSummaryError = (state: AppState) => state.dlqSummaryError;
export const selectDlqList = (state: AppState) => state.dlqList;
export const selectDlqDetail = (state: AppState) => state.dlqDetail;
export const selectDlqChoice = (state: AppState) => state.dlqChoice;
export const selectDlqJob = (state: AppState) => state.dlqJob;
export const selectDlqSweeper = (state: AppState) => state.dlqSweeper;
export const selectDlqSweeperError = (state: AppState) => state.dlqSweeperError;
export const selectDlqPolicy = (state: AppState) => state.dlqPolicy;

/** The shown DLQ topic's counts, as the last `dlq.topics` said (undefined: not listed). */
export const selectShownDlqTopic = (state: AppState) => state.dlqTopics.find((topic) => topic.topic === state.dlqTopic);

/** The shown DLQ topic is not in the loaded list (it was deleted, or never held dead letters). */
export const selectDlqTopicGone = (state: AppState) => state.dlqTopic !== null && state.dlqTopicsLoaded && !state.dlqTopics.some((topic) => topic.topic === state.dlqTopic);

/** Dead letters that arrived since the user last looked at the view, for the sidebar. */
export const selectNewDeadLetterCount = (state: AppState) => (state.activeView === 'dead-letters' ? 0 : newDeadLetterCount(state.dlqTopics, state.dlqSeen));

/** How many dead letters an action would apply to (null: all matching, count not known yet). */
export const selectChosenCount = (state: AppState) => (state.dlqChoice.kind === 'filter' ? state.dlqList.total : state.dlqChoice.keys.size);

/** The dead-letters actions (stable functions): select with `useShallow`. */
export const selectDlqActions = (state: AppState) => ({
  loadDeadLetterTopics: state.loadDeadLetterTopics,
  showDeadLetters: state.showDeadLetters,
  enterDeadLetters: state.enterDeadLetters,
  leaveDeadLetters: state.leaveDeadLetters,
  chooseDeadLetterTopic: state.chooseDeadLetterTopic,
  changeDeadLetterFilter: state.changeDeadLetterFilter,
  loadDeadLetterRows: state.loadDeadLetterRows,
  openDeadLetter: state.openDeadLetter,
  reloadDeadLetters: state.reloadDeadLetters,
  checkDeadLetters: state.checkDeadLetters,
  chooseAllMatching: state.chooseAllMatching,
  clearDeadLetterChoice: state.clearDeadLetterChoice,
  startReplay: state.startReplay,
  startDeadLetterExport: state.startDeadLetterExport,
  cancelDlqJob: state.cancelDlqJob,
  forgetDlqJob: state.forgetDlqJob,
  discardChosen: state.discardChosen,
  loadSweeperStatus: state.loadSweeperStatus,
  sweepNow: state.sweepNow,
  loadDlqPolicy: state.loadDlqPolicy,
  saveDlqPolicy: state.saveDlqPolicy,
});

export const selectShowDeadLetters = (state: AppState) => state.showDeadLetters;
