/**
 * The classic group state machine as a pure function: `transition(state, event)` returns the next
 * state and the effects the coordinator must apply, in order. It reads nothing else and changes
 * nothing; the coordinator validates a request (group id, member id, generation, protocol) and
 * computes the facts an event carries, then applies the effects (parking and answering requests,
 * timers, storing offsets, persisting the group). Mirrors Apache Kafka's classic GroupCoordinator.
 *
 * Invariants the table keeps:
 * - Dead is final: every event leaves it Dead, and requests get COORDINATOR_NOT_AVAILABLE
 *   (or GROUP_ID_NOT_FOUND for admin operations).
 * - Entering PreparingRebalance always: answers parked SyncGroups with REBALANCE_IN_PROGRESS when
 *   leaving CompletingRebalance, forgets pending syncs, schedules the join deadline (the initial
 *   delay when coming from Empty) and then tries to complete the join.
 * - A new generation starts only when the join phase ends: → CompletingRebalance with members,
 *   → Empty without.
 * - Stable is entered only through the leader's SyncGroup in CompletingRebalance.
 */
import { ErrorCode } from '../protocol/generated/errors';
import { GroupState } from './group-state';

export type GroupEvent =
  /** A new member (dynamic, or static with a new instance id) was added and awaits its JoinGroup response. */
  | { type: 'member-added'; isFirstGeneration: boolean }
  /** A known member sent JoinGroup. */
  | { type: 'member-rejoined'; isLeader: boolean; metadataChanged: boolean }
  /** A known group.instance.id joined with an unknown member id and took over the old member's place. */
  | { type: 'static-member-replaced'; selectedProtocolUnchanged: boolean }
  /** The join deadline passed or every member has joined; non-rejoined dynamic members were removed. */
  | { type: 'join-phase-ended'; remainingMembers: number; joinedMembers: number }
  /** A member of the current generation sent SyncGroup. */
  | { type: 'sync-received'; isLeader: boolean }
  /** The sync deadline passed; members that never sent SyncGroup were removed. */
  | { type: 'sync-deadline-expired'; removedMembers: number }
  /** A member of the current generation heartbeated. */
  | { type: 'heartbeat' }
  /** A member left, was fenced out, or missed its session timeout (already removed). */
  | { type: 'member-removed' }
  /** A member id handed out with MEMBER_ID_REQUIRED expired or left before joining. */
  | { type: 'pending-member-removed' }
  /** OffsetCommit: `byMember` when sent by a validated member of the current generation, else a "simple" commit. */
  | { type: 'offset-commit'; byMember: boolean }
  /**
   * The host's forced commit (the dead-letter sweeper): stored whatever the membership; the
   * coordinator then sends `force-rebalance` once it is durable, so live members refetch it.
   */
  | { type: 'forced-offset-commit' }
  /** OffsetDelete; `consumerProtocol` when the group's protocol type is "consumer". */
  | { type: 'offset-delete'; consumerProtocol: boolean }
  /** DeleteGroups. */
  | { type: 'group-delete' }
  /** Expiry or OffsetDelete removed offsets; `hasOffsetsLeft` when some (or pending commits) remain. */
  | { type: 'offsets-removed'; hasOffsetsLeft: boolean }
  /** The host asks live members to rebalance. */
  | { type: 'force-rebalance' }
  /** The coordinator is closing. */
  | { type: 'coordinator-unloaded' };

export type GroupEventType = GroupEvent['type'];

export type GroupEffect =
  /** Answer the request being handled with this error code (NONE for a plain success). */
  | { type: 'respond'; errorCode: number }
  /** Store the member's new protocols and timeouts and park its JoinGroup. */
  | { type: 'update-member-await-join' }
  /** Remember that a member joined during the first generation's initial delay (extends the delay). */
  | { type: 'mark-new-member-added' }
  /** Answer the JoinGroup now with the current generation; the member list only when `includeMembers`. */
  | { type: 'respond-join-current-generation'; includeMembers: boolean }
  /** Answer a replacing static member without a rebalance (skipAssignment for a v9+ leader). */
  | { type: 'respond-static-rejoin' }
  | { type: 'fail-pending-joins'; errorCode: number }
  /** Answer every parked SyncGroup with this error and clear the members' assignments. */
  | { type: 'fail-pending-syncs'; errorCode: number }
  /** Forget which members still owe a SyncGroup and cancel the sync deadline. */
  | { type: 'clear-pending-syncs' }
  | { type: 'schedule-join-deadline'; initialDelay: boolean }
  /** If every member has joined (and no initial delay is running), end the join phase now. */
  | { type: 'try-complete-join' }
  /** Generation + 1, select the protocol (none when empty), recompute subscribed topics. */
  | { type: 'start-next-generation' }
  /** Answer every parked JoinGroup (the leader gets the members), restart sessions, expect a SyncGroup from each. */
  | { type: 'complete-joins' }
  | { type: 'schedule-sync-deadline' }
  | { type: 'await-sync' }
  /** The member no longer owes a SyncGroup; cancels the sync deadline when nobody does. */
  | { type: 'mark-synced' }
  /** Store the leader's assignment (empty for members it left out). */
  | { type: 'apply-leader-assignment' }
  /** Answer every parked SyncGroup with its assignment, once the `persist-group` before it is durable. */
  | { type: 'answer-pending-syncs' }
  | { type: 'respond-sync-current-assignment' }
  /** Restart the member's session timeout. */
  | { type: 'refresh-session' }
  | { type: 'store-offsets' }
  /** OffsetDelete: every requested partition, or (active consumer group) those of unsubscribed topics. */
  | { type: 'delete-offsets'; scope: 'all-requested' | 'unsubscribed-topics' }
  /** Forget the group and its offsets (durably). */
  | { type: 'delete-group' }
  /** Persist the group's generation, protocol and members so they survive a restart; the answers after it wait for it. */
  | { type: 'persist-group' }
  | { type: 'cancel-timers' };

export interface GroupTransition {
  state: GroupState;
  effects: GroupEffect[];
}

const { Empty, PreparingRebalance, CompletingRebalance, Stable, Dead } = GroupState;

const stay = (state: GroupState, ...effects: GroupEffect[]): GroupTransition => ({ state, effects });
const respond = (errorCode: number): GroupEffect => ({ type: 'respond', errorCode });

/** Entering PreparingRebalance from `from` (Empty, Stable or CompletingRebalance), then `extra`. */
function prepareRebalance(from: GroupState, ...extra: GroupEffect[]): GroupTransition {
  const effects: GroupEffect[] = [...extra];
  if (from === CompletingRebalance) effects.push({ type: 'fail-pending-syncs', errorCode: ErrorCode.REBALANCE_IN_PROGRESS });
  effects.push({ type: 'clear-pending-syncs' }, { type: 'schedule-join-deadline', initialDelay: from === Empty }, { type: 'try-complete-join' });
  return { state: PreparingRebalance, effects };
}

/** Dead answers everything with this (members are told to find the coordinator again). */
const deadGroup = (): GroupTransition => stay(Dead, respond(ErrorCode.COORDINATOR_NOT_AVAILABLE));

export function transition(state: GroupState, event: GroupEvent): GroupTransition {
  switch (event.type) {
    case 'member-added':
      switch (state) {
        case Empty:
        case Stable:
        case CompletingRebalance:
          return prepareRebalance(state);
        case PreparingRebalance:
          return event.isFirstGeneration ? stay(state, { type: 'mark-new-member-added' }, { type: 'try-complete-join' }) : stay(state, { type: 'try-complete-join' });
        case Dead:
          return deadGroup();
      }
      break;

    case 'member-rejoined':
      switch (state) {
        case Empty:
          // A member id the group no longer has (it emptied meanwhile): rejoin from scratch.
          return stay(state, respond(ErrorCode.UNKNOWN_MEMBER_ID));
        case PreparingRebalance:
          return stay(state, { type: 'update-member-await-join' }, { type: 'try-complete-join' });
        case CompletingRebalance:
          // Same metadata: the member probably lost its JoinGroup response; send it again.
          return event.metadataChanged
            ? prepareRebalance(state, { type: 'update-member-await-join' })
            : stay(state, { type: 'respond-join-current-generation', includeMembers: event.isLeader });
        case Stable:
          // The leader rejoining forces a rebalance (e.g. topic metadata changed for its assignor).
          return event.isLeader || event.metadataChanged
            ? prepareRebalance(state, { type: 'update-member-await-join' })
            : stay(state, { type: 'respond-join-current-generation', includeMembers: false });
        case Dead:
          return deadGroup();
      }
      break;

    case 'static-member-replaced':
      switch (state) {
        case Stable:
          return event.selectedProtocolUnchanged
            ? stay(state, { type: 'refresh-session' }, { type: 'persist-group' }, { type: 'respond-static-rejoin' }) // answered once persisted
            : prepareRebalance(state);
        case CompletingRebalance:
          // The leader may already be assigning to the old member id: start over.
          return prepareRebalance(state);
        case PreparingRebalance:
          return stay(state, { type: 'try-complete-join' });
        case Empty:
          // An empty group has no static members to replace; the coordinator never sends this.
          return stay(state, respond(ErrorCode.UNKNOWN_MEMBER_ID));
        case Dead:
          return deadGroup();
      }
      break;

    case 'join-phase-ended':
      if (state !== PreparingRebalance) return stay(state);
      if (event.remainingMembers === 0) return { state: Empty, effects: [{ type: 'start-next-generation' }, { type: 'persist-group' }] };
      // Members remain but none rejoined (static members keep their place): wait another round.
      if (event.joinedMembers === 0) return stay(state, { type: 'schedule-join-deadline', initialDelay: false });
      return { state: CompletingRebalance, effects: [{ type: 'start-next-generation' }, { type: 'complete-joins' }, { type: 'schedule-sync-deadline' }] };

    case 'sync-received':
      switch (state) {
        case Empty:
          return stay(state, respond(ErrorCode.UNKNOWN_MEMBER_ID));
        case PreparingRebalance:
          return stay(state, respond(ErrorCode.REBALANCE_IN_PROGRESS));
        case CompletingRebalance:
          return event.isLeader
            ? { state: Stable, effects: [{ type: 'await-sync' }, { type: 'mark-synced' }, { type: 'apply-leader-assignment' }, { type: 'persist-group' }, { type: 'answer-pending-syncs' }] }
            : stay(state, { type: 'await-sync' }, { type: 'mark-synced' });
        case Stable:
          return stay(state, { type: 'mark-synced' }, { type: 'respond-sync-current-assignment' }, { type: 'refresh-session' });
        case Dead:
          return deadGroup();
      }
      break;

    case 'sync-deadline-expired':
      if ((state === CompletingRebalance || state === Stable) && event.removedMembers > 0) return prepareRebalance(state);
      return stay(state);

    case 'heartbeat':
      switch (state) {
        case Empty:
          return stay(state, respond(ErrorCode.UNKNOWN_MEMBER_ID));
        case PreparingRebalance:
          return stay(state, { type: 'refresh-session' }, respond(ErrorCode.REBALANCE_IN_PROGRESS));
        case CompletingRebalance:
        case Stable:
          return stay(state, { type: 'refresh-session' }, respond(ErrorCode.NONE));
        case Dead:
          return deadGroup();
      }
      break;

    case 'member-removed':
      switch (state) {
        case Empty:
          return stay(state);
        case PreparingRebalance:
          return stay(state, { type: 'try-complete-join' });
        case CompletingRebalance:
        case Stable:
          return prepareRebalance(state);
        case Dead:
          return stay(state);
      }
      break;

    case 'pending-member-removed':
      return state === PreparingRebalance ? stay(state, { type: 'try-complete-join' }) : stay(state);

    case 'offset-commit':
      switch (state) {
        case Empty:
          return stay(state, { type: 'store-offsets' });
        case PreparingRebalance:
        case Stable:
          // Commits of the current generation are accepted while a rebalance is prepared: members
          // learn of the rebalance from their next heartbeat and commit before rejoining.
          return event.byMember ? stay(state, { type: 'refresh-session' }, { type: 'store-offsets' }) : stay(state, respond(ErrorCode.UNKNOWN_MEMBER_ID));
        case CompletingRebalance:
          return stay(state, respond(event.byMember ? ErrorCode.REBALANCE_IN_PROGRESS : ErrorCode.UNKNOWN_MEMBER_ID));
        case Dead:
          return deadGroup();
      }
      break;

    case 'forced-offset-commit':
      return state === Dead ? deadGroup() : stay(state, { type: 'store-offsets' });

    case 'offset-delete':
      switch (state) {
        case Empty:
          return stay(state, { type: 'delete-offsets', scope: 'all-requested' });
        case PreparingRebalance:
        case CompletingRebalance:
        case Stable:
          return event.consumerProtocol ? stay(state, { type: 'delete-offsets', scope: 'unsubscribed-topics' }) : stay(state, respond(ErrorCode.NON_EMPTY_GROUP));
        case Dead:
          return stay(state, respond(ErrorCode.GROUP_ID_NOT_FOUND));
      }
      break;

    case 'group-delete':
      switch (state) {
        case Empty:
          return { state: Dead, effects: [{ type: 'cancel-timers' }, { type: 'delete-group' }] };
        case PreparingRebalance:
        case CompletingRebalance:
        case Stable:
          return stay(state, respond(ErrorCode.NON_EMPTY_GROUP));
        case Dead:
          return stay(state, respond(ErrorCode.GROUP_ID_NOT_FOUND));
      }
      break;

    case 'offsets-removed':
      return state === Empty && !event.hasOffsetsLeft ? { state: Dead, effects: [{ type: 'cancel-timers' }, { type: 'delete-group' }] } : stay(state);

    case 'force-rebalance':
      return state === Stable || state === CompletingRebalance ? prepareRebalance(state) : stay(state);

    case 'coordinator-unloaded':
      switch (state) {
        case PreparingRebalance:
          return { state: Dead, effects: [{ type: 'fail-pending-joins', errorCode: ErrorCode.NOT_COORDINATOR }, { type: 'cancel-timers' }] };
        case CompletingRebalance:
        case Stable:
          return { state: Dead, effects: [{ type: 'fail-pending-syncs', errorCode: ErrorCode.NOT_COORDINATOR }, { type: 'cancel-timers' }] };
        case Empty:
          return { state: Dead, effects: [{ type: 'cancel-timers' }] };
        case Dead:
          return stay(state);
      }
      break;
  }
  throw new Error(`no transition for event ${(event as GroupEvent).type} in state ${state}`);
}
