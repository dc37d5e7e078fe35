/**
 * GroupsService: the contract's `groups.*` methods and events over a running broker's group
 * coordinator (`broker.groups`) and logs (`broker.logs`).
 *
 * Lifecycle: created detached; `attach(broker)` once the broker runs, `detach()` before it stops.
 * While detached every method is refused with BROKER_NOT_RUNNING. The coordinator's refusals
 * (GROUP_NOT_EMPTY while a group has members, GROUP_NOT_FOUND, …) reach the caller as
 * `HostRefusal`s with the broker's message.
 *
 * Events: group events (state, commits, deletions) and log writes are coalesced by a
 * GroupChangeFeed into `groups.list` + `groups.changed`, at most once per `eventIntervalMs`
 * (default 200 ms). Every `lagSampleIntervalMs` (default 1 s) each group's total lag is recorded
 * in a bounded LagHistory and pushed as `groups.lagSamples` (only while some group has lag to show).
 */
import type { GroupCoordinator, LogManager } from '../../../broker-core/src/index';
import { LAG_SAMPLE_INTERVAL_MS, MAX_GROUPS_LISTED, type ContractEvent, type DomainHandlers, type GroupList, type GroupSummary } from '../../contract';
import { HostRefusal } from '../host-refusal';
import { createGroupChangeFeed } from './group-change-feed';
import { groupDetail, groupSummaries, topicGroupLags, type GroupSources } from './group-lag';
import { refusingGroupErrors, refusingGroupErrorsAsync } from './group-refusal';
import { LagHistory } from './lag-history';
import { partitionPositions, planPartition } from './reset-plan';

export const DEFAULT_GROUPS_EVENT_INTERVAL_MS = 200;

export type GroupsHandlers = DomainHandlers<'groups'>;

export interface GroupsServiceOptions {
  /** Minimum time between two list pushes; default 200 ms. */
  eventIntervalMs?: number;
  /** Time between two lag samples; default LAG_SAMPLE_INTERVAL_MS (1 s). */
  lagSampleIntervalMs?: number;
  onListenerError?(error: unknown): void;
  now?(): number;
}

export interface GroupsService {
  readonly handlers: GroupsHandlers;
  /** Serves the groups of this broker and follows their changes. Idempotent for the same broker. */
  attach(broker: GroupSources): void;
  /** Stops following and sampling; methods are refused until attached again. */
  detach(): void;
  onEvent(listener: (event: ContractEvent) => void): () => void;
  /** Takes one lag sample now (the timer does this every interval). */
  sampleLag(): void;
}

const toList = (summaries: GroupSummary[]): GroupList => ({ groups: summaries.slice(0, MAX_GROUPS_LISTED), total: summaries.length });

export function createGroupsService(options: GroupsServiceOptions = {}): GroupsService {
  const listeners = new Set<(event: ContractEvent) => void>();
  const history = new LagHistory();
  const now = options.now ?? Date.now;
  let sources: GroupSources | null = null;
  let unsubscribes: Array<() => void> = [];
  let sampler: ReturnType<typeof setInterval> | null = null;

  const publish = (event: ContractEvent): void => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        options.onListenerError?.(error);
      }
    }
  };

  const feed = createGroupChangeFeed(
    options.eventIntervalMs ?? DEFAULT_GROUPS_EVENT_INTERVAL_MS,
    () => (sources ? groupSummaries(sources) : []),
    (summaries, changed) => {
      if (!sources) return;
      publish({ event: 'groups.list', payload: toList(summaries) });
      publish({ event: 'groups.changed', payload: changed });
    },
  );

  const attached = (): GroupSources => {
    if (!sources) throw new HostRefusal('BROKER_NOT_RUNNING', 'the broker is not running, so its consumer groups cannot be read or changed (see the Broker view)');
    return sources;
  };
  const withSources = <T>(body: (broker: GroupSources) => T): T => refusingGroupErrors(() => body(attached()));

  const sampleLag = (): void => {
    if (!sources) return;
    const at = now();
    const groups: Array<{ groupId: string; lag: number }> = [];
    for (const summary of groupSummaries(sources)) {
      if (summary.totalLag === null) continue;
      history.record(summary.groupId, { at, lag: summary.totalLag });
      groups.push({ groupId: summary.groupId, lag: summary.totalLag });
    }
    if (groups.length > 0) publish({ event: 'groups.lagSamples', payload: { at, groups: groups.slice(0, MAX_GROUPS_LISTED) } });
  };

  const handlers = {
    'groups.list': () => withSources((broker) => toList(groupSummaries(broker))),

    'groups.describe': ({ groupId }) =>
      withSources((broker) => {
        const detail = groupDetail(broker, groupId, history.samples(groupId));
        if (!detail) throw new HostRefusal('GROUP_NOT_FOUND', `consumer group "${groupId}" does not exist`);
        return detail;
      }),

    'groups.lagForTopic': ({ topic }) => withSources((broker) => ({ topic, groups: topicGroupLags(broker, topic) })),

    'groups.previewReset': ({ groupId, topic, partitions, target }) =>
      withSources((broker) => {
        if (!broker.logs.hasTopic(topic)) throw new HostRefusal('UNKNOWN_TOPIC_OR_PARTITION', `topic "${topic}" does not exist`);
        const count = broker.logs.describeTopic(topic).partitions;
        const chosen = partitions ? [...new Set(partitions)].sort((a, b) => a - b) : Array.from({ length: count }, (_, i) => i);
        const missing = chosen.find((partition) => partition >= count);
        if (missing !== undefined) throw new HostRefusal('UNKNOWN_TOPIC_OR_PARTITION', `topic "${topic}" has no partition ${missing} (it has ${count})`);
        const committed = new Map(broker.groups.committedOffsets(groupId).filter((entry) => entry.topic === topic).map((entry) => [entry.partition, Number(entry.offset)]));
        const plan = partitionPositions(broker.logs, committed, topic, chosen, target).map((position) => planPartition(position, target, topic));
        const overview = broker.groups.describeGroup(groupId);
        return {
          groupId,
          topic,
          partitions: plan,
          reread: plan.reduce((sum, row) => sum + (row.reread ?? 0), 0),
          skipped: plan.reduce((sum, row) => sum + (row.skipped ?? 0), 0),
          members: overview?.memberCount ?? 0,
          state: overview?.state ?? 'Empty',
        };
      }),

    'groups.resetOffsets': ({ groupId, topic, offsets }) => {
      const broker = attached();
      const seen = new Set<number>();
      for (const { partition } of offsets) {
        if (seen.has(partition)) throw new HostRefusal('INVALID_REQUEST', `partition ${partition} of topic "${topic}" is named twice`);
        seen.add(partition);
      }
      return refusingGroupErrorsAsync(async () => {
        await broker.groups.resetOffsets(
          groupId,
          offsets.map(({ partition, offset }) => ({ topic, partition, offset: BigInt(offset) })),
        );
        return { groupId, topic, offsets };
      });
    },

    'groups.delete': ({ groupId }) => {
      const broker = attached();
      return refusingGroupErrorsAsync(async () => {
        await broker.groups.deleteGroup(groupId);
        history.forget(groupId);
        return { groupId };
      });
    },
  } satisfies GroupsHandlers;

  return {
    handlers,
    sampleLag,
    attach(next) {
      if (sources === next) return;
      if (sources) this.detach();
      sources = next;
      const groups: GroupCoordinator = next.groups;
      const logs: LogManager = next.logs;
      unsubscribes = [
        groups.subscribe((event) => {
          if (event.type === 'group-deleted') history.forget(event.groupId);
          feed.onGroupEvent(event);
        }),
        logs.on((event) => feed.onLogEvent(event)),
      ];
      sampler = setInterval(sampleLag, options.lagSampleIntervalMs ?? LAG_SAMPLE_INTERVAL_MS);
      sampler.unref?.();
      feed.markAll();
    },
    detach() {
      if (!sources) return;
      for (const unsubscribe of unsubscribes) unsubscribe();
      unsubscribes = [];
      if (sampler) clearInterval(sampler);
      sampler = null;
      feed.flush();
      feed.cancel();
      history.clear();
      sources = null;
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
