/**
 * Maps a cluster's answers (cluster-admin.ts: topics, offsets, configs; and, for the embedded
 * broker, its local details) onto the contract's topic DTOs. They read, never change, and throw
 * what the cluster throws (a ClusterError for a topic that is gone).
 *
 * What only the embedded broker knows (bytes on disk, segments, append times, when a topic was
 * created, why a partition is offline) is null for a remote cluster, never a made-up zero.
 */
import type { Cluster, LocalClusterDetails } from '../cluster/cluster';
import type { ConfigEntryInfo, ConfigSourceName, TopicInfo } from '../cluster/cluster-admin';
import type { PartitionOffsets } from '../cluster/record-source';
import { MAX_TOPICS_LISTED, type ConfigSource, type ConfigType, type PartitionSummary, type TopicConfigEntry, type TopicList, type TopicSummary } from '../../contract';

/** A partition's summary: its offsets, and what the embedded broker knows of it. */
export function toPartitionSummary(offsets: PartitionOffsets, local: LocalClusterDetails | undefined, topic: string): PartitionSummary {
  const details = local?.partition(topic, offsets.partition);
  return {
    partition: offsets.partition,
    logStartOffset: offsets.logStartOffset,
    highWatermark: offsets.highWatermark,
    records: Math.max(0, offsets.highWatermark - offsets.logStartOffset),
    bytes: details ? details.bytes : null,
    segments: details ? details.segments : null,
    lastAppendTime: details ? details.lastAppendTime : null,
    offlineReason: details ? details.offlineReason : null,
  };
}

/** A topic's totals over its partitions' offsets (and local details, for the embedded broker). */
/** `overrides` null: the cluster cannot say (shown as unknown, not as none). */
export function toTopicSummary(topic: TopicInfo, offsets: readonly PartitionOffsets[], overrides: Readonly<Record<string, string>> | null, local: LocalClusterDetails | undefined): TopicSummary {
  let records = 0;
  for (const range of offsets) records += Math.max(0, range.highWatermark - range.logStartOffset);
  let bytes: number | null = null;
  let lastAppendTime: number | null = null;
  let createdAt: number | null = null;
  if (local) {
    bytes = 0;
    for (const { partition } of topic.partitions) {
      const details = local.partition(topic.name, partition);
      bytes += details.bytes;
      if (details.lastAppendTime !== null && (lastAppendTime === null || details.lastAppendTime > lastAppendTime)) lastAppendTime = details.lastAppendTime;
    }
    createdAt = local.topicCreatedAt(topic.name);
  }
  return {
    name: topic.name,
    topicId: topic.topicId ?? '',
    partitions: topic.partitions.length,
    records,
    bytes,
    lastAppendTime,
    createdAt,
    overrides: overrides === null ? null : Object.keys(overrides).length,
  };
}

/** A topic deleted between two reads of one list is left out rather than failing the list. */
function stillThere<T>(read: () => T): T | null {
  try {
    return read();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'UNKNOWN_TOPIC_OR_PARTITION') return null;
    throw error;
  }
}

/** One topic's summary. */
export async function topicSummary(cluster: Cluster, name: string): Promise<TopicSummary> {
  const topic = await cluster.admin.describeTopic(name);
  const [offsets, overrides] = await Promise.all([cluster.admin.topicOffsets([name]), cluster.admin.topicOverrides([name])]);
  return toTopicSummary(topic, offsets.get(name) ?? [], overrides === null ? null : (overrides.get(name) ?? {}), cluster.local);
}

/** Every topic (the first MAX_TOPICS_LISTED by name) with its totals, in three bulk reads. */
export async function topicList(cluster: Cluster): Promise<TopicList> {
  const topics = await cluster.admin.listTopics();
  const shown = topics.slice(0, MAX_TOPICS_LISTED);
  const names = shown.map((topic) => topic.name);
  const [offsets, overrides] = await Promise.all([cluster.admin.topicOffsets(names), cluster.admin.topicOverrides(names)]);
  const summaries: TopicSummary[] = [];
  for (const topic of shown) {
    const range = offsets.get(topic.name);
    if (!range) continue; // deleted meanwhile
    const summary = stillThere(() => toTopicSummary(topic, range, overrides === null ? null : (overrides.get(topic.name) ?? {}), cluster.local));
    if (summary) summaries.push(summary);
  }
  return { topics: summaries, total: topics.length - (shown.length - summaries.length) };
}

const CONFIG_TYPES: ReadonlySet<string> = new Set(['BOOLEAN', 'STRING', 'INT', 'LONG', 'DOUBLE', 'LIST']);

/** Kafka's type names beyond the contract's (CLASS, PASSWORD, SHORT) are edited as text. */
function contractType(type: string | null): ConfigType {
  if (type === 'SHORT') return 'INT';
  return type !== null && CONFIG_TYPES.has(type) ? (type as ConfigType) : 'STRING';
}

function contractSource(source: ConfigSourceName): ConfigSource {
  return source === 'UNKNOWN' ? 'DEFAULT_CONFIG' : source;
}

export function toTopicConfigEntry(entry: ConfigEntryInfo): TopicConfigEntry {
  const overridden = entry.source === 'DYNAMIC_TOPIC_CONFIG';
  // Synonyms are most specific first: after the topic's override come the broker settings and Kafka's default.
  const fallback = entry.synonyms.find((synonym) => synonym.source !== 'DYNAMIC_TOPIC_CONFIG');
  const value = entry.value ?? '';
  const fallbackSource = fallback ? contractSource(fallback.source) : 'DEFAULT_CONFIG';
  return {
    name: entry.name,
    value,
    source: contractSource(entry.source),
    overridden,
    defaultValue: fallback?.value ?? (overridden ? '' : value),
    defaultSource: fallbackSource === 'DYNAMIC_TOPIC_CONFIG' ? 'DEFAULT_CONFIG' : fallbackSource,
    type: contractType(entry.type),
    allowedValues: entry.allowedValues,
    range: entry.range,
    documentation: entry.documentation ?? '',
    enforced: entry.enforced,
    readOnly: entry.readOnly,
  };
}

export async function topicConfigs(cluster: Cluster, name: string): Promise<{ topic: string; configs: TopicConfigEntry[] }> {
  const configs = (await cluster.admin.describeTopicConfigs(name)).map(toTopicConfigEntry);
  configs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { topic: name, configs };
}
