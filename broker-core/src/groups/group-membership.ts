/**
 * JoinGroup, SyncGroup, Heartbeat and LeaveGroup: validates each request as Kafka does (group id,
 * session timeout bounds, protocol compatibility, member id and static instance id, generation),
 * updates the group's member data, and turns the request into a state-machine event for the engine.
 *
 * JoinGroup and SyncGroup may be parked: their promises resolve when the engine answers them (the
 * join phase ends, the leader's assignment arrives) or a deadline passes. Every promise is answered
 * exactly once; a superseded request (same member asking again) is answered REBALANCE_IN_PROGRESS.
 */
import type { BrokerLogger } from '../broker-api';
import { ErrorCode } from '../protocol/generated/errors';
import type { ClassicGroup } from './classic-group';
import { NEW_MEMBER_JOIN_TIMEOUT_MS, joinError, syncError, type GroupEngine } from './group-engine';
import { GroupMember } from './group-member';
import type { HeartbeatRequest, JoinRequest, JoinResult, LeaveResult, LeavingMember, SyncRequest, SyncResult } from './group-requests';
import { GroupState } from './group-state';
import { selectProtocol, supportsProtocols } from './protocol-selection';

export interface SessionTimeoutBounds {
  minSessionTimeoutMs: number;
  maxSessionTimeoutMs: number;
}

export class GroupMembership {
  constructor(
    private readonly groups: Map<string, ClassicGroup>,
    private readonly createGroup: (groupId: string) => ClassicGroup,
    private readonly engine: GroupEngine,
    private readonly bounds: SessionTimeoutBounds,
    private readonly logger: BrokerLogger,
  ) {}

  join(request: JoinRequest): Promise<JoinResult> {
    return new Promise((reply) => {
      if (request.groupId === '') return reply(joinError(request.memberId, ErrorCode.INVALID_GROUP_ID));
      if (request.sessionTimeoutMs < this.bounds.minSessionTimeoutMs || request.sessionTimeoutMs > this.bounds.maxSessionTimeoutMs) {
        return reply(joinError(request.memberId, ErrorCode.INVALID_SESSION_TIMEOUT));
      }
      const isNewMember = request.memberId === '';
      let group = this.groups.get(request.groupId);
      if (!group) {
        // A member id for a group that does not exist is stale: let the member start over.
        if (!isNewMember) return reply(joinError(request.memberId, ErrorCode.UNKNOWN_MEMBER_ID));
        group = this.createGroup(request.groupId);
      }
      if (group.state === GroupState.Dead) return reply(joinError(request.memberId, ErrorCode.COORDINATOR_NOT_AVAILABLE));
      const compatible = supportsProtocols(
        { isEmpty: group.state === GroupState.Empty, protocolType: group.protocolType, members: group.memberList },
        request.protocolType,
        request.protocols.map((protocol) => protocol.name),
      );
      if (!compatible) return reply(joinError(request.memberId, ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
      if (isNewMember) this.joinNewMember(group, request, reply);
      else this.joinKnownMember(group, request, reply);
    });
  }

  private joinNewMember(group: ClassicGroup, request: JoinRequest, reply: (result: JoinResult) => void): void {
    const memberId = group.newMemberId(request.clientId, request.groupInstanceId);
    if (request.groupInstanceId !== null) {
      const previous = group.staticMembers.get(request.groupInstanceId);
      if (previous !== undefined) this.replaceStaticMember(group, request, previous, memberId, reply);
      else this.addMember(group, request, memberId, reply);
      return;
    }
    if (request.requireKnownMemberId) {
      // JoinGroup v4+: the member must come back with this id, so a retried request cannot add a phantom member.
      this.engine.addPendingMember(group, memberId, request.sessionTimeoutMs);
      reply(joinError(memberId, ErrorCode.MEMBER_ID_REQUIRED));
      return;
    }
    this.addMember(group, request, memberId, reply);
  }

  private joinKnownMember(group: ClassicGroup, request: JoinRequest, reply: (result: JoinResult) => void): void {
    if (group.pendingMembers.has(request.memberId)) {
      this.addMember(group, request, request.memberId, reply);
      return;
    }
    const error = group.memberError(request.memberId, request.groupInstanceId);
    if (error !== ErrorCode.NONE) return reply(joinError(request.memberId, error));
    const member = group.members.get(request.memberId)!;
    this.engine.dispatch(
      group,
      { type: 'member-rejoined', isLeader: group.isLeader(member.memberId), metadataChanged: !member.matches(request.protocols) },
      { member, join: this.joinContext(request, reply, null), respond: (code) => reply(joinError(request.memberId, code)) },
    );
  }

  private addMember(group: ClassicGroup, request: JoinRequest, memberId: string, reply: (result: JoinResult) => void): void {
    const member = new GroupMember(
      memberId,
      request.groupInstanceId,
      request.clientId,
      request.clientHost,
      request.rebalanceTimeoutMs,
      request.sessionTimeoutMs,
      request.protocolType,
      request.protocols,
    );
    member.isNew = true;
    member.awaitingJoin = reply;
    group.add(member);
    // A parked JoinGroup cannot heartbeat: a new member is given long to finish joining.
    this.engine.refreshSession(group, member, NEW_MEMBER_JOIN_TIMEOUT_MS);
    this.engine.dispatch(group, { type: 'member-added', isFirstGeneration: group.generationId === 0 }, { member, respond: (code) => this.answerError(member, code) });
  }

  private replaceStaticMember(group: ClassicGroup, request: JoinRequest, oldMemberId: string, newMemberId: string, reply: (result: JoinResult) => void): void {
    const previousLeaderId = group.leaderId;
    const member = group.replaceStaticMember(request.groupInstanceId!, oldMemberId, newMemberId);
    // The old instance is fenced: whatever it has parked is answered FENCED_INSTANCE_ID.
    this.engine.answerJoin(member, joinError(oldMemberId, ErrorCode.FENCED_INSTANCE_ID));
    this.engine.answerSync(member, syncError(ErrorCode.FENCED_INSTANCE_ID));
    this.logger.info(`group "${group.groupId}": static member ${request.groupInstanceId} rejoined; member id ${oldMemberId} replaced by ${newMemberId}`);
    this.engine.refreshSession(group, member);
    group.updateMember(member, request.protocols, request.rebalanceTimeoutMs, request.sessionTimeoutMs, reply);
    const selectedProtocolUnchanged = group.state !== GroupState.Stable || selectProtocol(group.memberList) === group.protocolName;
    this.engine.dispatch(
      group,
      { type: 'static-member-replaced', selectedProtocolUnchanged },
      { member, join: this.joinContext(request, reply, previousLeaderId), respond: (code) => this.answerError(member, code) },
    );
  }

  private answerError(member: GroupMember, errorCode: number): void {
    this.engine.answerJoin(member, joinError(member.memberId, errorCode));
  }

  private joinContext(request: JoinRequest, callback: (result: JoinResult) => void, previousLeaderId: string | null) {
    return {
      callback,
      protocols: request.protocols,
      rebalanceTimeoutMs: request.rebalanceTimeoutMs,
      sessionTimeoutMs: request.sessionTimeoutMs,
      supportSkippingAssignment: request.supportSkippingAssignment,
      previousLeaderId,
    };
  }

  sync(request: SyncRequest): Promise<SyncResult> {
    return new Promise((reply) => {
      if (request.groupId === '') return reply(syncError(ErrorCode.INVALID_GROUP_ID));
      const group = this.groups.get(request.groupId);
      if (!group) return reply(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
      if (group.state === GroupState.Dead) return reply(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE));
      const error = group.memberError(request.memberId, request.groupInstanceId);
      if (error !== ErrorCode.NONE) return reply(syncError(error));
      if (request.generationId !== group.generationId) return reply(syncError(ErrorCode.ILLEGAL_GENERATION));
      if (request.protocolType !== null && request.protocolType !== group.protocolType) return reply(syncError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
      if (request.protocolName !== null && request.protocolName !== group.protocolName) return reply(syncError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
      const member = group.members.get(request.memberId)!;
      this.engine.dispatch(
        group,
        { type: 'sync-received', isLeader: group.isLeader(member.memberId) },
        { member, sync: { callback: reply, assignments: request.assignments }, respond: (code) => reply(syncError(code)) },
      );
    });
  }

  heartbeat(request: HeartbeatRequest): number {
    if (request.groupId === '') return ErrorCode.INVALID_GROUP_ID;
    const group = this.groups.get(request.groupId);
    if (!group) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (group.state === GroupState.Dead) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    const error = group.memberError(request.memberId, request.groupInstanceId);
    if (error !== ErrorCode.NONE) return error;
    if (request.generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
    let answer: number = ErrorCode.NONE;
    this.engine.dispatch(group, { type: 'heartbeat' }, { member: group.members.get(request.memberId), respond: (code) => (answer = code) });
    return answer;
  }

  leave(groupId: string, leaving: readonly LeavingMember[]): LeaveResult {
    if (groupId === '') return { errorCode: ErrorCode.INVALID_GROUP_ID, members: [] };
    const group = this.groups.get(groupId);
    const answer = (member: LeavingMember, errorCode: number) => ({ memberId: member.memberId, groupInstanceId: member.groupInstanceId, errorCode });
    if (!group) return { errorCode: ErrorCode.NONE, members: leaving.map((member) => answer(member, ErrorCode.UNKNOWN_MEMBER_ID)) };
    if (group.state === GroupState.Dead) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, members: [] };
    return { errorCode: ErrorCode.NONE, members: leaving.map((member) => answer(member, this.leaveOne(group, member))) };
  }

  private leaveOne(group: ClassicGroup, leaving: LeavingMember): number {
    const because = leaving.reason ? `; reason: ${leaving.reason}` : '';
    if (leaving.memberId === '') {
      // An admin removing a static member by its instance id.
      const current = leaving.groupInstanceId === null ? undefined : group.staticMembers.get(leaving.groupInstanceId);
      if (current === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
      this.engine.removeMember(group, group.members.get(current)!, `removed by group.instance.id ${leaving.groupInstanceId}${because}`);
      return ErrorCode.NONE;
    }
    if (group.removePendingMember(leaving.memberId)) {
      this.engine.dispatch(group, { type: 'pending-member-removed' });
      return ErrorCode.NONE;
    }
    const error = group.memberError(leaving.memberId, leaving.groupInstanceId);
    if (error !== ErrorCode.NONE) return error;
    this.engine.removeMember(group, group.members.get(leaving.memberId)!, `left the group${because}`);
    return ErrorCode.NONE;
  }
}
