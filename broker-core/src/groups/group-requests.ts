/**
 * The coordinator's protocol-level operations, independent of API versions: what the handlers
 * pass in after decoding a request, and what they turn back into a response of the requested
 * version. Error codes are Kafka's (`ErrorCode`); NONE is 0.
 */

export interface MemberProtocol {
  name: string;
  metadata: Buffer;
}

export interface JoinRequest {
  groupId: string;
  /** '' for a member joining for the first time. */
  memberId: string;
  groupInstanceId: string | null;
  /** JoinGroup v4+ from a dynamic member: hand out a member id with MEMBER_ID_REQUIRED first. */
  requireKnownMemberId: boolean;
  /** JoinGroup v9+: a replacing static leader may be told to skip the assignment. */
  supportSkippingAssignment: boolean;
  clientId: string;
  clientHost: string;
  rebalanceTimeoutMs: number;
  sessionTimeoutMs: number;
  protocolType: string;
  protocols: MemberProtocol[];
  reason: string | null;
}

export interface JoinedMember {
  memberId: string;
  groupInstanceId: string | null;
  metadata: Buffer;
}

export interface JoinResult {
  errorCode: number;
  memberId: string;
  generationId: number;
  protocolType: string | null;
  protocolName: string | null;
  leaderId: string;
  skipAssignment: boolean;
  /** Only for the leader: every member with its metadata for the selected protocol. */
  members: JoinedMember[];
}

export interface SyncRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  /** SyncGroup v5+: must match the group's; null in older versions (not checked). */
  protocolType: string | null;
  protocolName: string | null;
  /** The leader's assignment by member id; empty from followers. */
  assignments: Map<string, Buffer>;
}

export interface SyncResult {
  errorCode: number;
  protocolType: string | null;
  protocolName: string | null;
  assignment: Buffer;
}

export interface HeartbeatRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
}

export interface LeavingMember {
  /** '' to remove a static member by its instance id (admin). */
  memberId: string;
  groupInstanceId: string | null;
  reason: string | null;
}

export interface LeaveResult {
  errorCode: number;
  members: { memberId: string; groupInstanceId: string | null; errorCode: number }[];
}

export interface OffsetToCommit {
  topic: string;
  partition: number;
  offset: bigint;
  leaderEpoch: number;
  /** null is stored as '' (Kafka's "no metadata"). */
  metadata: string | null;
  /** Epoch ms; -1 means "now" (only OffsetCommit v1 sends one). */
  commitTimestamp: number;
}

export interface CommitRequest {
  groupId: string;
  /** -1 (with an empty member id) for a commit outside group management. */
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  /** OffsetCommit v2–v4: keep these offsets this long (ms); -1 for the broker's retention. */
  retentionTimeMs: number;
  offsets: OffsetToCommit[];
}

export interface PartitionError {
  topic: string;
  partition: number;
  errorCode: number;
}

export interface FetchedOffset {
  partition: number;
  /** -1 when nothing is committed. */
  offset: bigint;
  leaderEpoch: number;
  metadata: string;
  errorCode: number;
}

export interface FetchOffsetsResult {
  errorCode: number;
  topics: { topic: string; partitions: FetchedOffset[] }[];
}

export interface OffsetDeleteResult {
  errorCode: number;
  partitions: PartitionError[];
}
