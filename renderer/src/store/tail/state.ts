/**
 * The tail slice's state: the view's options (tail-options.ts) and the tail running for the
 * Messages view's query, if any.
 *
 * Bounded: `rows` holds at most `tailOptions.bufferLimit` records (the oldest roll out, counted in
 * `droppedFromView`), `problems` and `notices` the last few. Rows change only when a poll's batch
 * lands (at most ~20 times a second), never per record.
 */
import type { BatchProblem, MessageRecord, TailNotice, TailStatus } from '../../../../electron/contract';
import type { MessagesProblem } from '../messages/state';
import { DEFAULT_TAIL_OPTIONS, type TailOptions } from './tail-options';

/** Most unreadable batches and notices kept for the view. */
export const MAX_TAIL_PROBLEMS = 20;
export const MAX_TAIL_NOTICES = 20;

export type TailPhase = 'starting' | 'running' | 'paused' | 'ended';

export interface TailSession {
  /** null until the host has accepted the tail. */
  tailId: string | null;
  topic: string;
  phase: TailPhase;
  /** In arrival order (append order per partition), the newest last; at most the ring size. */
  rows: MessageRecord[];
  problems: BatchProblem[];
  /** Records that reached the view since the tail started (shown, held while paused, or rolled out since). */
  received: number;
  /** Rows rolled out of the view's ring (older than the newest `bufferLimit`). */
  droppedFromView: number;
  /** Records the host dropped from this tail's buffer before the view read them (it did not keep up). */
  droppedByHost: number;
  /** Records that arrived while paused, shown on resume. */
  held: number;
  /** Polls answered since the tail started (the view asked, whatever came back). */
  polls: number;
  /**
   * Rows the ring has taken in at its newest end, and let go at its oldest, since the tail
   * started (running totals: a view that renders less often than batches land compares two
   * readings to keep the rows in view where they were).
   */
  shifts: { added: number; rolledOut: number };
  notices: TailNotice[];
  /** The host's status as of the last poll. */
  status: TailStatus | null;
  /** Rows per second that reached the view over the last few seconds. */
  shownRate: number;
  /** The tail was refused, or polling it failed (it no longer runs). */
  error: MessagesProblem | null;
}

export interface TailSliceState {
  tailOptions: TailOptions;
  tail: TailSession | null;
}

export const initialTailState: TailSliceState = {
  tailOptions: DEFAULT_TAIL_OPTIONS,
  tail: null,
};

export function newTailSession(topic: string): TailSession {
  return {
    tailId: null,
    topic,
    phase: 'starting',
    rows: [],
    problems: [],
    received: 0,
    droppedFromView: 0,
    droppedByHost: 0,
    held: 0,
    polls: 0,
    shifts: { added: 0, rolledOut: 0 },
    notices: [],
    status: null,
    shownRate: 0,
    error: null,
  };
}
