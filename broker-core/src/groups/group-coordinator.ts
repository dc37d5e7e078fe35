/**
 * The group coordinator of this broker (a single broker coordinates every group): classic
 * consumer-group membership, committed offsets persisted in `<data>/__consumer_offsets/`, and the
 * in-process API the host and the dead-letter sweeper use.
 *
 * Lifecycle: `GroupCoordinator.open(...)` replays the offsets journal (groups come back Stable with
 * their members, who must heartbeat within their session timeout, or Empty, with their offsets)
 * and starts the offset-expiry task; `close()` answers parked requests with NOT_COORDINATOR, writes
 * what is pending and closes the journal. After close every protocol operation answers
 * COORDINATOR_NOT_AVAILABLE and every in-process operation throws.
 *
 * Threading: all methods must be called on the broker's event loop (handlers and the host are).
 * Protocol methods never throw for a client's mistake; they answer with Kafka's error codes.
 * In-process methods throw `GroupOperationError` with a message meant for the user.
 */
import { join } from 'node:path';
import type { BrokerLogger } from '../broker-api';
import type { BrokerConfig } from '../config/broker-config';
import { ErrorCode } from '../protocol/generated/errors';
import { ClassicGroup } from './classic-group';
import { GroupEngine, type EffectContext } from './group-engine';
import { GroupEventEmitter, type GroupEventListener } from './group-events';
import { GroupMembership } from './group-membership';
import { GroupOffsets, MAX_OFFSET_METADATA_LENGTH } from './group-offsets';
import { GroupOperationError } from './group-operation-error';
import { groupMetadataRecord, restoreGroups, snapshotRecords } from './group-persistence';
import type {
  CommitRequest,
  FetchOffsetsResult,
  HeartbeatRequest,
  JoinRequest,
  JoinResult,
  LeaveResult,
  LeavingMember,
  OffsetDeleteResult,
  PartitionError,
  SyncRequest,
  SyncResult,
} from './group-requests';
import { GroupState } from './group-state';
import { committedOffsets, describeGroup, groupDescription, groupOverview, listGroups, type CommittedOffsetView, type GroupDescription, type GroupOverview } from './group-views';
import { OffsetsJournal } from './offsets-journal';
import { partitionExists, type TopicPartitionLookup } from './topic-partition-lookup';

/** Where committed offsets live inside the data directory. */
export const OFFSETS_DIR = '__consumer_offsets';

export interface GroupCoordinatorOptions {
  /** How often expired offsets are removed (Kafka's `offsets.retention.check.interval.ms`, default 10 minutes). */
  offsetsRetentionCheckIntervalMs?: number;
  /** Compact the offsets journal once it reaches this size (and has doubled since the last compaction). */
  journalCompactAfterBytes?: number;
}

/** A committed offset to set from the host: a reset, or the sweeper's forced commit. */
export interface OffsetChange {
  topic: string;
  partition: number;
  offset: bigint;
  metadata?: string;
}

const unavailable = (message: string) => new GroupOperationError('COORDINATOR_UNAVAILABLE', message, ErrorCode.COORDINATOR_NOT_AVAILABLE);

export class GroupCoordinator {
  private readonly groups = new Map<string, ClassicGroup>();
  private readonly events: GroupEventEmitter;
  private readonly engine: GroupEngine;
  private readonly membership: GroupMembership;
  private readonly offsets: GroupOffsets;
  private expiryTimer: ReturnType<typeof setInterval> | null = null;
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly journal: OffsetsJournal,
    config: BrokerConfig,
    private readonly topics: TopicPartitionLookup,
    private readonly logger: BrokerLogger,
  ) {
    this.events = new GroupEventEmitter(logger);
    this.engine = new GroupEngine(
      config.getInt('group.initial.rebalance.delay.ms'),
      { persistGroup: (group) => this.persistGroup(group), deleteGroup: (group) => this.forgetGroup(group) },
      this.events,
      logger,
    );
    const createGroup = (groupId: string) => this.createGroup(groupId);
    const bounds = { minSessionTimeoutMs: config.getInt('group.min.session.timeout.ms'), maxSessionTimeoutMs: config.getInt('group.max.session.timeout.ms') };
    this.membership = new GroupMembership(this.groups, createGroup, this.engine, bounds, logger);
    const retentionMs = config.getInt('offsets.retention.minutes') * 60_000;
    this.offsets = new GroupOffsets(this.groups, createGroup, this.engine, journal, topics, this.events, retentionMs, logger);
  }

  /** Opens the coordinator on `<dataDir>/__consumer_offsets/`, restoring groups and offsets. */
  static async open(dataDir: string, config: BrokerConfig, topics: TopicPartitionLookup, logger: BrokerLogger, options: GroupCoordinatorOptions = {}): Promise<GroupCoordinator> {
    const directory = join(dataDir, OFFSETS_DIR);
    const { journal, records } = await OffsetsJournal.open(directory, logger, { compactAfterBytes: options.journalCompactAfterBytes });
    const coordinator = new GroupCoordinator(journal, config, topics, logger);
    let offsetCount = 0;
    for (const group of restoreGroups(records, Date.now())) {
      coordinator.groups.set(group.groupId, group);
      offsetCount += group.offsets.size;
      for (const member of group.members.values()) coordinator.engine.refreshSession(group, member);
    }
    journal.setSnapshotSource(() => snapshotRecords(coordinator.groups.values()));
    if (records.length > 0) logger.info(`groups: restored ${coordinator.groups.size} groups with ${offsetCount} committed offsets from ${directory}`);
    const interval = options.offsetsRetentionCheckIntervalMs ?? 600_000;
    coordinator.expiryTimer = setInterval(() => void coordinator.expireOffsets(), interval);
    coordinator.expiryTimer.unref?.();
    await coordinator.expireOffsets();
    return coordinator;
  }

  get isActive(): boolean {
    return this.closing === null;
  }

  // ------------------------------------------------------------------ protocol (handlers)

  joinGroup(request: JoinRequest): Promise<JoinResult> {
    if (!this.isActive) return Promise.resolve({ errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, memberId: request.memberId, generationId: -1, protocolType: null, protocolName: null, leaderId: '', skipAssignment: false, members: [] });
    return this.membership.join(request);
  }

  syncGroup(request: SyncRequest): Promise<SyncResult> {
    if (!this.isActive) return Promise.resolve({ errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, protocolType: null, protocolName: null, assignment: Buffer.alloc(0) });
    return this.membership.sync(request);
  }

  heartbeat(request: HeartbeatRequest): number {
    return this.isActive ? this.membership.heartbeat(request) : ErrorCode.COORDINATOR_NOT_AVAILABLE;
  }

  leaveGroup(groupId: string, members: readonly LeavingMember[]): LeaveResult {
    return this.isActive ? this.membership.leave(groupId, members) : { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, members: [] };
  }

  commitOffsets(request: CommitRequest): Promise<PartitionError[]> {
    if (!this.isActive) return Promise.resolve(request.offsets.map(({ topic, partition }) => ({ topic, partition, errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE })));
    return this.offsets.commit(request);
  }

  fetchOffsets(groupId: string, topics: readonly { topic: string; partitions: readonly number[] }[] | null): FetchOffsetsResult {
    return this.isActive ? this.offsets.fetch(groupId, topics) : { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, topics: [] };
  }

  deleteOffsets(groupId: string, partitions: readonly { topic: string; partition: number }[]): Promise<OffsetDeleteResult> {
    return this.isActive ? this.offsets.delete(groupId, partitions) : Promise.resolve({ errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, partitions: [] });
  }

  listGroups(states: readonly string[], types: readonly string[]) {
    if (!this.isActive) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, groups: [] };
    return { errorCode: ErrorCode.NONE, groups: listGroups(this.groups.values(), states, types) };
  }

  describeGroups(groupIds: readonly string[]) {
    return groupIds.map((groupId) => ({
      errorCode: this.isActive ? ErrorCode.NONE : ErrorCode.COORDINATOR_NOT_AVAILABLE,
      ...describeGroup(groupId, this.isActive ? this.groups.get(groupId) : undefined),
    }));
  }

  async deleteGroups(groupIds: readonly string[]): Promise<{ groupId: string; errorCode: number }[]> {
    return Promise.all([...new Set(groupIds)].map(async (groupId) => ({ groupId, errorCode: await this.deleteOneGroup(groupId) })));
  }

  private async deleteOneGroup(groupId: string): Promise<number> {
    if (!this.isActive) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    const group = this.groups.get(groupId);
    if (!group) return ErrorCode.GROUP_ID_NOT_FOUND;
    let errorCode: number = ErrorCode.NONE;
    const context: EffectContext = { respond: (code) => (errorCode = code) };
    this.engine.dispatch(group, { type: 'group-delete' }, context);
    try {
      await context.durable;
    } catch (error) {
      this.logger.error(`group "${groupId}": deletion not stored: ${(error as Error).message}`);
      return ErrorCode.KAFKA_STORAGE_ERROR;
    }
    return errorCode;
  }

  // ------------------------------------------------------------------ in process (host, sweeper)

  /** Every group with its state, protocol and member count. */
  listGroupOverviews(): GroupOverview[] {
    return [...this.groups.values()].map(groupOverview);
  }

  /** A group with its members (client id, host, decoded assignment), or undefined if it does not exist. */
  describeGroup(groupId: string): GroupDescription | undefined {
    const group = this.groups.get(groupId);
    return group ? groupDescription(group) : undefined;
  }

  /** The group's committed offsets by topic and partition (empty for an unknown group). */
  committedOffsets(groupId: string): CommittedOffsetView[] {
    const group = this.groups.get(groupId);
    return group ? committedOffsets(group) : [];
  }

  hasLiveMembers(groupId: string): boolean {
    return (this.groups.get(groupId)?.members.size ?? 0) > 0;
  }

  /** Sets committed offsets of a group with no members, as `kafka-consumer-groups --reset-offsets` does; creates the group if needed. */
  async resetOffsets(groupId: string, offsets: readonly OffsetChange[]): Promise<void> {
    this.checkOffsetChanges(groupId, offsets);
    const group = this.groups.get(groupId);
    if (group && (group.members.size > 0 || group.state !== GroupState.Empty)) {
      throw new GroupOperationError(
        'GROUP_NOT_EMPTY',
        `cannot reset offsets of consumer group "${groupId}": it has ${group.members.size} active member(s) (state ${group.state}); stop its consumers first`,
        ErrorCode.UNKNOWN_MEMBER_ID,
      );
    }
    await this.storeChanges(groupId, offsets, 'offset-commit');
  }

  /**
   * The dead-letter sweeper's commit: sets the offsets whatever the group's membership, and once
   * they are durable makes live members rebalance so they fetch them. Resolves with whether a
   * rebalance was triggered. (A member that commits its own older position after this, while it
   * is still rebalancing, moves the offset back: the sweeper's documented at-least-once window.)
   */
  async forceCommit(groupId: string, offsets: readonly OffsetChange[]): Promise<{ rebalanceTriggered: boolean }> {
    this.checkOffsetChanges(groupId, offsets);
    await this.storeChanges(groupId, offsets, 'forced-offset-commit');
    return { rebalanceTriggered: this.requestRebalance(groupId) };
  }

  /** Makes a group's live members rejoin (a no-op while they already are); false if it has none. */
  requestRebalance(groupId: string): boolean {
    const group = this.groups.get(groupId);
    if (!this.isActive || !group || group.members.size === 0) return false;
    this.engine.dispatch(group, { type: 'force-rebalance' });
    return group.state === GroupState.PreparingRebalance;
  }

  /** Deletes a group with no members and its offsets. */
  async deleteGroup(groupId: string): Promise<void> {
    const errorCode = await this.deleteOneGroup(groupId);
    if (errorCode === ErrorCode.NONE) return;
    if (errorCode === ErrorCode.GROUP_ID_NOT_FOUND) throw new GroupOperationError('GROUP_NOT_FOUND', `consumer group "${groupId}" does not exist`, errorCode);
    if (errorCode === ErrorCode.NON_EMPTY_GROUP) {
      throw new GroupOperationError('GROUP_NOT_EMPTY', `cannot delete consumer group "${groupId}": it has active members; stop its consumers first`, errorCode);
    }
    throw unavailable(`cannot delete consumer group "${groupId}": the group coordinator could not store the deletion`);
  }

  /**
   * Forgets every group's committed offsets for a deleted topic (wire to the storage's
   * `topic-deleted` event); empty groups left without offsets are deleted, as Kafka does.
   */
  async removeOffsetsOfTopic(topic: string): Promise<void> {
    if (!this.isActive) return;
    await this.offsets.removeTopic(topic).catch((error: Error) => this.logger.error(`groups: offsets of deleted topic "${topic}" not removed: ${error.message}`));
  }

  /** Change events for the console; returns the unsubscribe function. */
  subscribe(listener: GroupEventListener): () => void {
    return this.events.subscribe(listener);
  }

  /** Removes expired offsets now (also runs every `offsetsRetentionCheckIntervalMs`). */
  async expireOffsets(now = Date.now()): Promise<void> {
    if (!this.isActive) return;
    await this.offsets.expire(now).catch((error: Error) => this.logger.error(`groups: offset expiry failed: ${error.message}`));
  }

  /** Journal statistics (for the console and benchmarks). */
  get journalStats(): { bytes: number; fsyncs: number; appends: number } {
    return { bytes: this.journal.size, fsyncs: this.journal.fsyncCount, appends: this.journal.appendCount };
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.expiryTimer) clearInterval(this.expiryTimer);
      this.events.clear();
      for (const group of this.groups.values()) this.engine.dispatch(group, { type: 'coordinator-unloaded' });
      await this.journal.close();
    })();
    return this.closing;
  }

  // ------------------------------------------------------------------ internals

  private checkOffsetChanges(groupId: string, offsets: readonly OffsetChange[]): void {
    if (!this.isActive) throw unavailable(`cannot change offsets of consumer group "${groupId}": the broker is stopping`);
    for (const { topic, partition, offset, metadata } of offsets) {
      if (!partitionExists(this.topics, topic, partition)) {
        throw new GroupOperationError('UNKNOWN_TOPIC_OR_PARTITION', `cannot set an offset for ${topic}-${partition}: no such topic partition`, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      }
      if (offset < 0n) throw new GroupOperationError('INVALID_OFFSET', `cannot set offset ${offset} for ${topic}-${partition}: offsets are 0 or more`, ErrorCode.INVALID_REQUEST);
      if (metadata !== undefined && metadata.length > MAX_OFFSET_METADATA_LENGTH) {
        throw new GroupOperationError('INVALID_OFFSET', `metadata for ${topic}-${partition} is longer than ${MAX_OFFSET_METADATA_LENGTH} characters`, ErrorCode.OFFSET_METADATA_TOO_LARGE);
      }
    }
  }

  private async storeChanges(groupId: string, changes: readonly OffsetChange[], event: 'offset-commit' | 'forced-offset-commit'): Promise<void> {
    const group = this.groups.get(groupId) ?? this.createGroup(groupId);
    const offsets = changes.map(({ topic, partition, offset, metadata }) => ({ topic, partition, offset, leaderEpoch: -1, metadata: metadata ?? '', commitTimestamp: -1 }));
    let refused: number = ErrorCode.NONE;
    const context: EffectContext = {
      respond: (code) => (refused = code),
      storeOffsets: () => this.offsets.store(group, offsets),
    };
    this.engine.dispatch(group, event === 'offset-commit' ? { type: 'offset-commit', byMember: false } : { type: 'forced-offset-commit' }, context);
    if (refused !== ErrorCode.NONE) {
      throw new GroupOperationError('GROUP_NOT_EMPTY', `cannot set offsets of consumer group "${groupId}": it has active members (state ${group.state})`, refused);
    }
    try {
      await context.durable;
    } catch (error) {
      throw unavailable(`offsets of consumer group "${groupId}" were not stored: ${(error as Error).message}`);
    }
  }

  private createGroup(groupId: string): ClassicGroup {
    const group = new ClassicGroup(groupId, Date.now());
    this.groups.set(groupId, group);
    return group;
  }

  private persistGroup(group: ClassicGroup): Promise<void> {
    const written = this.journal.append([groupMetadataRecord(group)]);
    written.catch((error: Error) => this.logger.warn(`group "${group.groupId}": metadata not persisted: ${error.message}`));
    return written;
  }

  private forgetGroup(group: ClassicGroup): Promise<void> {
    if (this.groups.get(group.groupId) === group) this.groups.delete(group.groupId);
    group.offsets.clear();
    this.events.emit({ type: 'group-deleted', groupId: group.groupId });
    this.logger.info(`group "${group.groupId}" deleted`);
    return this.journal.append([{ type: 'group-delete', groupId: group.groupId }]);
  }
}
