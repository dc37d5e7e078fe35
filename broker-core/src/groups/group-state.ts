/**
 * The states of a classic consumer group, by Kafka's names (the strings ListGroups and
 * DescribeGroups return). What each state does with each request is decided by the pure
 * `transition` function in `group-transition.ts`; this file only names and documents the states.
 *
 *   Empty ──join──▶ PreparingRebalance ──all joined / rebalance timeout──▶ CompletingRebalance
 *     ▲                  ▲   │ (no member left)                                  │ leader's SyncGroup
 *     └──────────────────┼───┘                                                   ▼
 *                        └──────── join / leave / member failure ───────────  Stable
 *   Empty ──delete / offsets expired──▶ Dead (final; the group is then forgotten)
 */

export enum GroupState {
  /**
   * No members. The group lingers while it has committed offsets (also the state of "simple"
   * groups that only use Kafka for offsets). Joins are accepted (→ PreparingRebalance after the
   * initial rebalance delay); SyncGroup, Heartbeat and member commits get UNKNOWN_MEMBER_ID;
   * commits with generation -1 (admin tools, standalone consumers) are accepted.
   */
  Empty = 'Empty',
  /**
   * A rebalance is under way: JoinGroup requests are parked until every known member has
   * rejoined or the rebalance timeout passes (members that did not rejoin are removed).
   * Heartbeats and SyncGroup get REBALANCE_IN_PROGRESS so members rejoin; commits of the
   * current generation are still accepted.
   */
  PreparingRebalance = 'PreparingRebalance',
  /**
   * A new generation exists and the leader is computing the assignment: followers' SyncGroup
   * requests are parked until the leader's SyncGroup arrives; commits get REBALANCE_IN_PROGRESS.
   */
  CompletingRebalance = 'CompletingRebalance',
  /** Every member has its assignment; heartbeats, commits and SyncGroup are answered normally. */
  Stable = 'Stable',
  /** Deleted or expired; nothing is accepted. Also the state DescribeGroups reports for an unknown group. */
  Dead = 'Dead',
}

export const ALL_GROUP_STATES: readonly GroupState[] = [
  GroupState.Empty,
  GroupState.PreparingRebalance,
  GroupState.CompletingRebalance,
  GroupState.Stable,
  GroupState.Dead,
];

/** Parses a state name case-insensitively, as ListGroups' states filter does; undefined if unknown. */
export function parseGroupState(name: string): GroupState | undefined {
  const lower = name.toLowerCase();
  return ALL_GROUP_STATES.find((state) => state.toLowerCase() === lower);
}
