/**
 * The sweeper's status as the contract shows it (`SweeperStatus`): the embedded broker's sweeper
 * (the cluster's `local.deadLetters`, local-dead-letters.ts) as it reports itself, `available`;
 * and the answer where there is none to show — a remote cluster (only Eddy's embedded broker
 * sweeps) or no cluster at all — `available: false` with nothing else.
 */
import type { SweeperStatus } from '../../contract';
import type { LocalSweeperStatus } from '../cluster/local-dead-letters';

export const UNAVAILABLE_SWEEPER: SweeperStatus = { available: false, intervalMs: 0, lastSweepAt: null, nextSweepAt: null, lastSweepMoved: 0, totalMoved: 0, lastError: null, topics: [] };

export function sweeperStatus(view: LocalSweeperStatus): SweeperStatus {
  return {
    available: true,
    intervalMs: view.intervalMs,
    lastSweepAt: view.lastSweepAt,
    nextSweepAt: view.nextSweepAt,
    lastSweepMoved: view.lastSweepMoved,
    totalMoved: view.totalMoved,
    lastError: view.lastError,
    topics: view.topics.map((topic) => ({ topic: topic.topic, group: topic.group, maxAgeMs: topic.maxAgeMs, dlqTopic: topic.dlqTopic, moved: topic.moved, lastMovedAt: topic.lastMovedAt, problem: topic.problem })),
  };
}
