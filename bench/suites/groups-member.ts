/**
 * A consumer-group member for the groups benchmark, speaking the classic protocol directly with
 * the generated codecs (JoinGroup v9 with MEMBER_ID_REQUIRED, SyncGroup v5, Heartbeat v4), so the
 * numbers are the coordinator's, not a client library's. It heartbeats on its own connection
 * every `heartbeatMs` and rejoins as soon as the coordinator says a rebalance is in progress.
 */
import { HeartbeatApi, JoinGroupApi, SyncGroupApi } from '../../broker-core/src/protocol/generated/index';
import { ErrorCode } from '../../broker-core/src/protocol/generated/errors';
import { WireClient } from '../../broker-core/test/groups/support/wire-client';

const protocol = { name: 'range', metadata: Buffer.from([0, 0, 0, 0, 0, 0, 0, 0]) };

export class BenchMember {
  memberId = '';
  generationId = -1;
  private heartbeating = false;
  private stopped = false;

  private constructor(
    private readonly groupId: string,
    private readonly joins: WireClient,
    private readonly beats: WireClient,
  ) {}

  static async open(port: number, groupId: string, index: number): Promise<BenchMember> {
    return new BenchMember(groupId, await WireClient.open(port, `bench-member-${index}`), await WireClient.open(port, `bench-member-${index}-hb`));
  }

  /** Joins (or rejoins) and syncs; resolves once this member has its assignment for a generation. */
  async joinAndSync(): Promise<void> {
    for (;;) {
      const joined = await this.joins.send(JoinGroupApi, 9, {
        groupId: this.groupId,
        sessionTimeoutMs: 30_000,
        rebalanceTimeoutMs: 30_000,
        memberId: this.memberId,
        groupInstanceId: null,
        protocolType: 'consumer',
        protocols: [protocol],
        reason: null,
      }, 60_000);
      if (joined.errorCode === ErrorCode.MEMBER_ID_REQUIRED) {
        this.memberId = joined.memberId;
        continue;
      }
      if (joined.errorCode !== ErrorCode.NONE) throw new Error(`JoinGroup failed with error ${joined.errorCode}`);
      this.memberId = joined.memberId;
      this.generationId = joined.generationId;
      const leader = joined.leader === joined.memberId;
      const synced = await this.joins.send(SyncGroupApi, 5, {
        groupId: this.groupId,
        generationId: joined.generationId,
        memberId: this.memberId,
        groupInstanceId: null,
        protocolType: 'consumer',
        protocolName: joined.protocolName,
        assignments: leader ? joined.members.map((member) => ({ memberId: member.memberId, assignment: Buffer.alloc(0) })) : [],
      }, 60_000);
      if (synced.errorCode === ErrorCode.REBALANCE_IN_PROGRESS) continue;
      if (synced.errorCode !== ErrorCode.NONE) throw new Error(`SyncGroup failed with error ${synced.errorCode}`);
      return;
    }
  }

  /**
   * Heartbeats every `heartbeatMs`; on REBALANCE_IN_PROGRESS rejoins and calls `onRejoined`.
   * Runs until `stop()`.
   */
  heartbeat(heartbeatMs: number, onRejoined: () => void): void {
    if (this.heartbeating) return;
    this.heartbeating = true;
    const beat = async (): Promise<void> => {
      while (!this.stopped) {
        const answer = await this.beats.send(HeartbeatApi, 4, { groupId: this.groupId, generationId: this.generationId, memberId: this.memberId, groupInstanceId: null });
        if (answer.errorCode === ErrorCode.REBALANCE_IN_PROGRESS) {
          await this.joinAndSync();
          onRejoined();
        }
        await new Promise((resolve) => setTimeout(resolve, heartbeatMs));
      }
    };
    void beat().catch(() => {});
  }

  stop(): void {
    this.stopped = true;
    this.joins.close();
    this.beats.close();
  }
}
