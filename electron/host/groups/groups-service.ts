/**
 * GroupsService: the contract's `groups.*` methods and events over the open cluster
 * (cluster/cluster.ts): the embedded broker, or a remote cluster.
 *
 * Lifecycle: created detached; `attach(cluster)` once the cluster can be used, `detach()` before
 * it goes. While detached every method is refused with BROKER_NOT_RUNNING. The cluster's refusals
 * (a reset or delete while the group has members, an unknown group or partition, a read-only
 * connection) reach the caller as `HostRefusal`s with Kafka's error name and the cluster's message
 * (group-refusal.ts; GROUP_NOT_EMPTY and GROUP_NOT_FOUND by the contract's names).
 *
 * Events: a GroupChangeFeed pushes `groups.list` + `groups.changed`, at most once per
 * `eventIntervalMs` (default 200 ms). The embedded broker reports its group events and writes as
 * they happen; a remote cluster is polled every `pollIntervalMs` (default 5 s), pushing when some
 * group's summary differs from the last push's. Attaching pushes at once, naming every group.
 *
 * Lag: every `lagSampleIntervalMs` (default 1 s) for a cluster that reports its changes, every
 * `polledLagSampleIntervalMs` (default: the poll interval) for one that is polled, each group's
 * total lag is recorded in a bounded LagHistory and pushed as `groups.lagSamples` (only while some
 * group has lag to show). A sample costs one ListGroups, one OffsetFetch per group and one bulk
 * offsets read; a sample still running when the next is due skips it.
 */
import type { Cluster } from '../cluster/cluster';
import { LAG_SAMPLE_INTERVAL_MS, MAX_GROUPS_LISTED, type ContractEvent, type DomainHandlers, type GroupList, type GroupSummary } from '../../contract';
import { HostRefusal } from '../host-refusal';
import { createGroupChangeFeed, type GroupChangeFeed } from './group-change-feed';
import { groupDetail, groupSummaries, groupTotalLags, topicGroupLags } from './group-reads';
import { refusingGroupErrors } from './group-refusal';
import { LagHistory } from './lag-history';
import { previewReset } from './reset-preview';

export const DEFAULT_GROUPS_EVENT_INTERVAL_MS = 200;
export const DEFAULT_GROUPS_POLL_INTERVAL_MS = 5000;

export type GroupsHandlers = DomainHandlers<'groups'>;

export interface GroupsServiceOptions {
  /** Minimum time between two list pushes; default 200 ms. */
  eventIntervalMs?: number;
  /** How often a cluster that reports no changes (a remote one) is re-read; default 5 s. */
  pollIntervalMs?: number;
  /** Time between two lag samples of a cluster that reports its changes; default LAG_SAMPLE_INTERVAL_MS (1 s). */
  lagSampleIntervalMs?: number;
  /** Time between two lag samples of a polled cluster (a remote one); default `pollIntervalMs`. */
  polledLagSampleIntervalMs?: number;
  onListenerError?(error: unknown): void;
  now?(): number;
}

export interface GroupsService {
  readonly handlers: GroupsHandlers;
  /** Serves the groups of this cluster and follows their changes. Idempotent for the same cluster. */
  attach(cluster: Cluster): void;
  /** Stops following and sampling; methods are refused until attached again; a pending push is dropped. */
  detach(): void;
  onEvent(listener: (event: ContractEvent) => void): () => void;
  /** Takes one lag sample now (the timer does this every interval); resolves once it is recorded and pushed. */
  sampleLag(): Promise<void>;
}

const toList = (summaries: GroupSummary[]): GroupList => ({ groups: summaries.slice(0, MAX_GROUPS_LISTED), total: summaries.length });

export function createGroupsService(options: GroupsServiceOptions = {}): GroupsService {
  const listeners = new Set<(event: ContractEvent) => void>();
  const history = new LagHistory();
  const now = options.now ?? Date.now;
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_GROUPS_POLL_INTERVAL_MS;
  let cluster: Cluster | null = null;
  let feed: GroupChangeFeed | null = null;
  let stops: Array<() => void> = [];
  let sampling: { cluster: Cluster; done: Promise<void> } | null = null;

  const publish = (event: ContractEvent): void => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        options.onListenerError?.(error);
      }
    }
  };

  const sample = async (attached: Cluster, at: number): Promise<void> => {
    let read: Awaited<ReturnType<typeof groupTotalLags>>;
    try {
      read = await groupTotalLags(attached);
    } catch {
      return; // unreachable now: the next sample tries again
    }
    if (cluster !== attached) return;
    history.retain(new Set(read.listed));
    for (const { groupId, lag } of read.lags) history.record(groupId, { at, lag });
    if (read.lags.length > 0) publish({ event: 'groups.lagSamples', payload: { at, groups: read.lags.slice(0, MAX_GROUPS_LISTED) } });
  };

  const sampleLag = (): Promise<void> => {
    const attached = cluster;
    if (!attached) return Promise.resolve();
    if (sampling?.cluster === attached) return sampling.done;
    const done: Promise<void> = sample(attached, now()).finally(() => {
      if (sampling?.done === done) sampling = null;
    });
    sampling = { cluster: attached, done };
    return done;
  };

  /** Runs `body` against the attached cluster, turning its refusals into the host's. */
  const withCluster = <T>(body: (attached: Cluster) => Promise<T>): Promise<T> => {
    const attached = cluster;
    if (!attached) return Promise.reject(new HostRefusal('BROKER_NOT_RUNNING', 'the broker is not running, so its consumer groups cannot be read or changed (see the Broker view)'));
    return refusingGroupErrors(() => body(attached));
  };

  /** After a change made here, a polled cluster pushes at once rather than at the next poll. */
  const changedHere = (attached: Cluster, groupId: string): void => {
    if (!attached.watch && cluster === attached) feed?.listener({ kind: 'group', groupId, deleted: false });
  };

  const handlers = {
    'groups.list': () => withCluster(async (attached) => toList(await groupSummaries(attached))),

    'groups.describe': ({ groupId }) => withCluster((attached) => groupDetail(attached, groupId, history.samples(groupId))),

    'groups.lagForTopic': ({ topic }) => withCluster(async (attached) => ({ topic, groups: await topicGroupLags(attached, topic) })),

    'groups.previewReset': (request) => withCluster((attached) => previewReset(attached, request)),

    'groups.resetOffsets': ({ groupId, topic, offsets }) =>
      withCluster(async (attached) => {
        const seen = new Set<number>();
        for (const { partition } of offsets) {
          if (seen.has(partition)) throw new HostRefusal('INVALID_REQUEST', `partition ${partition} of topic "${topic}" is named twice`);
          seen.add(partition);
        }
        await attached.admin.alterGroupOffsets(
          groupId,
          offsets.map(({ partition, offset }) => ({ topic, partition, offset })),
        );
        changedHere(attached, groupId);
        return { groupId, topic, offsets };
      }),

    'groups.delete': ({ groupId }) =>
      withCluster(async (attached) => {
        await attached.admin.deleteGroup(groupId);
        history.forget(groupId);
        changedHere(attached, groupId);
        return { groupId };
      }),
  } satisfies GroupsHandlers;

  /** Calls `run` every `intervalMs` until detached. */
  const every = (intervalMs: number, run: () => void): void => {
    const timer = setInterval(run, intervalMs);
    timer.unref?.();
    stops.push(() => clearInterval(timer));
  };

  return {
    handlers,
    sampleLag,
    attach(next) {
      if (cluster === next) return;
      if (cluster) this.detach();
      cluster = next;
      const current = createGroupChangeFeed(
        options.eventIntervalMs ?? DEFAULT_GROUPS_EVENT_INTERVAL_MS,
        () => groupSummaries(next),
        (summaries, changed) => {
          if (cluster !== next) return;
          publish({ event: 'groups.list', payload: toList(summaries) });
          publish({ event: 'groups.changed', payload: changed });
        },
      );
      feed = current;
      if (next.watch) {
        stops.push(
          next.watch((change) => {
            if (change.kind === 'group' && change.deleted) history.forget(change.groupId);
            current.listener(change);
          }),
        );
        every(options.lagSampleIntervalMs ?? LAG_SAMPLE_INTERVAL_MS, () => void sampleLag());
      } else {
        every(pollIntervalMs, () => current.poll());
        every(options.polledLagSampleIntervalMs ?? pollIntervalMs, () => void sampleLag());
      }
      current.markAll();
    },
    detach() {
      if (!cluster) return;
      for (const stop of stops) stop();
      stops = [];
      feed?.cancel();
      feed = null;
      history.clear();
      cluster = null;
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
