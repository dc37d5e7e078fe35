/**
 * A remote cluster's metadata and admin operations (cluster-admin.ts): the cluster and its topics
 * from Metadata at the cluster's version (internal topics, and topic ids from v10), CreateTopics at
 * the controller (validate-only too), and the Kafka client's Admin for DeleteTopics,
 * CreatePartitions, DescribeConfigs, IncrementalAlterConfigs and DeleteRecords; groups are
 * remote-group-admin.ts. What the cluster is too old for (or does not offer) is refused before
 * the client is called (client-api-support.ts). Every failure is a ClusterError with Kafka's error
 * name and the cluster's message.
 */
import { ConfigResourceTypes, createTopicsV7, IncrementalAlterConfigOperationTypes, type Admin, type incrementalAlterConfigsV1 } from '@platformatic/kafka';
import { isStaleMetadata, type BrokerConnections } from './broker-connections';
import { clientFailure, toClusterError } from './client-errors';
import { featureProblem, requireFeature } from './feature-support';
import type { ClusterFeature } from '../../../contract';
import { describeTopicConfigs } from './config-entries';
import { offsetRanges } from './offset-ranges';
import { remoteGroupAdmin } from './remote-group-admin';
import { clusterDescription, kafkaTopicId, topicInfo } from './topic-info';
import { ClusterError, type ClusterAdmin, type ConfigAlteration, type CreatedTopic, type NewTopic, type TopicInfo } from '../cluster-admin';


export function remoteClusterAdmin(admin: Admin, brokers: BrokerConnections, requestTimeoutMs: number): ClusterAdmin {
  const need = (feature: ClusterFeature) => requireFeature(brokers.versions, feature);
  const unknownTopic = (name: string) => new ClusterError('UNKNOWN_TOPIC_OR_PARTITION', `topic "${name}" does not exist`);

  const createAtController = async (name: string, topic: NewTopic, attempt = 0): Promise<CreatedTopic> => {
    const metadata = await brokers.metadata([]);
    const connection = metadata.controllerId >= 0 ? await brokers.node(metadata.controllerId) : await brokers.any();
    const request = [{ name, numPartitions: topic.partitions ?? -1, replicationFactor: topic.replicationFactor ?? -1, assignments: [], configs: Object.entries(topic.configs ?? {}).map(([key, value]) => ({ name: key, value })) }];
    try {
      const validateOnly = topic.validateOnly ?? false;
      const response = await createTopicsV7.api.async(connection, request, requestTimeoutMs, validateOnly);
      const created = response.topics.find((candidate) => candidate.name === name);
      return { name, topicId: validateOnly || !created ? null : kafkaTopicId(created.topicId), partitions: created?.numPartitions ?? topic.partitions ?? -1 };
    } catch (error) {
      const failure = clientFailure(error);
      if (attempt === 0 && failure.kind === 'kafka' && failure.name === 'NOT_CONTROLLER') return createAtController(name, topic, 1);
      throw error;
    }
  };

  return {
    async describeCluster() {
      try {
        return clusterDescription(await brokers.metadata([]));
      } catch (error) {
        throw toClusterError(error, 'describing the cluster');
      }
    },
    async topicOffsets(topics: readonly string[]) {
      if (topics.length === 0) return new Map();
      try {
        return await offsetRanges(brokers, topics);
      } catch (error) {
        throw toClusterError(error, 'offsets of topics');
      }
    },
    async topicOverrides(topics: readonly string[]) {
      const overrides = new Map<string, Record<string, string>>();
      if (topics.length === 0) return overrides;
      // A cluster this console cannot ask for configs: unknown, not "none".
      if (featureProblem(brokers.versions, 'topicConfigs')) return null;
      try {
        for (let attempt = 0; ; attempt++) {
          const metadata = await brokers.metadata([...new Set(topics)]);
          const existing = metadata.topics.filter((topic) => topic.errorCode === 0 && topic.name).map((topic) => topic.name!);
          if (existing.length === 0) return overrides;
          try {
            for (const [topic, configs] of await describeTopicConfigs(brokers, existing)) {
              const values: Record<string, string> = {};
              for (const config of configs) if (config.source === 'DYNAMIC_TOPIC_CONFIG' && config.value !== null) values[config.name] = config.value;
              overrides.set(topic, values);
            }
            return overrides;
          } catch (error) {
            // A topic deleted between the two requests: ask again for those that are left.
            const failure = clientFailure(error);
            if (attempt === 0 && failure.kind === 'kafka' && failure.name === 'UNKNOWN_TOPIC_OR_PARTITION') continue;
            throw error;
          }
        }
      } catch (error) {
        throw toClusterError(error, 'topic configs');
      }
    },
    async listTopics(): Promise<TopicInfo[]> {
      try {
        const metadata = await brokers.metadata(null);
        return metadata.topics
          .filter((topic) => topic.errorCode === 0 && Boolean(topic.name))
          .map(topicInfo)
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch (error) {
        throw toClusterError(error, 'listing topics');
      }
    },
    async describeTopic(name: string): Promise<TopicInfo> {
      try {
        const topic = await brokers.topic(name, true);
        if (!topic) throw unknownTopic(name);
        return topicInfo(topic);
      } catch (error) {
        throw toClusterError(error, `topic "${name}"`);
      }
    },
    async createTopic(name: string, topic: NewTopic): Promise<CreatedTopic> {
      try {
        need('createTopic');
        return await createAtController(name, topic);
      } catch (error) {
        throw toClusterError(error, `creating topic "${name}"`);
      }
    },
    async deleteTopic(name: string): Promise<void> {
      try {
        need('deleteTopic');
        await admin.deleteTopics({ topics: [name] });
      } catch (error) {
        throw toClusterError(error, `deleting topic "${name}"`);
      }
    },
    async createPartitions(name: string, totalCount: number): Promise<void> {
      try {
        need('createPartitions');
        await admin.createPartitions({ topics: [{ name, count: totalCount }] });
      } catch (error) {
        throw toClusterError(error, `adding partitions to "${name}"`);
      }
    },
    async describeTopicConfigs(name: string) {
      try {
        need('topicConfigs');
        const described = (await describeTopicConfigs(brokers, [name], { synonyms: true, documentation: true })).get(name);
        if (!described) throw unknownTopic(name);
        return described.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch (error) {
        throw toClusterError(error, `configs of "${name}"`);
      }
    },
    async alterTopicConfigs(name: string, alterations: readonly ConfigAlteration[], options?: { validateOnly?: boolean }): Promise<void> {
      const configs = alterations.map(
        (alteration): incrementalAlterConfigsV1.IncrementalAlterConfigsRequestConfig =>
          alteration.op === 'SET'
            ? { name: alteration.name, configOperation: IncrementalAlterConfigOperationTypes.SET, value: alteration.value }
            : { name: alteration.name, configOperation: IncrementalAlterConfigOperationTypes.DELETE },
      );
      try {
        need('alterConfigs');
        await admin.incrementalAlterConfigs({ resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: name, configs }], validateOnly: options?.validateOnly ?? false });
      } catch (error) {
        throw toClusterError(error, `configs of "${name}"`);
      }
    },
    async deleteRecords(topic: string, targets: readonly { partition: number; offset: number }[]) {
      try {
        need('deleteRecords');
        const metadata = await brokers.topic(topic, true);
        if (!metadata) throw unknownTopic(topic);
        const run = () => admin.deleteRecords({ topics: [{ name: topic, partitions: targets.map(({ partition, offset }) => ({ partition, offset: BigInt(offset) })) }] });
        const deleted = await run().catch((error: unknown) => {
          if (!isStaleMetadata(error)) throw error;
          admin.clearMetadata();
          return run();
        });
        const partitions = deleted.find((candidate) => candidate.name === topic)?.partitions ?? [];
        return partitions.map((partition) => ({ partition: partition.partition, logStartOffset: Number(partition.lowWatermark) })).sort((a, b) => a.partition - b.partition);
      } catch (error) {
        throw toClusterError(error, `deleting records of "${topic}"`);
      }
    },
    ...remoteGroupAdmin(brokers),
  };
}

