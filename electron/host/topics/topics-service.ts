/**
 * TopicsService: the contract's `topics.*` methods and events over the open cluster
 * (cluster/cluster.ts): the embedded broker, or a remote cluster.
 *
 * Lifecycle: created detached; `attach(cluster)` once the cluster can be used (the broker runs,
 * or a remote cluster is connected), `detach()` before it goes. While detached every method is
 * refused with BROKER_NOT_RUNNING. The cluster's refusals (illegal name, unknown topic, bad config
 * value, offset out of range, read-only connection) reach the caller as `HostRefusal`s carrying
 * Kafka's error name and the cluster's message.
 *
 * Events: each change is coalesced by a TopicChangeFeed and pushes `topics.list` (the whole list,
 * a snapshot, so a missed push is repaired by the next) and `topics.changed` (which topics to
 * re-read), at most once per `eventIntervalMs` (default 200 ms). The embedded broker reports its
 * changes as they happen; a remote cluster is polled every `pollIntervalMs` (default 5 s), and a
 * topic is named as changed when its summary differs from the last poll's. Attaching pushes both
 * at once, naming every topic.
 */
import type { Cluster } from '../cluster/cluster';
import { refusingClusterErrors } from '../cluster/cluster-refusal';
import type { ContractEvent, DomainHandlers, TopicList } from '../../contract';
import { HostRefusal } from '../host-refusal';
import { createTopicChangeFeed } from './topic-change-feed';
import { topicConfigs, topicList, topicSummary, toPartitionSummary } from './topic-dtos';

export const DEFAULT_TOPICS_EVENT_INTERVAL_MS = 200;
export const DEFAULT_TOPICS_POLL_INTERVAL_MS = 5000;

export type TopicsHandlers = DomainHandlers<'topics'>;

export interface TopicsServiceOptions {
  /** Minimum time between two pushes; default 200 ms. */
  eventIntervalMs?: number;
  /** How often a cluster that reports no changes (a remote one) is re-read; default 5 s. */
  pollIntervalMs?: number;
  /** Told when an event listener throws (the other listeners still run). */
  onListenerError?(error: unknown): void;
}

export interface TopicsService {
  readonly handlers: TopicsHandlers;
  /** Serves the topics of this cluster and follows their changes. Idempotent for the same cluster. */
  attach(cluster: Cluster): void;
  /** Stops following; methods are refused until attached again; a pending push is dropped (the next attach pushes everything). */
  detach(): void;
  onEvent(listener: (event: ContractEvent) => void): () => void;
}

export function createTopicsService(options: TopicsServiceOptions = {}): TopicsService {
  const listeners = new Set<(event: ContractEvent) => void>();
  let cluster: Cluster | null = null;
  let unsubscribe: (() => void) | null = null;
  let poller: ReturnType<typeof setInterval> | null = null;
  /** Each topic's summary at the last poll, by value, to tell which changed. */
  let polled = new Map<string, string>();

  const publish = (event: ContractEvent): void => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        options.onListenerError?.(error);
      }
    }
  };

  const feed = createTopicChangeFeed(options.eventIntervalMs ?? DEFAULT_TOPICS_EVENT_INTERVAL_MS, (changed) => {
    const attached = cluster;
    if (!attached) return;
    void topicList(attached).then(
      (list) => {
        if (cluster !== attached) return; // another cluster was opened meanwhile: its own push follows
        publish({ event: 'topics.list', payload: list });
        publish({ event: 'topics.changed', payload: changed });
      },
      () => undefined, // unreachable now: the next change or poll pushes again
    );
  });

  /** A poll of a cluster without a change feed: names each topic whose summary changed. */
  const poll = async (attached: Cluster): Promise<void> => {
    let list: TopicList;
    try {
      list = await topicList(attached);
    } catch {
      return;
    }
    if (cluster !== attached) return;
    const current = new Map(list.topics.map((topic) => [topic.name, JSON.stringify(topic)]));
    for (const [name, value] of current) {
      if (polled.get(name) === value) continue;
      const before = polled.get(name);
      const overridesChanged = before === undefined || (JSON.parse(before) as { overrides: number }).overrides !== (JSON.parse(value) as { overrides: number }).overrides;
      feed.listener({ kind: 'topic', topic: name, what: overridesChanged ? 'configs' : 'records' });
      if (before === undefined) feed.listener({ kind: 'topic', topic: name, what: 'created' });
    }
    for (const name of polled.keys()) if (!current.has(name)) feed.listener({ kind: 'topic', topic: name, what: 'deleted' });
    polled = current;
  };

  /** Runs `body` against the attached cluster, turning its refusals into the host's. */
  const withCluster = <T>(body: (attached: Cluster) => Promise<T>): Promise<T> => {
    const attached = cluster;
    if (!attached) return Promise.reject(new HostRefusal('BROKER_NOT_RUNNING', 'the broker is not running, so its topics cannot be read or changed (see the Broker view)'));
    return refusingClusterErrors(() => body(attached));
  };

  /** After a change made here, a polled cluster pushes at once rather than at the next poll. */
  const changedHere = (attached: Cluster) => {
    if (!attached.watch) void poll(attached);
  };

  const handlers = {
    'topics.list': () => withCluster((attached) => topicList(attached)),

    'topics.listPartitions': ({ name, offset, limit }) =>
      withCluster(async (attached) => {
        const topic = await topicSummary(attached, name);
        const ranges = (await attached.admin.topicOffsets([name])).get(name) ?? [];
        const end = Math.min(topic.partitions, offset + limit);
        const partitions = ranges.filter((range) => range.partition >= offset && range.partition < end).map((range) => toPartitionSummary(range, attached.local, name));
        return { topic, offset, partitions };
      }),

    'topics.describeConfigs': ({ name }) => withCluster((attached) => topicConfigs(attached, name)),

    'topics.create': ({ name, partitions, configs, validateOnly }) =>
      withCluster(async (attached) => {
        const created = await attached.admin.createTopic(name, { partitions, configs, validateOnly });
        if (validateOnly) {
          return { name, topicId: '', partitions: created.partitions, records: 0, bytes: attached.local ? 0 : null, lastAppendTime: null, createdAt: null, overrides: Object.keys(configs ?? {}).length };
        }
        changedHere(attached);
        return topicSummary(attached, name);
      }),

    'topics.delete': ({ name }) =>
      withCluster(async (attached) => {
        await attached.admin.deleteTopic(name);
        changedHere(attached);
        return { name };
      }),

    'topics.createPartitions': ({ name, totalCount }) =>
      withCluster(async (attached) => {
        await attached.admin.createPartitions(name, totalCount);
        changedHere(attached);
        return topicSummary(attached, name);
      }),

    'topics.alterConfigs': ({ name, operations, validateOnly }) =>
      withCluster(async (attached) => {
        await attached.admin.alterTopicConfigs(name, operations, { validateOnly });
        if (!validateOnly) changedHere(attached);
        return topicConfigs(attached, name);
      }),

    'topics.deleteRecords': ({ name, partitions, clampToHighWatermark }) =>
      withCluster(async (attached) => {
        // Check every target before moving any log start, so a bad one changes nothing.
        const seen = new Set<number>();
        for (const { partition } of partitions) {
          if (seen.has(partition)) throw new HostRefusal('INVALID_REQUEST', `partition ${partition} of topic "${name}" is named twice`);
          seen.add(partition);
        }
        const ranges = (await attached.admin.topicOffsets([name])).get(name);
        if (!ranges) throw new HostRefusal('UNKNOWN_TOPIC_OR_PARTITION', `topic "${name}" does not exist`);
        const targets = partitions.map(({ partition, offset }) => {
          const range = ranges.find((candidate) => candidate.partition === partition);
          if (!range) throw new HostRefusal('UNKNOWN_TOPIC_OR_PARTITION', `topic "${name}" has no partition ${partition} (it has ${ranges.length})`);
          if (offset <= range.highWatermark) return { partition, offset };
          if (clampToHighWatermark) return { partition, offset: range.highWatermark };
          throw new HostRefusal('OFFSET_OUT_OF_RANGE', `cannot delete records of ${name}-${partition} up to offset ${offset}: its high watermark is ${range.highWatermark}`);
        });
        const moved = await attached.admin.deleteRecords(name, targets);
        changedHere(attached);
        return { topic: name, partitions: moved };
      }),
  } satisfies TopicsHandlers;

  return {
    handlers,
    attach(next) {
      if (cluster === next) return;
      if (cluster) this.detach();
      cluster = next;
      if (next.watch) {
        unsubscribe = next.watch(feed.listener);
      } else {
        polled = new Map();
        void poll(next);
        poller = setInterval(() => void poll(next), options.pollIntervalMs ?? DEFAULT_TOPICS_POLL_INTERVAL_MS);
        poller.unref?.();
      }
      feed.markAll();
    },
    detach() {
      if (!cluster) return;
      unsubscribe?.();
      unsubscribe = null;
      if (poller) clearInterval(poller);
      poller = null;
      feed.flush();
      feed.cancel();
      cluster = null;
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
