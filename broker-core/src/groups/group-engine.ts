/**
 * Runs the state machine: `dispatch(group, event, context)` asks the pure `transition` for the next
 * state and effects and applies them — parking and answering JoinGroup / SyncGroup requests,
 * deadlines (join phase, sync phase, member sessions, handed-out member ids), persisting and
 * deleting groups through its host. `context` carries what the request being handled contributes
 * (its member, its callbacks, what to store).
 *
 * Deadlines, as Kafka's: a join phase ends when every member has rejoined or at the rebalance
 * timeout (the largest of the members'), after `group.initial.rebalance.delay.ms` for a group
 * leaving Empty (extended while new members keep arriving in its first generation, never past the
 * rebalance timeout); members that did not rejoin are removed (static members keep their place
 * until their session expires). Members that never send SyncGroup are removed at the rebalance
 * timeout after the join phase. A member whose JoinGroup or SyncGroup is parked is alive; otherwise
 * it must show life (heartbeat, commit, sync) within its session timeout. A new member must finish
 * joining within 5 minutes.
 *
 * Durability, as Kafka's: the answers that hand out a generation's assignment (the leader's
 * SyncGroup, a static member's rejoin) wait until the group's metadata record is fsynced, so a
 * member never holds a generation the broker could forget in a crash; if the generation moved on
 * meanwhile they get REBALANCE_IN_PROGRESS, and if the write failed COORDINATOR_NOT_AVAILABLE.
 *
 * Single-threaded: everything runs on the broker's event loop; a dispatch may dispatch again
 * (a removal completing a join phase), and state-change events are emitted after the outermost
 * dispatch, in order.
 */
import type { BrokerLogger } from '../broker-api';
import { ErrorCode } from '../protocol/generated/errors';
import type { ClassicGroup } from './classic-group';
import { DeadlineTimer } from './deadline-timer';
import type { GroupEventEmitter } from './group-events';
import type { GroupMember, JoinCallback, SyncCallback } from './group-member';
import type { JoinResult, MemberProtocol, SyncResult } from './group-requests';
import { GroupState } from './group-state';
import { transition, type GroupEffect, type GroupEvent } from './group-transition';

/** Kafka's NewMemberJoinTimeoutMs. */
export const NEW_MEMBER_JOIN_TIMEOUT_MS = 5 * 60 * 1000;

const NO_BYTES = Buffer.alloc(0);

export function joinError(memberId: string, errorCode: number): JoinResult {
  return { errorCode, memberId, generationId: -1, protocolType: null, protocolName: null, leaderId: '', skipAssignment: false, members: [] };
}

export function syncError(errorCode: number): SyncResult {
  return { errorCode, protocolType: null, protocolName: null, assignment: NO_BYTES };
}

/** What the request being handled contributes to the effects. */
export interface EffectContext {
  member?: GroupMember;
  /** Answers the request with an error code (NONE for a plain success). */
  respond?: (errorCode: number) => void;
  join?: {
    callback: JoinCallback;
    protocols: MemberProtocol[];
    rebalanceTimeoutMs: number;
    sessionTimeoutMs: number;
    supportSkippingAssignment: boolean;
    /** The leader before a static member was replaced (told to non-v9 replacing members). */
    previousLeaderId: string | null;
  };
  sync?: { callback: SyncCallback; assignments: Map<string, Buffer> };
  storeOffsets?: () => Promise<void>;
  deleteOffsets?: (scope: 'all-requested' | 'unsubscribed-topics') => Promise<void>;
  /** Set by effects that write to the journal: resolves once the write is durable. */
  durable?: Promise<void>;
  /** Set by `persist-group`: resolves once the group's metadata is durable (the answers after it wait for it). */
  persisted?: Promise<void>;
}

export interface GroupEngineHost {
  /** Writes the group's metadata record; resolves once it is durable (failures are logged, then rejected). */
  persistGroup(group: ClassicGroup): Promise<void>;
  /** Forgets the group and its offsets; resolves once the tombstone is durable. */
  deleteGroup(group: ClassicGroup): Promise<void>;
}

export class GroupEngine {
  private depth = 0;
  private stateChanges: { group: ClassicGroup; previous: GroupState; next: GroupState }[] = [];

  constructor(
    private readonly initialRebalanceDelayMs: number,
    private readonly host: GroupEngineHost,
    private readonly events: GroupEventEmitter,
    private readonly logger: BrokerLogger,
  ) {}

  dispatch(group: ClassicGroup, event: GroupEvent, context: EffectContext = {}): void {
    this.depth++;
    try {
      const next = transition(group.state, event);
      if (next.state !== group.state) {
        this.stateChanges.push({ group, previous: group.state, next: next.state });
        group.state = next.state;
        group.stateTimestamp = Date.now();
      }
      for (const effect of next.effects) this.apply(group, effect, context);
    } finally {
      if (--this.depth === 0) this.emitStateChanges();
    }
  }

  private emitStateChanges(): void {
    const changes = this.stateChanges;
    this.stateChanges = [];
    for (const { group, previous, next } of changes) {
      this.events.emit({ type: 'group-state-changed', groupId: group.groupId, state: next, previousState: previous, generationId: group.generationId, memberCount: group.members.size });
    }
  }

  private apply(group: ClassicGroup, effect: GroupEffect, context: EffectContext): void {
    switch (effect.type) {
      case 'respond':
        context.respond?.(effect.errorCode);
        return;
      case 'update-member-await-join': {
        const member = context.member!;
        const join = context.join!;
        member.awaitingJoin?.(joinError(member.memberId, ErrorCode.REBALANCE_IN_PROGRESS)); // superseded by this request
        group.updateMember(member, join.protocols, join.rebalanceTimeoutMs, join.sessionTimeoutMs, join.callback);
        return;
      }
      case 'mark-new-member-added':
        group.newMemberAdded = true;
        return;
      case 'respond-join-current-generation':
        context.join!.callback(this.joinResult(group, context.member!.memberId, effect.includeMembers));
        return;
      case 'respond-static-rejoin': {
        const member = context.member!;
        this.afterPersisted(group, context, () => this.respondStaticRejoin(group, context), (errorCode) => this.answerJoin(member, joinError(member.memberId, errorCode)));
        return;
      }
      case 'fail-pending-joins':
        for (const member of group.members.values()) this.answerJoin(member, joinError(member.memberId, effect.errorCode));
        return;
      case 'fail-pending-syncs':
        for (const member of group.members.values()) {
          member.clearAssignment();
          if (this.answerSync(member, syncError(effect.errorCode))) this.refreshSession(group, member);
        }
        return;
      case 'clear-pending-syncs':
        group.pendingSyncMembers.clear();
        group.syncTimer.cancel();
        return;
      case 'schedule-join-deadline':
        this.scheduleJoinDeadline(group, effect.initialDelay);
        return;
      case 'try-complete-join':
        if (group.state === GroupState.PreparingRebalance && !group.joinPhase.initial && group.hasAllMembersJoined) this.completeJoinPhase(group);
        return;
      case 'start-next-generation':
        group.initNextGeneration();
        return;
      case 'complete-joins':
        this.completeJoins(group);
        return;
      case 'schedule-sync-deadline': {
        const generation = group.generationId;
        group.syncTimer.arm(group.rebalanceTimeoutMs, () => this.onSyncDeadline(group, generation));
        return;
      }
      case 'await-sync': {
        const member = context.member!;
        member.awaitingSync?.(syncError(ErrorCode.REBALANCE_IN_PROGRESS)); // superseded by this request
        member.awaitingSync = context.sync!.callback;
        return;
      }
      case 'mark-synced':
        group.pendingSyncMembers.delete(context.member!.memberId);
        if (group.pendingSyncMembers.size === 0) group.syncTimer.cancel();
        return;
      case 'apply-leader-assignment': {
        const assignments = context.sync!.assignments;
        this.logger.info(`group "${group.groupId}" generation ${group.generationId}: assignment received from leader ${group.leaderId} for ${group.members.size} members`);
        for (const member of group.members.values()) member.assignment = assignments.get(member.memberId) ?? NO_BYTES;
        return;
      }
      case 'answer-pending-syncs':
        this.afterPersisted(
          group,
          context,
          () => {
            for (const member of group.members.values()) {
              const answered = this.answerSync(member, { errorCode: ErrorCode.NONE, protocolType: group.protocolType, protocolName: group.protocolName, assignment: member.assignment });
              if (answered) this.refreshSession(group, member);
            }
          },
          (errorCode) => {
            for (const member of group.members.values()) this.answerSync(member, syncError(errorCode));
          },
        );
        return;
      case 'respond-sync-current-assignment': {
        const member = context.member!;
        context.sync!.callback({ errorCode: ErrorCode.NONE, protocolType: group.protocolType, protocolName: group.protocolName, assignment: member.assignment });
        return;
      }
      case 'refresh-session':
        this.refreshSession(group, context.member!);
        return;
      case 'store-offsets':
        context.durable = context.storeOffsets?.();
        return;
      case 'delete-offsets':
        context.durable = context.deleteOffsets?.(effect.scope);
        return;
      case 'delete-group':
        context.durable = this.host.deleteGroup(group);
        return;
      case 'persist-group':
        context.persisted = this.host.persistGroup(group);
        return;
      case 'cancel-timers':
        this.cancelTimers(group);
        return;
    }
  }

  /**
   * Runs `answer` once the `persist-group` before it is durable (at once when nothing was
   * persisted); `fail` instead with REBALANCE_IN_PROGRESS when the generation changed meanwhile
   * (a new rebalance answers nothing parked in Stable), or COORDINATOR_NOT_AVAILABLE when the
   * write failed.
   */
  private afterPersisted(group: ClassicGroup, context: EffectContext, answer: () => void, fail: (errorCode: number) => void): void {
    if (!context.persisted) {
      answer();
      return;
    }
    const generation = group.generationId;
    context.persisted.then(
      () => (group.generationId === generation && group.state === GroupState.Stable ? answer() : fail(ErrorCode.REBALANCE_IN_PROGRESS)),
      () => fail(ErrorCode.COORDINATOR_NOT_AVAILABLE),
    );
  }

  joinResult(group: ClassicGroup, memberId: string, includeMembers: boolean): JoinResult {
    return {
      errorCode: ErrorCode.NONE,
      memberId,
      generationId: group.generationId,
      protocolType: group.protocolType,
      protocolName: group.protocolName,
      leaderId: group.leaderId ?? '',
      skipAssignment: false,
      members: includeMembers ? group.currentMemberMetadata() : [],
    };
  }

  /** Answers a parked JoinGroup, if any; true if one was answered. */
  answerJoin(member: GroupMember, result: JoinResult): boolean {
    const callback = member.awaitingJoin;
    member.awaitingJoin = null;
    callback?.(result);
    return callback !== null;
  }

  answerSync(member: GroupMember, result: SyncResult): boolean {
    const callback = member.awaitingSync;
    member.awaitingSync = null;
    callback?.(result);
    return callback !== null;
  }

  /** A static member replacing itself in a Stable group without changing the protocol: no rebalance. */
  private respondStaticRejoin(group: ClassicGroup, context: EffectContext): void {
    const member = context.member!;
    const join = context.join!;
    if (join.supportSkippingAssignment) {
      // v9+: a leader learns it leads (to keep watching metadata) but must not reassign.
      const isLeader = group.isLeader(member.memberId);
      this.answerJoin(member, { ...this.joinResult(group, member.memberId, isLeader), skipAssignment: isLeader });
    } else {
      // Older clients: name the previous leader id, so a replaced leader does not compute an assignment a Stable group would ignore.
      this.answerJoin(member, { ...this.joinResult(group, member.memberId, false), leaderId: join.previousLeaderId ?? '' });
    }
  }

  /** Restarts a member's session: it must show life again within `timeoutMs`. */
  refreshSession(group: ClassicGroup, member: GroupMember, timeoutMs = member.sessionTimeoutMs): void {
    member.sessionDeadline = Date.now() + timeoutMs;
    const firesAt = member.sessionTimer.firesAt;
    if (firesAt === undefined || firesAt > member.sessionDeadline) member.sessionTimer.arm(timeoutMs, () => this.onSessionDeadline(group, member));
  }

  private onSessionDeadline(group: ClassicGroup, member: GroupMember): void {
    if (group.members.get(member.memberId) !== member || group.state === GroupState.Dead) return;
    const left = member.sessionDeadline - Date.now();
    if (left > 0) {
      member.sessionTimer.arm(left, () => this.onSessionDeadline(group, member));
      return;
    }
    // A parked JoinGroup or SyncGroup proves the member alive; its session restarts when answered.
    if (!member.isNew && (member.awaitingJoin || member.awaitingSync)) return;
    const reason = member.isNew ? `it did not finish joining within ${NEW_MEMBER_JOIN_TIMEOUT_MS} ms` : `no heartbeat within its session timeout of ${member.sessionTimeoutMs} ms`;
    this.removeMember(group, member, reason);
  }

  /** Removes a member (left, fenced, or failed), answering anything it has parked, then rebalances as the state requires. */
  removeMember(group: ClassicGroup, member: GroupMember, reason: string): void {
    this.answerJoin(member, joinError('', ErrorCode.UNKNOWN_MEMBER_ID));
    this.answerSync(member, syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    this.dropMember(group, member);
    this.logger.info(`group "${group.groupId}": removed member ${member.memberId} (${reason})`);
    this.dispatch(group, { type: 'member-removed' });
  }

  private dropMember(group: ClassicGroup, member: GroupMember): void {
    member.sessionTimer.cancel();
    group.remove(member.memberId);
  }

  /** Hands out a member id with MEMBER_ID_REQUIRED; it is forgotten if not used within the session timeout. */
  addPendingMember(group: ClassicGroup, memberId: string, sessionTimeoutMs: number): void {
    const timer = new DeadlineTimer();
    group.addPendingMember(memberId, timer);
    timer.arm(sessionTimeoutMs, () => {
      if (group.removePendingMember(memberId)) this.dispatch(group, { type: 'pending-member-removed' });
    });
  }

  private scheduleJoinDeadline(group: ClassicGroup, initialDelay: boolean): void {
    if (initialDelay) {
      const delayMs = this.initialRebalanceDelayMs;
      group.joinPhase = { initial: true, configuredDelayMs: delayMs, delayMs, remainingMs: Math.max(group.rebalanceTimeoutMs - delayMs, 0) };
      group.joinTimer.arm(delayMs, () => this.onJoinDeadline(group));
    } else {
      group.joinPhase = { initial: false };
      group.joinTimer.arm(group.rebalanceTimeoutMs, () => this.onJoinDeadline(group));
    }
    this.logger.info(`group "${group.groupId}": preparing to rebalance generation ${group.generationId} with ${group.members.size} members`);
  }

  private onJoinDeadline(group: ClassicGroup): void {
    if (group.state !== GroupState.PreparingRebalance) return;
    const phase = group.joinPhase;
    if (phase.initial && group.newMemberAdded && phase.remainingMs !== 0) {
      // Members are still arriving at a new group: wait a little longer, within the rebalance timeout.
      group.newMemberAdded = false;
      const delayMs = Math.min(phase.configuredDelayMs, phase.remainingMs);
      group.joinPhase = { initial: true, configuredDelayMs: phase.configuredDelayMs, delayMs, remainingMs: Math.max(phase.remainingMs - phase.delayMs, 0) };
      group.joinTimer.arm(delayMs, () => this.onJoinDeadline(group));
      return;
    }
    this.completeJoinPhase(group);
  }

  private completeJoinPhase(group: ClassicGroup): void {
    group.joinTimer.cancel();
    group.joinPhase = { initial: false };
    const notRejoined = group.memberList.filter((member) => !member.awaitingJoin && !member.isStatic);
    for (const member of notRejoined) this.dropMember(group, member);
    if (notRejoined.length > 0) {
      this.logger.info(`group "${group.groupId}": removed members that did not rejoin within the rebalance timeout: ${notRejoined.map((member) => member.memberId).join(', ')}`);
    }
    group.electJoinedLeader();
    this.dispatch(group, { type: 'join-phase-ended', remainingMembers: group.members.size, joinedMembers: group.joinedMemberCount });
  }

  private completeJoins(group: ClassicGroup): void {
    for (const member of group.members.values()) {
      this.answerJoin(member, this.joinResult(group, member.memberId, group.isLeader(member.memberId)));
      this.refreshSession(group, member);
      member.isNew = false;
      group.pendingSyncMembers.add(member.memberId);
    }
    this.logger.info(`group "${group.groupId}": generation ${group.generationId} formed with ${group.members.size} members, protocol ${group.protocolName}, leader ${group.leaderId}`);
  }

  private onSyncDeadline(group: ClassicGroup, generation: number): void {
    if (generation !== group.generationId) return;
    if (group.state !== GroupState.CompletingRebalance && group.state !== GroupState.Stable) return;
    const missing = [...group.pendingSyncMembers].map((memberId) => group.members.get(memberId)).filter((member) => member !== undefined);
    if (missing.length === 0) return;
    for (const member of missing) this.dropMember(group, member);
    this.logger.info(`group "${group.groupId}": removed members that did not send SyncGroup in time: ${missing.map((member) => member.memberId).join(', ')}`);
    this.dispatch(group, { type: 'sync-deadline-expired', removedMembers: missing.length });
  }

  cancelTimers(group: ClassicGroup): void {
    group.joinTimer.cancel();
    group.syncTimer.cancel();
    for (const member of group.members.values()) member.sessionTimer.cancel();
    for (const memberId of [...group.pendingMembers.keys()]) group.removePendingMember(memberId);
  }
}
