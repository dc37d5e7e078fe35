/**
 * The topic half of the embedded broker's ClusterAdmin (cluster-admin.ts), over its `LogManager`
 * in process: what Metadata, CreateTopics, DeleteTopics, CreatePartitions, DescribeConfigs,
 * IncrementalAlterConfigs and DeleteRecords would answer from it. One broker is the whole cluster:
 * it leads every partition and is its only replica and in-sync replica; none of its topics is
 * internal (committed offsets live outside the logs, not in a `__consumer_offsets` topic).
 *
 * Admin calls are checked in full before anything changes (DeleteRecords: every partition first),
 * and refused with Kafka's error name and the broker's message (embedded-errors.ts).
 */
import { topicConfigDefinitionsByName, type ConfigType, type LogManager, type TopicConfigEntry, type TopicDescription } from '../../../../broker-core/src/index';
import { ClusterError, type ClusterAdmin, type ConfigEntryInfo, type TopicInfo } from '../cluster-admin';
import type { PartitionOffsets } from '../record-source';
import { asCluster } from './embedded-errors';

export type TopicAdmin = Pick<
  ClusterAdmin,
  'topicOffsets' | 'topicOverrides' | 'listTopics' | 'describeTopic' | 'createTopic' | 'deleteTopic' | 'createPartitions' | 'describeTopicConfigs' | 'alterTopicConfigs' | 'deleteRecords'
>;

const HIGH_WATERMARK = -1;
const EARLIEST = -2;

function toTopicInfo(topic: TopicDescription, nodeId: number): TopicInfo {
  return {
    name: topic.name,
    topicId: topic.topicId,
    internal: false,
    partitions: Array.from({ length: topic.partitions }, (_, partition) => ({ partition, leader: nodeId, replicas: [nodeId], isr: [nodeId] })),
  };
}

function allowedValues(type: ConfigType): string[] | null {
  if (type.kind === 'boolean') return ['true', 'false'];
  if (type.kind === 'enum' || type.kind === 'list') return [...type.values];
  return null;
}

/** What Kafka's definition of the config allows (the embedded broker knows every topic config's). */
function configBounds(name: string): Pick<ConfigEntryInfo, 'allowedValues' | 'range'> {
  const definition = topicConfigDefinitionsByName.get(name);
  if (!definition) return { allowedValues: null, range: null };
  const type = definition.type;
  return { allowedValues: allowedValues(type), range: type.kind === 'int' || type.kind === 'long' ? { min: String(type.min), max: String(type.max) } : null };
}

/** A DescribeConfigs entry as Kafka's admin client gives it: sensitive values hidden, synonyms most specific first. */
export function toConfigEntryInfo(entry: TopicConfigEntry): ConfigEntryInfo {
  const shown = (value: string): string | null => (entry.sensitive ? null : value);
  return {
    name: entry.name,
    value: shown(entry.value),
    source: entry.source,
    readOnly: entry.readOnly,
    sensitive: entry.sensitive,
    synonyms: entry.synonyms.map((synonym) => ({ name: synonym.name, value: shown(synonym.value), source: synonym.source })),
    type: entry.type,
    documentation: entry.documentation,
    ...configBounds(entry.name),
    enforced: entry.enforced,
  };
}

function duplicates<T>(values: readonly T[]): T[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}

export function embeddedTopicAdmin(logs: LogManager, nodeId: number): TopicAdmin {
  return {
    async topicOffsets(topics) {
      const found = new Map<string, PartitionOffsets[]>();
      for (const topic of topics) {
        if (!logs.hasTopic(topic)) continue;
        const { partitions } = logs.describeTopic(topic);
        found.set(
          topic,
          Array.from({ length: partitions }, (_, partition) => ({
            partition,
            logStartOffset: logs.listOffsets(topic, partition, EARLIEST).offset,
            highWatermark: logs.listOffsets(topic, partition, HIGH_WATERMARK).offset,
          })),
        );
      }
      return found;
    },

    async topicOverrides(topics) {
      const found = new Map<string, Record<string, string>>();
      for (const topic of topics) if (logs.hasTopic(topic)) found.set(topic, { ...logs.describeTopic(topic).configs });
      return found;
    },

    async listTopics() {
      return asCluster(() =>
        logs
          .topics()
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
          .map((topic) => toTopicInfo(topic, nodeId)),
      );
    },

    async describeTopic(name) {
      return asCluster(() => toTopicInfo(logs.describeTopic(name), nodeId));
    },

    async createTopic(name, topic) {
      return asCluster(() => {
        const created = logs.createTopic(name, { partitions: topic.partitions, replicationFactor: topic.replicationFactor ?? -1, configs: topic.configs ?? {}, validateOnly: topic.validateOnly });
        return { name: created.name, topicId: topic.validateOnly ? null : created.topicId, partitions: created.partitions };
      });
    },

    async deleteTopic(name) {
      asCluster(() => logs.deleteTopic(name));
    },

    async createPartitions(name, totalCount) {
      asCluster(() => {
        logs.createPartitions(name, totalCount);
      });
    },

    async describeTopicConfigs(name) {
      return asCluster(() => logs.describeConfigs(name).map(toConfigEntryInfo));
    },

    async alterTopicConfigs(name, alterations, options) {
      asCluster(() => {
        logs.describeTopic(name);
        const repeated = duplicates(alterations.map((alteration) => alteration.name));
        if (repeated.length > 0) throw new ClusterError('INVALID_REQUEST', `Error due to duplicate config keys: ${repeated.join(', ')}`);
        const operations = alterations.map((alteration) => (alteration.op === 'SET' ? { name: alteration.name, op: 'SET' as const, value: alteration.value } : { name: alteration.name, op: 'DELETE' as const, value: null }));
        logs.incrementalAlterConfigs(name, operations, { validateOnly: options?.validateOnly });
      });
    },

    async deleteRecords(topic, targets) {
      return asCluster(() => {
        // Every target is checked before any log start moves, so a bad one changes nothing.
        logs.describeTopic(topic);
        const repeated = duplicates(targets.map((target) => target.partition));
        if (repeated.length > 0) throw new ClusterError('INVALID_REQUEST', `partition ${repeated.join(', ')} of topic "${topic}" is named twice`);
        for (const { partition, offset } of targets) {
          const { highWatermark } = logs.partitionStats(topic, partition);
          if (!logs.effectiveConfig(topic).deleteEnabled) {
            throw new ClusterError('POLICY_VIOLATION', `Records of partition ${topic}-${partition} can not be deleted due to the configured policy (cleanup.policy has no "delete")`);
          }
          if (offset !== HIGH_WATERMARK && (!Number.isSafeInteger(offset) || offset < 0 || offset > highWatermark)) {
            throw new ClusterError('OFFSET_OUT_OF_RANGE', `cannot delete records of ${topic}-${partition} up to ${offset}: the high watermark is ${highWatermark}`);
          }
        }
        return targets.map(({ partition, offset }) => ({ partition, logStartOffset: logs.deleteRecords(topic, partition, offset) }));
      });
    },
  };
}
