/**
 * Committed offsets: OffsetCommit (with Kafka's generation checks), OffsetFetch, OffsetDelete,
 * retention expiry, and the host's resets and forced commits. Every change goes through the
 * journal: a commit is answered (and becomes visible to OffsetFetch) only once it is fsynced;
 * deletions are visible at once and answered once their tombstones are fsynced.
 *
 * Kafka's commit rules: generation -1 with no member id is a "simple" commit (admin tools,
 * consumers without group management), accepted only while the group has no members (else
 * UNKNOWN_MEMBER_ID); otherwise the member must be in the group (UNKNOWN_MEMBER_ID /
 * FENCED_INSTANCE_ID) with the current generation (ILLEGAL_GENERATION), and the group must not be
 * waiting for its leader's assignment (REBALANCE_IN_PROGRESS). A commit to a group that does not
 * exist creates it only when simple. Unknown partitions get UNKNOWN_TOPIC_OR_PARTITION; metadata
 * over 4096 characters (Kafka's offset.metadata.max.bytes default) OFFSET_METADATA_TOO_LARGE.
 */
import type { BrokerLogger } from '../broker-api';
import { ErrorCode } from '../protocol/generated/errors';
import type { ClassicGroup } from './classic-group';
import type { EffectContext, GroupEngine } from './group-engine';
import type { GroupEventEmitter } from './group-events';
import type { GroupMember } from './group-member';
import type { CommitRequest, FetchOffsetsResult, FetchedOffset, OffsetDeleteResult, OffsetToCommit, PartitionError } from './group-requests';
import { GroupState } from './group-state';
import { offsetCommitRecord } from './group-persistence';
import type { JournalRecord } from './journal-record';
import { expiredOffsets } from './offset-expiry';
import type { OffsetsJournal } from './offsets-journal';
import { partitionExists, type TopicPartitionLookup } from './topic-partition-lookup';

export const MAX_OFFSET_METADATA_LENGTH = 4096;

type TopicPartition = { topic: string; partition: number };

export class GroupOffsets {
  constructor(
    private readonly groups: Map<string, ClassicGroup>,
    private readonly createGroup: (groupId: string) => ClassicGroup,
    private readonly engine: GroupEngine,
    private readonly journal: OffsetsJournal,
    private readonly topics: TopicPartitionLookup,
    private readonly events: GroupEventEmitter,
    private readonly retentionMs: number,
    private readonly logger: BrokerLogger,
  ) {}

  /** OffsetCommit: one error code per requested partition, in request order. */
  async commit(request: CommitRequest): Promise<PartitionError[]> {
    const errors = request.offsets.map((offset) => ({ topic: offset.topic, partition: offset.partition, errorCode: this.partitionError(offset) }));
    const accepted = request.offsets.filter((_, i) => errors[i].errorCode === ErrorCode.NONE);
    if (accepted.length === 0) return errors;
    const setAll = (code: number) => errors.forEach((error) => error.errorCode === ErrorCode.NONE && (error.errorCode = code));

    let group = this.groups.get(request.groupId);
    if (!group) {
      // No group: a simple commit creates one; a member's commit is from a generation that is gone.
      if (request.generationId >= 0) return (setAll(ErrorCode.ILLEGAL_GENERATION), errors);
      group = this.createGroup(request.groupId);
    }
    const validation = this.validateCommit(group, request);
    if (typeof validation === 'number') return (setAll(validation), errors);
    const target = group;
    const context: EffectContext = {
      member: validation.member,
      respond: (code) => setAll(code),
      storeOffsets: () => this.store(target, accepted, request.retentionTimeMs),
    };
    this.engine.dispatch(group, { type: 'offset-commit', byMember: validation.member !== undefined }, context);
    if (context.durable) {
      try {
        await context.durable;
      } catch (error) {
        this.logger.error(`group "${request.groupId}": offset commit not stored: ${(error as Error).message}`);
        setAll(ErrorCode.KAFKA_STORAGE_ERROR);
      }
    }
    return errors;
  }

  private partitionError(offset: OffsetToCommit): number {
    if (!partitionExists(this.topics, offset.topic, offset.partition)) return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
    if (offset.metadata !== null && offset.metadata.length > MAX_OFFSET_METADATA_LENGTH) return ErrorCode.OFFSET_METADATA_TOO_LARGE;
    return ErrorCode.NONE;
  }

  /** An error code, or the committing member (undefined for a simple commit) to hand to the state machine. */
  private validateCommit(group: ClassicGroup, request: CommitRequest): number | { member: GroupMember | undefined } {
    if (group.state === GroupState.Dead) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    if (request.generationId < 0 && group.state === GroupState.Empty) return { member: undefined };
    if (request.generationId >= 0 || request.memberId !== '' || request.groupInstanceId !== null) {
      const error = group.memberError(request.memberId, request.groupInstanceId);
      if (error !== ErrorCode.NONE) return error;
      if (request.generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
      return { member: group.members.get(request.memberId) };
    }
    return { member: undefined };
  }

  /** Writes the commits; they become visible once durable (unless superseded or deleted meanwhile). */
  store(group: ClassicGroup, offsets: readonly OffsetToCommit[], retentionTimeMs = -1): Promise<void> {
    if (offsets.length === 0) return Promise.resolve();
    const now = Date.now();
    const staged = offsets.map((offset) =>
      group.offsets.stage(offset.topic, offset.partition, {
        offset: offset.offset,
        leaderEpoch: offset.leaderEpoch,
        metadata: offset.metadata ?? '',
        // Client-given times are clamped to what stays exact and in int64 range (year 287,396):
        // a retention that large means "never expires", and it must not break the journal record.
        commitTimestamp: offset.commitTimestamp >= 0 ? Math.min(offset.commitTimestamp, Number.MAX_SAFE_INTEGER) : now,
        expireTimestamp: retentionTimeMs >= 0 ? Math.min(now + retentionTimeMs, Number.MAX_SAFE_INTEGER) : null,
      }),
    );
    const records = staged.map((commit) => offsetCommitRecord(group.groupId, commit.topic, commit.partition, commit.value));
    return this.journal
      .append(records, () => {
        for (const commit of staged) group.offsets.settle(commit);
        this.events.emit({ type: 'offsets-committed', groupId: group.groupId, offsets: staged.map(({ topic, partition, value }) => ({ topic, partition, offset: value.offset })) });
      })
      .catch((error: Error) => {
        for (const commit of staged) group.offsets.abandon(commit);
        throw error;
      });
  }

  /** OffsetFetch for one group: the requested partitions (-1 where nothing is committed), or all committed ones when `topics` is null. */
  fetch(groupId: string, topics: readonly { topic: string; partitions: readonly number[] }[] | null): FetchOffsetsResult {
    const group = this.groups.get(groupId);
    const fetched = (topic: string, partition: number): FetchedOffset => {
      const committed = group?.offsets.get(topic, partition);
      return committed
        ? { partition, offset: committed.offset, leaderEpoch: committed.leaderEpoch, metadata: committed.metadata, errorCode: ErrorCode.NONE }
        : { partition, offset: -1n, leaderEpoch: -1, metadata: '', errorCode: ErrorCode.NONE };
    };
    if (topics === null) {
      const all = group ? group.offsets.topics().sort() : [];
      return {
        errorCode: ErrorCode.NONE,
        topics: all.map((topic) => ({ topic, partitions: group!.offsets.partitionsOf(topic).sort((a, b) => a - b).map((partition) => fetched(topic, partition)) })),
      };
    }
    return { errorCode: ErrorCode.NONE, topics: topics.map(({ topic, partitions }) => ({ topic, partitions: partitions.map((partition) => fetched(topic, partition)) })) };
  }

  /** OffsetDelete: refused for groups with members unless they are consumers not subscribed to the topic. */
  async delete(groupId: string, partitions: readonly TopicPartition[]): Promise<OffsetDeleteResult> {
    if (groupId === '') return { errorCode: ErrorCode.INVALID_GROUP_ID, partitions: [] };
    const group = this.groups.get(groupId);
    if (!group) return { errorCode: ErrorCode.GROUP_ID_NOT_FOUND, partitions: [] };
    const results: { topic: string; partition: number; errorCode: number }[] = partitions.map(({ topic, partition }) => ({
      topic,
      partition,
      errorCode: partitionExists(this.topics, topic, partition) ? ErrorCode.NONE : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
    }));
    let groupError: number = ErrorCode.NONE;
    const context: EffectContext = {
      respond: (code) => (groupError = code),
      deleteOffsets: (scope) => {
        const removable = results.filter((result) => result.errorCode === ErrorCode.NONE);
        for (const result of removable) if (scope === 'unsubscribed-topics' && group.isSubscribedToTopic(result.topic)) result.errorCode = ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC;
        return this.remove(group, removable.filter((result) => result.errorCode === ErrorCode.NONE));
      },
    };
    this.engine.dispatch(group, { type: 'offset-delete', consumerProtocol: group.isConsumerGroup }, context);
    if (groupError !== ErrorCode.NONE) return { errorCode: groupError, partitions: [] };
    try {
      await context.durable;
    } catch (error) {
      this.logger.error(`group "${groupId}": offset deletion not stored: ${(error as Error).message}`);
      return { errorCode: ErrorCode.KAFKA_STORAGE_ERROR, partitions: [] };
    }
    return { errorCode: ErrorCode.NONE, partitions: results };
  }

  /** Removes offsets at once and writes their tombstones; an empty group left without offsets is deleted. */
  private remove(group: ClassicGroup, partitions: readonly TopicPartition[]): Promise<void> {
    const removed = partitions.filter(({ topic, partition }) => group.offsets.delete(topic, partition));
    const written = removed.length === 0 ? Promise.resolve() : this.journal.append(removed.map(({ topic, partition }): JournalRecord => ({ type: 'offset-delete', groupId: group.groupId, topic, partition })));
    if (removed.length > 0) this.events.emit({ type: 'offsets-deleted', groupId: group.groupId, partitions: removed.map(({ topic, partition }) => ({ topic, partition })) });
    const context: EffectContext = {};
    this.engine.dispatch(group, { type: 'offsets-removed', hasOffsetsLeft: group.offsets.size > 0 || group.offsets.hasPending }, context);
    return context.durable ? Promise.all([written, context.durable]).then(() => undefined) : written;
  }

  /** A topic was deleted: every group forgets its offsets for it (as Kafka's handleDeletedPartitions). */
  async removeTopic(topic: string): Promise<void> {
    const writes = [...this.groups.values()].map((group) => this.remove(group, group.offsets.partitionsOf(topic).map((partition) => ({ topic, partition }))));
    await Promise.all(writes);
  }

  /** Drops expired offsets of every group (see `offset-expiry.ts`) and deletes empty groups left without offsets. */
  async expire(now: number): Promise<void> {
    const writes: Promise<void>[] = [];
    for (const group of [...this.groups.values()]) {
      const expired = expiredOffsets(
        {
          state: group.state,
          protocolType: group.protocolType,
          isConsumerGroup: group.isConsumerGroup,
          subscribedTopics: group.subscribedTopics,
          stateTimestamp: group.stateTimestamp,
          offsets: group.offsets.entries(),
          isPending: (topic, partition) => group.offsets.isPending(topic, partition),
        },
        now,
        this.retentionMs,
      );
      if (expired.length > 0) this.logger.info(`group "${group.groupId}": ${expired.length} committed offsets expired (offsets.retention.minutes)`);
      writes.push(this.remove(group, expired));
    }
    await Promise.all(writes);
  }
}
