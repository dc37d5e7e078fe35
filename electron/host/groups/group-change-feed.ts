/**
 * Coalesces the coordinator's group events and the log manager's writes into at most one report
 * per interval (leading and trailing edge, see event-throttle.ts). A write to any topic may move
 * some group's lag, so the report re-reads the group list and names, besides the groups that had
 * events, every group whose summary (state, members, lag, …) differs from the last report. A
 * producer writing thousands of batches a second costs one flag per batch and one report per
 * interval.
 */
import type { GroupEvent } from '../../../broker-core/src/index';
import type { LogEvent } from '../../../broker-core/src/storage/log-events';
import { MAX_CHANGED_GROUPS, type GroupsChanged } from '../../contract';
import { createEventThrottle } from '../event-throttle';

export interface GroupChangeFeed {
  onGroupEvent(event: GroupEvent): void;
  onLogEvent(event: LogEvent): void;
  /** Reports every group as changed (e.g. just attached). */
  markAll(): void;
  flush(): void;
  cancel(): void;
}

/**
 * `read` gives the current summaries; `report` gets them with what changed. Summaries are compared
 * by value with the previous report's.
 */
export function createGroupChangeFeed<S extends { groupId: string }>(intervalMs: number, read: () => S[], report: (list: S[], changed: GroupsChanged) => void): GroupChangeFeed {
  let named = new Set<string>();
  let all = false;
  let previous = new Map<string, string>();

  const throttle = createEventThrottle(intervalMs, () => {
    const list = read();
    const current = new Map(list.map((summary) => [summary.groupId, JSON.stringify(summary)]));
    for (const [groupId, value] of current) if (previous.get(groupId) !== value) named.add(groupId);
    for (const groupId of previous.keys()) if (!current.has(groupId)) named.add(groupId);
    const changed: GroupsChanged = { groups: all || named.size > MAX_CHANGED_GROUPS ? 'all' : [...named].sort() };
    previous = current;
    named = new Set();
    all = false;
    report(list, changed);
  });

  return {
    onGroupEvent(event) {
      named.add(event.groupId);
      throttle.schedule();
    },
    onLogEvent(event) {
      if (event.type === 'configs-changed') return;
      throttle.schedule();
    },
    markAll() {
      all = true;
      throttle.schedule();
    },
    flush: () => throttle.flush(),
    cancel() {
      throttle.cancel();
      named = new Set();
      all = false;
      previous = new Map();
    },
  };
}
