/**
 * Coalesces a cluster's group changes into at most one report per interval (leading and trailing
 * edge, see event-throttle.ts), each a fresh read of every group's summary compared by value with
 * the last report's.
 *
 * What starts a read: a group change (the embedded broker's group events, or a change made here),
 * which is reported even if no summary differs (a commit of the same offset still moved its commit
 * time); a topic's records changing (a write or a purge may move some group's lag) or a poll of a
 * cluster that reports no changes (a remote one), which is reported only if some summary differs.
 * A report names the groups that had changes and every group whose summary differs (appeared,
 * vanished, state, members, lag, …); past MAX_CHANGED_GROUPS, or after `markAll`, it says 'all'.
 * A producer writing thousands of batches a second costs one flag per batch and one read per
 * interval. Reads never overlap: a change during one starts another once it is done. A read that
 * fails (the cluster unreachable) reports nothing; what it was for waits for the next.
 */
import type { ClusterChange } from '../cluster/cluster';
import { MAX_CHANGED_GROUPS, type GroupsChanged } from '../../contract';
import { createEventThrottle } from '../event-throttle';

export interface GroupChangeFeed {
  /** Give it every change (subscribe it with `Cluster.watch`); config changes are ignored. */
  readonly listener: (change: ClusterChange) => void;
  /** Re-reads, and reports if some summary differs (a poll of a cluster without `watch`). */
  poll(): void;
  /** Reports every group as changed (e.g. just attached). */
  markAll(): void;
  /** Drops anything pending, and the result of a read in flight. */
  cancel(): void;
}

/** `read` gives the current summaries; `report` gets them with what changed. */
export function createGroupChangeFeed<S extends { groupId: string }>(intervalMs: number, read: () => Promise<S[]>, report: (list: S[], changed: GroupsChanged) => void): GroupChangeFeed {
  let named = new Set<string>();
  let all = false;
  /** Whether the next read reports even if no summary differs. */
  let forced = false;
  let previous = new Map<string, string>();
  let reading = false;
  let again = false;
  let cancelled = false;

  const run = async (): Promise<void> => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    const asked = { named, all, forced };
    named = new Set();
    all = false;
    forced = false;
    try {
      const list = await read();
      if (cancelled) return;
      const current = new Map(list.map((summary) => [summary.groupId, JSON.stringify(summary)]));
      const changed = new Set(asked.named);
      for (const [groupId, value] of current) if (previous.get(groupId) !== value) changed.add(groupId);
      for (const groupId of previous.keys()) if (!current.has(groupId)) changed.add(groupId);
      previous = current;
      if (asked.forced || asked.all || changed.size > 0) report(list, { groups: asked.all || changed.size > MAX_CHANGED_GROUPS ? 'all' : [...changed].sort() });
    } catch {
      for (const groupId of asked.named) named.add(groupId);
      all ||= asked.all;
      forced ||= asked.forced;
    } finally {
      reading = false;
      if (again && !cancelled) {
        again = false;
        throttle.schedule();
      }
    }
  };

  const throttle = createEventThrottle(intervalMs, () => void run());

  return {
    listener(change) {
      if (cancelled) return;
      if (change.kind === 'group') {
        named.add(change.groupId);
        forced = true;
      } else if (change.what === 'configs') {
        return;
      }
      throttle.schedule();
    },
    poll() {
      if (!cancelled) throttle.schedule();
    },
    markAll() {
      if (cancelled) return;
      all = true;
      forced = true;
      throttle.schedule();
    },
    cancel() {
      cancelled = true;
      throttle.cancel();
    },
  };
}
