/**
 * The data of one classic group, with the operations that keep it consistent: members in join
 * order, the static-member index (group.instance.id → member id), member ids handed out with
 * MEMBER_ID_REQUIRED that have not joined yet, members that still owe a SyncGroup, generation,
 * protocol, leader, and committed offsets. Mirrors Kafka's GroupMetadata.
 *
 * Invariants: the leader, if any, is a member; every static member is in `staticMembers` under its
 * instance id and nowhere else; `protocolType` is set by the first member ever added and kept (it
 * decides how offsets expire once the group is empty). What state the group is in and what a
 * request does in it is decided by `transition`; this class does not change `state` itself.
 */
import { randomUUID } from 'node:crypto';
import { ErrorCode } from '../protocol/generated/errors';
import { CONSUMER_PROTOCOL_TYPE, subscribedTopics } from './consumer-protocol';
import { DeadlineTimer } from './deadline-timer';
import type { GroupMember, JoinCallback } from './group-member';
import type { JoinedMember, MemberProtocol } from './group-requests';
import { GroupState } from './group-state';
import { OffsetTable } from './offset-table';
import { selectProtocol } from './protocol-selection';

/** How the running join deadline was set: the initial delay of a group leaving Empty, or the rebalance timeout. */
export type JoinPhase = { initial: false } | { initial: true; configuredDelayMs: number; delayMs: number; remainingMs: number };

export class ClassicGroup {
  state = GroupState.Empty;
  /** Epoch ms of the last state change (an empty group's offsets expire counting from it). */
  stateTimestamp: number;
  generationId = 0;
  protocolType: string | null = null;
  protocolName: string | null = null;
  leaderId: string | null = null;
  readonly members = new Map<string, GroupMember>();
  readonly staticMembers = new Map<string, string>();
  /** Member ids handed out with MEMBER_ID_REQUIRED, with their expiry timers. */
  readonly pendingMembers = new Map<string, DeadlineTimer>();
  readonly pendingSyncMembers = new Set<string>();
  /** A member joined while the first generation's initial delay ran (the delay is extended). */
  newMemberAdded = false;
  /** Topics the members subscribe to (consumer protocol only); null when unknown. */
  subscribedTopics: Set<string> | null = null;
  joinPhase: JoinPhase = { initial: false };
  readonly joinTimer = new DeadlineTimer();
  readonly syncTimer = new DeadlineTimer();
  readonly offsets = new OffsetTable();

  constructor(
    readonly groupId: string,
    now: number,
  ) {
    this.stateTimestamp = now;
  }

  get isConsumerGroup(): boolean {
    return this.protocolType === CONSUMER_PROTOCOL_TYPE;
  }

  get memberList(): GroupMember[] {
    return [...this.members.values()];
  }

  isLeader(memberId: string): boolean {
    return this.leaderId === memberId;
  }

  /** The largest rebalance timeout of the members (0 without members). */
  get rebalanceTimeoutMs(): number {
    let timeout = 0;
    for (const member of this.members.values()) timeout = Math.max(timeout, member.rebalanceTimeoutMs);
    return timeout;
  }

  /**
   * Kafka's member check for JoinGroup, SyncGroup, Heartbeat, LeaveGroup and OffsetCommit:
   * FENCED_INSTANCE_ID when the instance id now belongs to another member id (a newer instance
   * took over), UNKNOWN_MEMBER_ID when the instance id or member id is not in the group, else NONE.
   */
  memberError(memberId: string, groupInstanceId: string | null): number {
    if (groupInstanceId !== null) {
      const current = this.staticMembers.get(groupInstanceId);
      if (current === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
      if (current !== memberId) return ErrorCode.FENCED_INSTANCE_ID;
    }
    return this.members.has(memberId) ? ErrorCode.NONE : ErrorCode.UNKNOWN_MEMBER_ID;
  }

  newMemberId(clientId: string, groupInstanceId: string | null): string {
    return `${groupInstanceId ?? clientId}-${randomUUID()}`;
  }

  add(member: GroupMember): void {
    if (member.groupInstanceId !== null) {
      if (this.staticMembers.has(member.groupInstanceId)) throw new Error(`static member ${member.groupInstanceId} is already in group ${this.groupId}`);
      this.staticMembers.set(member.groupInstanceId, member.memberId);
    }
    if (this.members.size === 0) this.protocolType = member.protocolType;
    this.leaderId ??= member.memberId;
    this.members.set(member.memberId, member);
    this.removePendingMember(member.memberId);
  }

  /** Removes a member (its timers are the caller's to cancel); a new leader is the longest-standing member left. */
  remove(memberId: string): GroupMember | undefined {
    const member = this.members.get(memberId);
    if (member) {
      this.members.delete(memberId);
      if (member.groupInstanceId !== null) this.staticMembers.delete(member.groupInstanceId);
    }
    if (this.leaderId === memberId) this.leaderId = this.members.keys().next().value ?? null;
    this.removePendingMember(memberId);
    this.pendingSyncMembers.delete(memberId);
    return member;
  }

  addPendingMember(memberId: string, timer: DeadlineTimer): void {
    this.pendingMembers.set(memberId, timer);
  }

  removePendingMember(memberId: string): boolean {
    const timer = this.pendingMembers.get(memberId);
    timer?.cancel();
    return this.pendingMembers.delete(memberId);
  }

  /**
   * Gives a static member a new member id, keeping everything else (assignment, leadership).
   * Returns the member; its parked requests are the caller's to fence.
   */
  replaceStaticMember(groupInstanceId: string, oldMemberId: string, newMemberId: string): GroupMember {
    const member = this.members.get(oldMemberId);
    if (!member) throw new Error(`cannot replace member ${oldMemberId} of group ${this.groupId}: not a member`);
    this.members.delete(oldMemberId);
    member.memberId = newMemberId;
    this.members.set(newMemberId, member);
    if (this.leaderId === oldMemberId) this.leaderId = newMemberId;
    this.staticMembers.set(groupInstanceId, newMemberId);
    if (this.pendingSyncMembers.delete(oldMemberId)) this.pendingSyncMembers.add(newMemberId);
    return member;
  }

  updateMember(member: GroupMember, protocols: MemberProtocol[], rebalanceTimeoutMs: number, sessionTimeoutMs: number, callback: JoinCallback | null): void {
    member.protocols = protocols;
    member.rebalanceTimeoutMs = rebalanceTimeoutMs;
    member.sessionTimeoutMs = sessionTimeoutMs;
    member.awaitingJoin = callback;
  }

  get joinedMemberCount(): number {
    let count = 0;
    for (const member of this.members.values()) if (member.awaitingJoin) count++;
    return count;
  }

  /** Every member has sent its JoinGroup and no handed-out member id is still expected. */
  get hasAllMembersJoined(): boolean {
    return this.joinedMemberCount === this.members.size && this.pendingMembers.size === 0;
  }

  /** If the leader did not rejoin, makes the first member that did the leader. False if nobody rejoined. */
  electJoinedLeader(): boolean {
    const leader = this.leaderId === null ? undefined : this.members.get(this.leaderId);
    if (!leader) return false;
    if (leader.awaitingJoin) return true;
    const joined = this.memberList.find((member) => member.awaitingJoin);
    if (!joined) return false;
    this.leaderId = joined.memberId;
    return true;
  }

  /** Generation + 1 with the protocol the members choose (none when empty); expects a SyncGroup again. */
  initNextGeneration(): void {
    this.generationId++;
    this.protocolName = this.members.size > 0 ? selectProtocol(this.memberList) : null;
    this.subscribedTopics = this.computeSubscribedTopics();
    this.pendingSyncMembers.clear();
  }

  /** The members and their metadata for the selected protocol, as the leader receives them. */
  currentMemberMetadata(): JoinedMember[] {
    return this.memberList.map((member) => ({ memberId: member.memberId, groupInstanceId: member.groupInstanceId, metadata: member.metadataFor(this.protocolName) }));
  }

  /** True unless the group is known not to subscribe to `topic` (unknown subscriptions count as subscribed). */
  isSubscribedToTopic(topic: string): boolean {
    return this.subscribedTopics === null || this.subscribedTopics.has(topic);
  }

  computeSubscribedTopics(): Set<string> | null {
    if (!this.isConsumerGroup) return null;
    if (this.members.size === 0) return new Set();
    if (this.protocolName === null) return null;
    const topics = new Set<string>();
    for (const member of this.members.values()) {
      const subscribed = subscribedTopics(member.metadataFor(this.protocolName));
      if (subscribed === null) return null;
      for (const topic of subscribed) topics.add(topic);
    }
    return topics;
  }
}
