/**
 * One member of a classic group: who it is (member id, optional static group.instance.id, client
 * id and host), its timeouts, the protocols it supports in preference order with their metadata,
 * its current assignment, and the JoinGroup / SyncGroup request it has parked, if any.
 *
 * Owned by its `ClassicGroup`; only the coordinator's event loop touches it. The member id changes
 * only when a static member is replaced (`ClassicGroup.replaceStaticMember`).
 */
import { DeadlineTimer } from './deadline-timer';
import type { JoinResult, MemberProtocol, SyncResult } from './group-requests';

export type JoinCallback = (result: JoinResult) => void;
export type SyncCallback = (result: SyncResult) => void;

const NO_ASSIGNMENT = Buffer.alloc(0);

export class GroupMember {
  assignment: Buffer = NO_ASSIGNMENT;
  awaitingJoin: JoinCallback | null = null;
  awaitingSync: SyncCallback | null = null;
  /** Added during the current join phase: expires if the join does not complete in time. */
  isNew = false;
  /** Epoch ms when the member's session ends unless a heartbeat (or other proof of life) comes first. */
  sessionDeadline = 0;
  readonly sessionTimer = new DeadlineTimer();

  constructor(
    public memberId: string,
    readonly groupInstanceId: string | null,
    readonly clientId: string,
    readonly clientHost: string,
    public rebalanceTimeoutMs: number,
    public sessionTimeoutMs: number,
    readonly protocolType: string,
    public protocols: MemberProtocol[],
  ) {}

  get isStatic(): boolean {
    return this.groupInstanceId !== null;
  }

  /** Same protocols, in the same order, with byte-identical metadata. */
  matches(protocols: readonly MemberProtocol[]): boolean {
    return (
      protocols.length === this.protocols.length &&
      protocols.every((protocol, i) => protocol.name === this.protocols[i].name && protocol.metadata.equals(this.protocols[i].metadata))
    );
  }

  /** The metadata sent for `protocol` (empty if the member does not support it). */
  metadataFor(protocol: string | null): Buffer {
    return this.protocols.find((candidate) => candidate.name === protocol)?.metadata ?? NO_ASSIGNMENT;
  }

  clearAssignment(): void {
    this.assignment = NO_ASSIGNMENT;
  }
}
