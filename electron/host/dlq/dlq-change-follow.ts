/**
 * What tells the dead-letter views that their DLQ topics may have changed, on any cluster:
 * - a cluster with a change feed (the embedded broker's `watch`): a topic created, deleted or
 *   reconfigured, or records of a topic that may hold dead letters (appends to one whose first
 *   record was read and carries no provenance are let pass); a deleted topic is named first;
 * - a cluster without one (a remote cluster): a poll every `pollIntervalMs`;
 * - the broker's sweeper, where the cluster has one (`local.deadLetters`): every sweep that moved
 *   records.
 * Listeners are called on the cluster's thread and must be quick; the returned function stops it all.
 */
import type { Cluster } from '../cluster/cluster';

export interface DlqChangeHooks {
  /** `topic` was deleted (before `changed`). */
  deleted(topic: string): void;
  /** Whether appends to `topic` cannot make it a DLQ. */
  settledAsNotDlq(topic: string): boolean;
  /** Something that may alter the list happened. */
  changed(): void;
  /** Time for a polled cluster's look. */
  poll(): void;
}

export function followDlqChanges(cluster: Cluster, hooks: DlqChangeHooks, pollIntervalMs: number): () => void {
  const stops: Array<() => void> = [];
  if (cluster.watch) {
    stops.push(
      cluster.watch((change) => {
        if (change.kind !== 'topic') return;
        if (change.what === 'deleted') hooks.deleted(change.topic);
        if (change.what === 'records' && hooks.settledAsNotDlq(change.topic)) return;
        hooks.changed();
      }),
    );
  } else {
    const poller = setInterval(() => hooks.poll(), pollIntervalMs);
    poller.unref?.();
    stops.push(() => clearInterval(poller));
  }
  const sweeper = cluster.local?.deadLetters;
  if (sweeper) stops.push(sweeper.onSweep(() => hooks.changed()));
  return () => {
    for (const stop of stops) stop();
  };
}
