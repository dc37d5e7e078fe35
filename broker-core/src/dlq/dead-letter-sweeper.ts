/**
 * The dead-letter sweeper: records a consumer group has not consumed within a deadline are moved
 * to a dead-letter topic. Started and stopped with the broker (as retention is); one sweep every
 * `dlq.sweep.interval.ms`, and on demand (`sweepNow`).
 *
 * Policy, per source topic, in its configs: `dlq.enable`, `dlq.group` (the watched group),
 * `dlq.max.age.ms`, `dlq.topic` (default `<topic>.dlq`). A record counts as consumed once the
 * group's committed offset has passed it. For each partition, the sweep takes the records from
 * the larger of the committed offset and its own progress (sweeper-state.ts) up to the first one
 * appended within the maximum age (by broker append time, which only grows along the log, so
 * this is a prefix of the unconsumed range), and:
 *   1. writes an intent (the DLQ partition and its high watermark) to its state file;
 *   2. appends them to the DLQ topic (created when first needed with the source's partition
 *      count; DLQ partition = source partition mod its partition count), key, value, headers and
 *      timestamp kept, KIP-1191 provenance headers added, and fsyncs it;
 *   3. records its progress and the commits to make, durably;
 *   4. moves the group's committed offset past them (never backwards: a member that committed
 *      further meanwhile keeps its offset), making live members rejoin to pick the offsets up.
 * A crash after 1 is repaired at the next start from the DLQ itself (sweep-recovery.ts: what was
 * appended counts as dead-lettered, the next sweep moves the rest); after 3, by making the
 * commits then. So no record is lost or dead-lettered twice.
 *
 * A group that has never committed an offset for a partition has consumed nothing of it: its
 * records are swept from the log start offset once they are older than the maximum age (the
 * seed's "a message not consumed within the specified time").
 *
 * The documented at-least-once window: a member that fetched records before the sweep and
 * commits after it processed them while they were also dead-lettered (both have them); a
 * member that, while rejoining, commits an older position moves the group back over records
 * already dead-lettered, and consumes them again (they are not dead-lettered again).
 */
import type { BrokerLogger } from '../broker-api';
import type { GroupCoordinator } from '../groups/group-coordinator';
import { readStoredRecords } from '../records/stored-record-reader';
import type { LogManager } from '../storage/log-manager';
import { deadLetterBatches } from './dead-letter-batches';
import { recoveredRanges } from './sweep-recovery';
import type { DeadLetterSweeper, SweepMove, SweepResult, SweeperStatusView, SweptTopicView } from './sweeper-api';
import { coveredUntil, subtractRanges, SweeperState, type OffsetRanges, type PendingCommit, type SweepIntent } from './sweeper-state';

export interface DeadLetterSweeperOptions {
  /** `dlq.sweep.interval.ms`; 0 runs no timer (sweeps only on demand). */
  intervalMs: number;
  /** The clock that ages records (tests move it); default Date.now. */
  now?: () => number;
}

const READ_BYTES = 4 * 1024 * 1024;

interface PartitionPlan {
  topicId: string;
  topic: string;
  partition: number;
  group: string;
  maxAgeMs: number;
  dlqTopic: string;
  /** Records in [from, to) are unconsumed and older than the maximum age. */
  from: number;
  to: number;
  /** The parts of [from, to) not dead-lettered yet: what to move. */
  pieces: OffsetRanges;
}

export class DeadLetterSweeperImpl implements DeadLetterSweeper {
  private readonly now: () => number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<SweepResult> | null = null;
  private queued: Promise<SweepResult> | null = null;
  private stopped = false;
  private lastSweepAt: number | null = null;
  private nextSweepAt: number | null = null;
  private lastSweepMoved = 0;
  private lastError: string | null = null;
  private readonly listeners = new Set<(result: SweepResult) => void>();

  private constructor(
    private readonly logs: LogManager,
    private readonly groups: GroupCoordinator,
    private readonly state: SweeperState,
    private readonly logger: BrokerLogger,
    private readonly options: DeadLetterSweeperOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Loads the state, repairs what a crash left half done, and starts the timer. */
  static async start(dataDir: string, logs: LogManager, groups: GroupCoordinator, logger: BrokerLogger, options: DeadLetterSweeperOptions): Promise<DeadLetterSweeperImpl> {
    const sweeper = new DeadLetterSweeperImpl(logs, groups, SweeperState.load(dataDir), logger, options);
    await sweeper.recover();
    sweeper.schedule();
    return sweeper;
  }

  status(): SweeperStatusView {
    let totalMoved = 0;
    for (const count of this.state.moved.values()) totalMoved += count.records;
    return {
      intervalMs: this.options.intervalMs,
      lastSweepAt: this.lastSweepAt,
      nextSweepAt: this.stopped ? null : this.nextSweepAt,
      lastSweepMoved: this.lastSweepMoved,
      totalMoved,
      lastError: this.lastError,
      topics: this.watchedTopics(),
    };
  }

  sweepNow(): Promise<SweepResult> {
    if (this.stopped) return Promise.resolve({ moves: [], status: this.status() });
    if (!this.running) return this.run();
    this.queued ??= this.running.then(
      () => this.run(),
      () => this.run(),
    );
    return this.queued;
  }

  onSweep(listener: (result: SweepResult) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops the timer and waits for a running sweep; afterwards nothing is swept. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.allSettled([this.running, this.queued]);
  }

  // ------------------------------------------------------------------ internals

  private schedule(): void {
    if (this.stopped || this.options.intervalMs <= 0) return;
    this.nextSweepAt = Date.now() + this.options.intervalMs;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.sweepNow().finally(() => this.schedule());
    }, this.options.intervalMs);
    this.timer.unref?.();
  }

  private run(): Promise<SweepResult> {
    this.queued = null;
    const running = this.sweep().finally(() => {
      if (this.running === running) this.running = null;
    });
    this.running = running;
    return running;
  }

  private watchedTopics(): SweptTopicView[] {
    const views: SweptTopicView[] = [];
    for (const description of this.logs.topics()) {
      const policy = this.logs.effectiveConfig(description.name).dlq;
      if (!policy.enabled) continue;
      const moved = this.state.moved.get(description.name);
      views.push({
        topic: description.name,
        group: policy.group,
        maxAgeMs: policy.maxAgeMs,
        dlqTopic: policy.topic,
        moved: moved?.records ?? 0,
        lastMovedAt: moved?.lastMovedAt ?? null,
        problem: this.policyProblem(description.name, policy.group, policy.topic),
      });
    }
    return views;
  }

  private policyProblem(topic: string, group: string, dlqTopic: string): string | null {
    if (group === '') return `dlq.group is not set: the sweeper needs the consumer group whose progress says what was consumed`;
    if (dlqTopic === topic) return `dlq.topic is the topic itself: dead letters need a topic of their own`;
    if (this.logs.hasTopic(dlqTopic) && this.logs.effectiveConfig(dlqTopic).dlq.enabled && this.logs.effectiveConfig(dlqTopic).dlq.topic === topic) {
      return `dlq.topic "${dlqTopic}" dead-letters into this topic: the two would move records back and forth`;
    }
    return null;
  }

  private async sweep(): Promise<SweepResult> {
    const now = this.now();
    const moves: SweepMove[] = [];
    const errors: string[] = [];
    try {
      const plans = this.plan(now, errors);
      if (plans.length > 0) {
        const moving = plans.filter((plan) => plan.pieces.length > 0);
        if (moving.length > 0) {
          this.state.intents = moving.map((plan) => this.intentFor(plan));
          this.state.save();
        }
        const commits: PendingCommit[] = [];
        for (const plan of plans) {
          for (const [from, to] of plan.pieces) {
            const move = await this.move(plan, from, to, now, errors).catch((error: Error) => {
              errors.push(`${plan.topic}-${plan.partition}: ${error.message}`);
              return null;
            });
            if (move) moves.push(move);
          }
          const commitTo = coveredUntil(plan.from, plan.to, this.state.deadRanges(plan.topicId, plan.partition, plan.group));
          if (commitTo > plan.from) commits.push({ group: plan.group, topic: plan.topic, partition: plan.partition, offset: commitTo });
        }
        this.state.intents = [];
        this.state.pendingCommits = commits;
        this.state.save();
        await this.commit(commits);
        this.state.pendingCommits = [];
        this.state.save();
      }
    } catch (error) {
      errors.push((error as Error).message);
    }
    this.lastSweepAt = now;
    this.lastSweepMoved = moves.reduce((sum, move) => sum + move.records, 0);
    if (errors.length > 0) {
      const message = errors.length === 1 ? errors[0] : `${errors[0]} (and ${errors.length - 1} more)`;
      if (message !== this.lastError) this.logger.error(`dead-letter sweeper: ${message}`);
      this.lastError = message;
    } else {
      this.lastError = null;
    }
    const result = { moves, status: this.status() };
    if (moves.length > 0) {
      this.logger.info(`dead-letter sweeper: moved ${this.lastSweepMoved} record(s): ${moves.map((move) => `${move.topic}-${move.partition} [${move.fromOffset}, ${move.toOffset}) → ${move.dlqTopic}`).join(', ')}`);
      for (const listener of this.listeners) {
        try {
          listener(result);
        } catch (error) {
          this.logger.error(`a dead-letter sweeper listener threw: ${(error as Error).message}`);
        }
      }
    }
    return result;
  }

  /** What to move now, per partition: [from, to) of records older than the maximum age. */
  private plan(now: number, errors: string[]): PartitionPlan[] {
    const plans: PartitionPlan[] = [];
    const topics = this.logs.topics();
    this.state.retainTopics(new Set(topics.map((topic) => topic.topicId)));
    const committedByGroup = new Map<string, Map<string, bigint>>();
    const committed = (group: string, topic: string, partition: number): number | null => {
      let offsets = committedByGroup.get(group);
      if (!offsets) {
        offsets = new Map(this.groups.committedOffsets(group).map((view) => [`${view.topic}\u0000${view.partition}`, view.offset]));
        committedByGroup.set(group, offsets);
      }
      const offset = offsets.get(`${topic}\u0000${partition}`);
      return offset === undefined ? null : Number(offset);
    };
    for (const description of topics) {
      const policy = this.logs.effectiveConfig(description.name).dlq;
      if (!policy.enabled || this.policyProblem(description.name, policy.group, policy.topic)) continue;
      try {
        for (let partition = 0; partition < description.partitions; partition++) {
          const stats = this.logs.partitionStats(description.name, partition);
          const from = Math.max(committed(policy.group, description.name, partition) ?? 0, stats.logStartOffset);
          if (from >= stats.highWatermark) continue;
          const to = this.logs.firstOffsetAppendedAtOrAfter(description.name, partition, now - policy.maxAgeMs, from);
          if (to <= from) continue;
          const pieces = subtractRanges(from, to, this.state.deadRanges(description.topicId, partition, policy.group));
          plans.push({ topicId: description.topicId, topic: description.name, partition, group: policy.group, maxAgeMs: policy.maxAgeMs, dlqTopic: policy.topic, from, to, pieces });
        }
      } catch (error) {
        errors.push(`${description.name}: ${(error as Error).message}`);
      }
    }
    for (const plan of plans) if (plan.pieces.length > 0) this.ensureDlqTopic(plan);
    return plans;
  }

  private ensureDlqTopic(plan: PartitionPlan): void {
    if (this.logs.hasTopic(plan.dlqTopic)) return;
    const partitions = this.logs.describeTopic(plan.topic).partitions;
    this.logs.createTopic(plan.dlqTopic, { partitions });
    this.logger.info(`dead-letter sweeper: created topic "${plan.dlqTopic}" (${partitions} partitions) for the dead letters of "${plan.topic}"`);
  }

  private intentFor(plan: PartitionPlan): SweepIntent {
    const dlqPartition = plan.partition % this.logs.describeTopic(plan.dlqTopic).partitions;
    return {
      topicId: plan.topicId,
      topic: plan.topic,
      partition: plan.partition,
      group: plan.group,
      dlqTopic: plan.dlqTopic,
      dlqPartition,
      dlqOffsetBefore: this.logs.partitionStats(plan.dlqTopic, dlqPartition).highWatermark,
    };
  }

  /** Copies [from, to) of one partition to its DLQ partition and makes it durable; returns what moved. */
  private async move(plan: PartitionPlan, from: number, to: number, deadAt: number, errors: string[]): Promise<SweepMove | null> {
    const dlqPartition = plan.partition % this.logs.describeTopic(plan.dlqTopic).partitions;
    const maxBatchBytes = this.logs.effectiveConfig(plan.dlqTopic).maxMessageBytes;
    const context = { topic: plan.topic, partition: plan.partition, group: plan.group, maxAgeMs: plan.maxAgeMs, deadAt };
    let offset = from;
    let moved = 0;
    let end = to;
    while (offset < end) {
      const read = this.logs.read(plan.topic, plan.partition, offset, READ_BYTES);
      if (read.records.length === 0) break;
      const decoded = readStoredRecords(read.records, { fromOffset: offset });
      const corrupt = decoded.batchErrors.find((error) => error.lastOffset < 0 || error.lastOffset >= offset);
      if (corrupt) {
        // Never move past records that could not be read: they stay for the user to look at.
        end = Math.min(end, Math.max(offset, corrupt.baseOffset));
        errors.push(`${plan.topic}-${plan.partition}: a stored batch at offset ${corrupt.baseOffset} cannot be read (${corrupt.reason}); records from there on are not dead-lettered`);
      }
      const records = decoded.records.filter((record) => record.offset < end);
      if (records.length > 0) {
        for (const { batch, records: count } of deadLetterBatches(records, context, maxBatchBytes)) {
          await this.logs.append(plan.dlqTopic, dlqPartition, batch, { acks: 1 });
          moved += count;
        }
      }
      const next = Math.min(read.nextOffset, end);
      if (next <= offset) break;
      offset = next;
    }
    if (offset <= from) return null;
    await this.logs.flush(plan.dlqTopic, dlqPartition);
    this.state.markDead({ topicId: plan.topicId, topic: plan.topic, partition: plan.partition, group: plan.group }, from, offset);
    this.state.countMoved(plan.topic, moved, deadAt);
    return { topic: plan.topic, partition: plan.partition, group: plan.group, dlqTopic: plan.dlqTopic, dlqPartition, fromOffset: from, toOffset: offset, records: moved };
  }

  /** Moves the groups' committed offsets forward to the given ones (never back). */
  private async commit(commits: readonly PendingCommit[]): Promise<void> {
    const byGroup = new Map<string, PendingCommit[]>();
    for (const commit of commits) byGroup.set(commit.group, [...(byGroup.get(commit.group) ?? []), commit]);
    for (const [group, wanted] of byGroup) {
      const current = new Map(this.groups.committedOffsets(group).map((view) => [`${view.topic}\u0000${view.partition}`, Number(view.offset)]));
      const forward = wanted.filter((commit) => this.logs.hasTopic(commit.topic) && (current.get(`${commit.topic}\u0000${commit.partition}`) ?? -1) < commit.offset);
      if (forward.length === 0) continue;
      await this.groups.forceCommit(
        group,
        forward.map((commit) => ({ topic: commit.topic, partition: commit.partition, offset: BigInt(commit.offset), metadata: 'dead-letter sweeper' })),
      );
    }
  }

  /**
   * Finishes what a crash interrupted: the records an interrupted sweep appended (found in the
   * DLQ) count as dead-lettered, and the commits of a sweep whose appends were durable are made.
   * The next sweep moves what the interrupted one did not, and commits past it.
   */
  private async recover(): Promise<void> {
    const intents = this.state.intents;
    const commits = [...this.state.pendingCommits];
    if (intents.length === 0 && commits.length === 0) return;
    let recovered = 0;
    for (const intent of intents) {
      for (const [from, to] of recoveredRanges(this.logs, intent)) {
        this.state.markDead(intent, from, to);
        recovered += to - from;
      }
    }
    this.state.intents = [];
    this.state.pendingCommits = commits;
    this.state.save();
    await this.commit(commits);
    this.state.pendingCommits = [];
    this.state.save();
    this.logger.info(`dead-letter sweeper: finished an interrupted sweep (${recovered} record(s) found in the dead-letter topics, ${commits.length} committed offset(s) moved)`);
  }
}
