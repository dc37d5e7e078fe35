import type { BatchProblem, MessageRecord } from '../../../../electron/contract';
import type { AppState } from '../app-state';

const NO_ROWS: MessageRecord[] = [];
const NO_PROBLEMS: BatchProblem[] = [];

/** Stable references (replaced only when they change), so no `useShallow` is needed. */
export const selectTailOptions = (state: AppState) => state.tailOptions;
export const selectTail = (state: AppState) => state.tail;
export const selectTailRows = (state: AppState) => state.tail?.rows ?? NO_ROWS;
export const selectTailProblems = (state: AppState) => state.tail?.problems ?? NO_PROBLEMS;
export const selectTailPhase = (state: AppState) => state.tail?.phase ?? null;
/** Why the tail was refused when it started (a filter the host cannot run, …), or null. */
export const selectTailRefusal = (state: AppState) => (state.tail?.error && state.tail.tailId === null ? state.tail.error.message : null);
export const selectTailShifts = (state: AppState) => state.tail?.shifts ?? null;

/** The tail actions (stable functions): select with `useShallow`. */
export const selectTailActions = (state: AppState) => ({
  restartTail: state.restartTail,
  pauseTail: state.pauseTail,
  resumeTail: state.resumeTail,
  clearTail: state.clearTail,
  changeTailOptions: state.changeTailOptions,
});
