/**
 * Maps broker-core's storage views (topic descriptions, partition stats, DescribeConfigs entries)
 * onto the contract's topic DTOs. Pure functions over a `LogManager`'s answers; they read, never
 * change, and throw what the LogManager throws (a StorageError for a topic that is gone).
 */
import type { LogManager, TopicDescription } from '../../../broker-core/src/storage/log-manager';
import type { PartitionStats } from '../../../broker-core/src/storage/partition-log';
import type { TopicConfigEntry as StorageConfigEntry } from '../../../broker-core/src/storage/topic-config';
import type { ConfigType } from '../../../broker-core/src/config/config-type';
import { topicConfigDefinitionsByName } from '../../../broker-core/src/storage/topic-config-definitions';
import {
  MAX_TOPICS_LISTED,
  type PartitionSummary,
  type TopicConfigEntry,
  type TopicList,
  type TopicSummary,
} from '../../contract';

export function toPartitionSummary(stats: PartitionStats): PartitionSummary {
  return {
    partition: stats.partition,
    logStartOffset: stats.logStartOffset,
    highWatermark: stats.highWatermark,
    records: stats.records,
    bytes: stats.bytes,
    segments: stats.segments,
    lastAppendTime: stats.lastAppendTime,
    offlineReason: stats.offlineReason,
  };
}

/** A topic's totals over the partition stats given (all of its partitions, in any order). */
export function toTopicSummary(topic: TopicDescription, partitions: readonly PartitionStats[]): TopicSummary {
  let records = 0;
  let bytes = 0;
  let lastAppendTime: number | null = null;
  for (const stats of partitions) {
    records += stats.records;
    bytes += stats.bytes;
    if (stats.lastAppendTime !== null && (lastAppendTime === null || stats.lastAppendTime > lastAppendTime)) lastAppendTime = stats.lastAppendTime;
  }
  return {
    name: topic.name,
    topicId: topic.topicId,
    partitions: topic.partitions,
    records,
    bytes,
    lastAppendTime,
    createdAt: topic.createdAt,
    overrides: Object.keys(topic.configs).length,
  };
}

/** One topic's summary, reading only its own partitions. */
export function topicSummary(logs: LogManager, name: string): TopicSummary {
  const topic = logs.describeTopic(name);
  const stats = Array.from({ length: topic.partitions }, (_, partition) => logs.partitionStats(name, partition));
  return toTopicSummary(topic, stats);
}

/** Every topic (the first MAX_TOPICS_LISTED by name) with its totals, from one pass over the stats. */
export function topicList(logs: LogManager): TopicList {
  const statsByTopic = new Map<string, PartitionStats[]>();
  for (const stats of logs.stats()) {
    const list = statsByTopic.get(stats.topic);
    if (list) list.push(stats);
    else statsByTopic.set(stats.topic, [stats]);
  }
  const topics = logs.topics().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    topics: topics.slice(0, MAX_TOPICS_LISTED).map((topic) => toTopicSummary(topic, statsByTopic.get(topic.name) ?? [])),
    total: topics.length,
  };
}

function allowedValues(type: ConfigType): string[] | null {
  if (type.kind === 'boolean') return ['true', 'false'];
  if (type.kind === 'enum' || type.kind === 'list') return [...type.values];
  return null;
}

function rangeOf(type: ConfigType): { min: string; max: string } | null {
  return type.kind === 'int' || type.kind === 'long' ? { min: String(type.min), max: String(type.max) } : null;
}

export function toTopicConfigEntry(entry: StorageConfigEntry): TopicConfigEntry {
  const definition = topicConfigDefinitionsByName.get(entry.name);
  const overridden = entry.source === 'DYNAMIC_TOPIC_CONFIG';
  // Synonyms are most specific first: after the topic's override come the broker setting and Kafka's default.
  const fallback = entry.synonyms.find((synonym) => synonym.source !== 'DYNAMIC_TOPIC_CONFIG');
  return {
    name: entry.name,
    value: entry.value,
    source: entry.source,
    overridden,
    defaultValue: fallback?.value ?? (overridden ? '' : entry.value),
    defaultSource: fallback?.source === 'STATIC_BROKER_CONFIG' ? 'STATIC_BROKER_CONFIG' : 'DEFAULT_CONFIG',
    type: entry.type,
    allowedValues: definition ? allowedValues(definition.type) : null,
    range: definition ? rangeOf(definition.type) : null,
    documentation: entry.documentation,
    enforced: entry.enforced,
    readOnly: entry.readOnly,
  };
}

export function topicConfigs(logs: LogManager, name: string): { topic: string; configs: TopicConfigEntry[] } {
  const configs = logs.describeConfigs(name).map(toTopicConfigEntry);
  configs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { topic: name, configs };
}
