/**
 * A group's committed offsets by topic and partition, plus the commits still being written.
 *
 * A commit becomes visible only once it is durable: `stage` marks it pending and returns a token;
 * when its journal write is fsynced, `settle(token)` stores it — unless a later commit or a
 * deletion of that partition came in between (then that one wins, as it does on disk, where it
 * follows in the journal). So what this table shows always equals what a replay of the journal
 * would rebuild. Only the coordinator's event loop touches it.
 */

export interface CommittedOffset {
  offset: bigint;
  /** -1 when the committer did not know it. */
  leaderEpoch: number;
  metadata: string;
  /** Epoch ms. */
  commitTimestamp: number;
  /** Epoch ms (OffsetCommit v2–v4 with an explicit retention); null: the broker's retention applies. */
  expireTimestamp: number | null;
}

export interface PendingCommit {
  readonly topic: string;
  readonly partition: number;
  readonly value: CommittedOffset;
}

export class OffsetTable {
  private readonly committed = new Map<string, Map<number, CommittedOffset>>();
  private readonly pending = new Map<string, Map<number, PendingCommit>>();

  get(topic: string, partition: number): CommittedOffset | undefined {
    return this.committed.get(topic)?.get(partition);
  }

  set(topic: string, partition: number, value: CommittedOffset): void {
    let partitions = this.committed.get(topic);
    if (!partitions) this.committed.set(topic, (partitions = new Map()));
    partitions.set(partition, value);
  }

  /** Removes a committed offset and forgets any pending commit for it; true if one existed. */
  delete(topic: string, partition: number): boolean {
    const pendingPartitions = this.pending.get(topic);
    const hadPending = pendingPartitions?.delete(partition) ?? false;
    if (pendingPartitions?.size === 0) this.pending.delete(topic);
    const partitions = this.committed.get(topic);
    const had = partitions?.delete(partition) ?? false;
    if (partitions?.size === 0) this.committed.delete(topic);
    return had || hadPending;
  }

  stage(topic: string, partition: number, value: CommittedOffset): PendingCommit {
    const commit: PendingCommit = { topic, partition, value };
    let partitions = this.pending.get(topic);
    if (!partitions) this.pending.set(topic, (partitions = new Map()));
    partitions.set(partition, commit);
    return commit;
  }

  /** Stores a durable commit if it is still the latest for its partition; true if stored. */
  settle(commit: PendingCommit): boolean {
    const partitions = this.pending.get(commit.topic);
    if (partitions?.get(commit.partition) !== commit) return false;
    partitions.delete(commit.partition);
    if (partitions.size === 0) this.pending.delete(commit.topic);
    this.set(commit.topic, commit.partition, commit.value);
    return true;
  }

  /** Drops a commit whose write failed (if still pending). */
  abandon(commit: PendingCommit): void {
    const partitions = this.pending.get(commit.topic);
    if (partitions?.get(commit.partition) !== commit) return;
    partitions.delete(commit.partition);
    if (partitions.size === 0) this.pending.delete(commit.topic);
  }

  isPending(topic: string, partition: number): boolean {
    return this.pending.get(topic)?.has(partition) ?? false;
  }

  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  get size(): number {
    let count = 0;
    for (const partitions of this.committed.values()) count += partitions.size;
    return count;
  }

  topics(): string[] {
    return [...this.committed.keys()];
  }

  partitionsOf(topic: string): number[] {
    return [...(this.committed.get(topic)?.keys() ?? [])];
  }

  *entries(): IterableIterator<{ topic: string; partition: number; value: CommittedOffset }> {
    for (const [topic, partitions] of this.committed) {
      for (const [partition, value] of partitions) yield { topic, partition, value };
    }
  }

  clear(): void {
    this.committed.clear();
    this.pending.clear();
  }
}
