/**
 * Tail actions: one tail on the host for the Messages view while it is in tail mode, polled in
 * batches, its records landing in the view's bounded ring.
 *
 * - `syncTail()` is called whenever the view's query or the tail options may have changed: it
 *   starts a tail (`tail.start` with the topic, partitions, decoding and the browse filters), or
 *   restarts it when any of those changed (the old one is stopped), or stops it when the view is
 *   no longer tailing. A query it already tails is left alone.
 * - Polling: `tail.poll` waits on the host up to TAIL_POLL_WAIT_MS for records; polls start at
 *   least `minPollIntervalMs` apart (~20 a second at most), except right after a full batch
 *   (MAX_TAIL_BATCH records: more are waiting, so the next is asked for at once). One poll is in
 *   flight at a time, and the next is asked for before a batch lands, so rendering a batch and
 *   gathering the next overlap. Each poll's records land in one store update; nothing is done
 *   per record.
 * - Pause freezes the view at once and asks the host to stop reading; polling goes on (the host
 *   stops tails nobody polls), and whatever still arrives is held and shown on resume, in order.
 * - The tail ends when the host ends it (the topic deleted), when it is refused or polling fails
 *   (said in `error`), and when the view is left or the page closes (`stopTail`, which tells the
 *   host; the host also stops tails nobody polls).
 */
import type { StoreApi } from 'zustand/vanilla';
import { MAX_TAIL_BATCH, type ContractError, type MessageRecord, type TailStatus } from '../../../../electron/contract';
import type { HostApi } from '../../api/host-api';
import { describeError, type AppState } from '../app-state';
import { settle } from '../action-result';
import type { MessagesProblem } from '../messages/state';
import { queryKey } from '../messages/messages-query';
import { MAX_TAIL_NOTICES, MAX_TAIL_PROBLEMS, newTailSession, type TailSession } from './state';
import { appendToRing, RateMeter } from './tail-ring';
import { formatTailFrom, type TailOptions } from './tail-options';

/** How long one poll may wait on the host for records. */
export const TAIL_POLL_WAIT_MS = 500;

export interface TailOptionsConfig {
  /** Least time between the starts of two polls (bounds how often rows render). */
  minPollIntervalMs?: number;
  now?: () => number;
}

export interface TailActions {
  /** Starts, restarts or stops the tail to match the Messages view (tail mode, a topic chosen). */
  syncTail(): void;
  /** Starts the tail afresh (after it ended or failed, or the link came back). */
  restartTail(): void;
  /** Stops the tail and forgets its rows (the view left tail mode, or was left). */
  stopTail(): void;
  pauseTail(): Promise<void>;
  resumeTail(): Promise<void>;
  /** Empties the rows shown; the tail goes on. */
  clearTail(): void;
  /** Changes the order (display only), the ring size (the oldest rows roll out) or where a tail starts (restarts it). */
  changeTailOptions(patch: Partial<TailOptions>): void;
  /** Sets the options without starting anything (a URL being applied; `showMessages` follows). */
  setTailOptions(options: TailOptions): void;
}

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

const problemOf = (error: ContractError): MessagesProblem => ({ message: error.message, reason: error.reason ?? null });
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What a tail is of: a change to any of it restarts the tail. */
function tailKeyOf(state: AppState): string | null {
  const query = state.messagesQuery;
  if (state.activeView !== 'messages' || query.mode !== 'tail' || query.topic === null) return null;
  return `${queryKey(query)}|${formatTailFrom(state.tailOptions.from)}`;
}

export function createTailActions(api: HostApi, set: Set, get: Get, config: TailOptionsConfig = {}): TailActions {
  const minPollIntervalMs = config.minPollIntervalMs ?? 50;
  const now = config.now ?? (() => Date.now());
  const tail = () => api.contract.tail;
  /** The tail shown (or being started); null: none. */
  let tailKey: string | null = null;
  let generation = 0;
  /** The host's tail this page has running (stopped when it is no longer wanted). */
  let runningTailId: string | null = null;
  /** Records that arrived while paused, in order (at most the ring size). */
  let held: MessageRecord[] = [];
  let meter = new RateMeter();

  const update = (expected: number, patch: Partial<TailSession> | ((session: TailSession) => Partial<TailSession>)) => {
    const session = get().tail;
    if (expected !== generation || !session) return;
    set({ tail: { ...session, ...(typeof patch === 'function' ? patch(session) : patch) } });
  };

  const stopRunning = () => {
    generation += 1;
    const tailId = runningTailId;
    runningTailId = null;
    held = [];
    if (tailId !== null) void tail().stop({ tailId }).catch(() => undefined);
  };

  /** Appends rows to the ring (and counts what rolled out) as one change of the session. */
  const ringPatch = (session: TailSession, records: readonly MessageRecord[]): Partial<TailSession> => {
    if (records.length === 0) return {};
    const ring = appendToRing(session.rows, records, get().tailOptions.bufferLimit);
    meter.add(records.length, now());
    return {
      rows: ring.rows,
      droppedFromView: session.droppedFromView + ring.rolledOut,
      shifts: { added: session.shifts.added + Math.min(records.length, ring.rows.length), rolledOut: session.shifts.rolledOut + Math.min(ring.rolledOut, session.rows.length) },
    };
  };

  const land = (expected: number, records: MessageRecord[], poll: { problems: TailSession['problems']; dropped: number; notices: TailSession['notices']; status: TailStatus }) => {
    update(expected, (session) => {
      let patch: Partial<TailSession>;
      if (session.phase === 'paused') {
        const limit = get().tailOptions.bufferLimit;
        held = appendToRing(held, records, limit).rows;
        const overflow = session.held + records.length - held.length;
        patch = { held: held.length, droppedFromView: session.droppedFromView + overflow };
      } else patch = ringPatch(session, records);
      return {
        ...patch,
        received: session.received + records.length,
        polls: session.polls + 1,
        droppedByHost: session.droppedByHost + poll.dropped,
        problems: poll.problems.length > 0 ? session.problems.concat(poll.problems).slice(-MAX_TAIL_PROBLEMS) : session.problems,
        notices: poll.notices.length > 0 ? session.notices.concat(poll.notices).slice(-MAX_TAIL_NOTICES) : session.notices,
        status: poll.status,
        phase: poll.status.state === 'ended' ? 'ended' : session.phase,
        shownRate: meter.rate(now()),
      };
    });
  };

  const fail = (expected: number, error: MessagesProblem) => {
    if (expected !== generation) return;
    runningTailId = null;
    update(expected, { error, phase: 'ended' });
  };

  const poll = async (expected: number, tailId: string) => {
    const ask = () => tail().poll({ tailId, waitMs: TAIL_POLL_WAIT_MS });
    let began = now();
    let pending: Promise<Awaited<ReturnType<typeof ask>> | null> = ask();
    while (expected === generation) {
      let result;
      try {
        result = await pending;
      } catch (error) {
        fail(expected, { message: `lost touch with the tail: ${describeError(error)}`, reason: null });
        return;
      }
      if (expected !== generation || result === null) return;
      if (!result.ok) {
        fail(expected, problemOf(result.error));
        return;
      }
      const { records, problems, dropped, notices, status } = result.value;
      if (status.state !== 'ended') {
        // The next poll is asked for before this batch lands (and renders), so the host gathers
        // the next records meanwhile; still at most one poll in flight, and polls at least
        // minPollIntervalMs apart unless this batch was full.
        const elapsed = now() - began;
        const delay = records.length < MAX_TAIL_BATCH && elapsed < minPollIntervalMs ? minPollIntervalMs - elapsed : 0;
        const next = () => {
          if (expected !== generation) return null;
          began = now();
          return ask();
        };
        pending = delay > 0 ? wait(delay).then(next) : Promise.resolve(next());
      }
      land(expected, records, { problems, dropped, notices, status });
      if (status.state === 'ended') {
        if (runningTailId === tailId) runningTailId = null;
        return;
      }
    }
  };

  const start = async () => {
    stopRunning();
    const expected = generation;
    const state = get();
    const query = state.messagesQuery;
    const topic = query.topic!;
    meter = new RateMeter();
    set({ tail: newTailSession(topic) });
    let result;
    try {
      // The host keeps as many records between polls as the view shows: more would roll out of view anyway.
      result = await tail().start({ topic, partitions: query.partitions, from: state.tailOptions.from, filters: query.filters, decode: query.decoding, bufferLimit: state.tailOptions.bufferLimit });
    } catch (error) {
      fail(expected, { message: `the tail did not start: ${describeError(error)}`, reason: null });
      return;
    }
    if (expected !== generation) {
      if (result.ok) void tail().stop({ tailId: result.value.tailId }).catch(() => undefined);
      return;
    }
    if (!result.ok) {
      fail(expected, problemOf(result.error));
      return;
    }
    const { tailId, status } = result.value;
    runningTailId = status.state === 'ended' ? null : tailId;
    update(expected, { tailId, status, phase: status.state === 'ended' ? 'ended' : 'running' });
    if (status.state !== 'ended') await poll(expected, tailId);
  };

  const actions: TailActions = {
    syncTail() {
      const key = tailKeyOf(get());
      if (key === tailKey) return;
      tailKey = key;
      if (key === null) {
        stopRunning();
        if (get().tail) set({ tail: null });
        return;
      }
      void start();
    },
    restartTail() {
      tailKey = null;
      actions.syncTail();
    },
    stopTail() {
      tailKey = null;
      stopRunning();
      if (get().tail) set({ tail: null });
    },
    async pauseTail() {
      const session = get().tail;
      if (!session || session.phase !== 'running' || session.tailId === null) return;
      const expected = generation;
      update(expected, { phase: 'paused', held: 0 });
      held = [];
      const result = await settle(() => tail().pause({ tailId: session.tailId! }));
      if (result.ok) update(expected, (current) => ({ status: result.value, phase: result.value.state === 'ended' ? 'ended' : current.phase }));
    },
    async resumeTail() {
      const session = get().tail;
      if (!session || session.phase !== 'paused' || session.tailId === null) return;
      const expected = generation;
      // What arrived while paused lands first, so the next poll's records follow it in order.
      const records = held;
      held = [];
      update(expected, (current) => ({ ...ringPatch(current, records), held: 0, phase: 'running', shownRate: meter.rate(now()) }));
      const result = await settle(() => tail().resume({ tailId: session.tailId! }));
      if (result.ok) update(expected, (current) => ({ status: result.value, phase: result.value.state === 'ended' ? 'ended' : current.phase }));
      else update(expected, { error: { message: `the tail could not resume: ${result.message}`, reason: result.reason } });
    },
    clearTail() {
      update(generation, (session) => ({ rows: [], problems: [], shifts: { ...session.shifts, rolledOut: session.shifts.rolledOut + session.rows.length } }));
    },
    changeTailOptions(patch) {
      actions.setTailOptions({ ...get().tailOptions, ...patch });
      actions.syncTail();
    },
    setTailOptions(options) {
      const current = get().tailOptions;
      if (current.order !== options.order || current.bufferLimit !== options.bufferLimit || formatTailFrom(current.from) !== formatTailFrom(options.from)) set({ tailOptions: options });
      const session = get().tail;
      if (session && session.rows.length > options.bufferLimit) {
        const rolledOut = session.rows.length - options.bufferLimit;
        update(generation, { rows: session.rows.slice(rolledOut), droppedFromView: session.droppedFromView + rolledOut, shifts: { ...session.shifts, rolledOut: session.shifts.rolledOut + rolledOut } });
      }
    },
  };
  return actions;
}
