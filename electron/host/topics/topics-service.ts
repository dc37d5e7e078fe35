/**
 * TopicsService: the contract's `topics.*` methods and events over a running broker's
 * `LogManager` (`broker.logs`).
 *
 * Lifecycle: created detached; `attach(logs)` once the broker runs, `detach()` before it stops.
 * While detached every method is refused with BROKER_NOT_RUNNING. Storage refusals (illegal name,
 * unknown topic, bad config value, offset out of range, disk errors) reach the caller as
 * `HostRefusal`s carrying Kafka's error name and the broker's message.
 *
 * Events: every change the log manager reports (a topic created or deleted by any client, an
 * append, a purge, new partitions, altered configs) is coalesced by a TopicChangeFeed; each report
 * pushes `topics.list` (the whole list, a snapshot, so a missed push is repaired by the next) and
 * `topics.changed` (which topics to re-read), at most once per `eventIntervalMs` (default 200 ms,
 * ~5 a second) however fast records arrive. Attaching pushes both at once, naming every topic.
 */
import type { LogManager } from '../../../broker-core/src/storage/log-manager';
import type { ContractEvent, DomainHandlers } from '../../contract';
import { HostRefusal } from '../host-refusal';
import { createTopicChangeFeed } from './topic-change-feed';
import { topicConfigs, topicList, topicSummary, toPartitionSummary, toTopicSummary } from './topic-dtos';
import { refusingStorageErrors } from './storage-refusal';

export const DEFAULT_TOPICS_EVENT_INTERVAL_MS = 200;

export type TopicsHandlers = DomainHandlers<'topics'>;

export interface TopicsServiceOptions {
  /** Minimum time between two pushes; default 200 ms. */
  eventIntervalMs?: number;
  /** Told when an event listener throws (the other listeners still run). */
  onListenerError?(error: unknown): void;
}

export interface TopicsService {
  readonly handlers: TopicsHandlers;
  /** Serves the topics of these logs and follows their changes. Idempotent for the same logs. */
  attach(logs: LogManager): void;
  /** Stops following; methods are refused until attached again. Pushes any pending change first. */
  detach(): void;
  onEvent(listener: (event: ContractEvent) => void): () => void;
}

export function createTopicsService(options: TopicsServiceOptions = {}): TopicsService {
  const listeners = new Set<(event: ContractEvent) => void>();
  let logs: LogManager | null = null;
  let unsubscribe: (() => void) | null = null;

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
    if (!logs) return;
    publish({ event: 'topics.list', payload: topicList(logs) });
    publish({ event: 'topics.changed', payload: changed });
  });

  /** Runs `body` against the attached logs, turning storage errors into refusals. */
  const withLogs = <T>(body: (attached: LogManager) => T): T => {
    const attached = logs;
    if (!attached) throw new HostRefusal('BROKER_NOT_RUNNING', 'the broker is not running, so its topics cannot be read or changed (see the Broker view)');
    return refusingStorageErrors(() => body(attached));
  };

  const handlers = {
    'topics.list': () => withLogs((attached) => topicList(attached)),

    'topics.listPartitions': ({ name, offset, limit }) =>
      withLogs((attached) => {
        const topic = topicSummary(attached, name);
        const end = Math.min(topic.partitions, offset + limit);
        const partitions = [];
        for (let partition = offset; partition < end; partition++) partitions.push(toPartitionSummary(attached.partitionStats(name, partition)));
        return { topic, offset, partitions };
      }),

    'topics.describeConfigs': ({ name }) => withLogs((attached) => topicConfigs(attached, name)),

    'topics.create': ({ name, partitions, configs, validateOnly }) =>
      withLogs((attached) => {
        const created = attached.createTopic(name, { partitions, configs, validateOnly });
        return validateOnly ? toTopicSummary(created, []) : topicSummary(attached, name);
      }),

    'topics.delete': ({ name }) =>
      withLogs((attached) => {
        attached.deleteTopic(name);
        return { name };
      }),

    'topics.createPartitions': ({ name, totalCount }) =>
      withLogs((attached) => {
        attached.createPartitions(name, totalCount);
        return topicSummary(attached, name);
      }),

    'topics.alterConfigs': ({ name, operations, validateOnly }) =>
      withLogs((attached) => {
        const storageOperations = operations.map((operation) =>
          operation.op === 'SET' ? { name: operation.name, op: 'SET' as const, value: operation.value } : { name: operation.name, op: 'DELETE' as const, value: null },
        );
        attached.incrementalAlterConfigs(name, storageOperations, { validateOnly });
        return topicConfigs(attached, name);
      }),

    'topics.deleteRecords': ({ name, partitions, clampToHighWatermark }) =>
      withLogs((attached) => {
        // Check every target before moving any log start, so a bad one changes nothing.
        const seen = new Set<number>();
        const targets = partitions.map(({ partition, offset }) => {
          if (seen.has(partition)) throw new HostRefusal('INVALID_REQUEST', `partition ${partition} of topic "${name}" is named twice`);
          seen.add(partition);
          const { highWatermark } = attached.partitionStats(name, partition);
          if (offset <= highWatermark) return { partition, offset };
          if (clampToHighWatermark) return { partition, offset: highWatermark };
          throw new HostRefusal('OFFSET_OUT_OF_RANGE', `cannot delete records of ${name}-${partition} up to offset ${offset}: its high watermark is ${highWatermark}`);
        });
        return {
          topic: name,
          partitions: targets.map(({ partition, offset }) => ({ partition, logStartOffset: attached.deleteRecords(name, partition, offset) })),
        };
      }),
  } satisfies TopicsHandlers;

  return {
    handlers,
    attach(next) {
      if (logs === next) return;
      if (logs) this.detach();
      logs = next;
      unsubscribe = next.on(feed.listener);
      feed.markAll();
    },
    detach() {
      if (!logs) return;
      unsubscribe?.();
      unsubscribe = null;
      feed.flush();
      feed.cancel();
      logs = null;
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
