import type { AppState } from '../app-state';

/** Stable references (replaced only when they change), so no `useShallow` is needed. */
export const selectProducePanel = (state: AppState) => state.producePanel;
export const selectProduceDraft = (state: AppState) => state.produceDraft;
export const selectProduceDraftSource = (state: AppState) => state.produceDraftSource;
export const selectProduceSend = (state: AppState) => state.produceSend;
export const selectProduceJob = (state: AppState) => state.produceJob;
export const selectProduceTemplates = (state: AppState) => state.produceTemplates;
export const selectCopySelection = (state: AppState) => state.copySelection;
export const selectCopyJob = (state: AppState) => state.copyJob;
export const selectSnippet = (state: AppState) => state.snippet;

/** The produce actions (stable functions): select with `useShallow`. */
export const selectProduceActions = (state: AppState) => ({
  showProducePanel: state.showProducePanel,
  editProduceDraft: state.editProduceDraft,
  resetProduceDraft: state.resetProduceDraft,
  sendProduceDraft: state.sendProduceDraft,
  startBulkFromDraft: state.startBulkFromDraft,
  importFile: state.importFile,
  cancelJob: state.cancelJob,
  forgetJob: state.forgetJob,
  produceAgain: state.produceAgain,
  loadTemplates: state.loadTemplates,
  saveTemplate: state.saveTemplate,
  useTemplate: state.useTemplate,
  deleteTemplate: state.deleteTemplate,
  selectForCopy: state.selectForCopy,
  clearCopySelection: state.clearCopySelection,
  copySelectionTo: state.copySelectionTo,
  openSnippet: state.openSnippet,
  closeSnippet: state.closeSnippet,
});
