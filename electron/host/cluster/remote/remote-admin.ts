/**
 * A remote cluster's metadata and admin operations (cluster-admin.ts): the cluster and its topics
 * from Metadata at the cluster's version (internal topics, and topic ids from v10), offsets by
 * ListOffsets (offset-ranges.ts), configs by DescribeConfigs (config-entries.ts), and the rest:
 * topic administration (remote-topic-admin.ts) and groups (remote-group-admin.ts). Every request
 * is the console's own, at each broker's versions; what the cluster does not offer is refused in
 * words before anything is sent (feature-support.ts). Every failure is a ClusterError with
 * Kafka's error name and the cluster's message.
 */
import type { BrokerConnections } from './broker-connections';
import { clientFailure, toClusterError } from './client-errors';
import { describeTopicConfigs } from './config-entries';
import { featureProblem, requireFeature } from './feature-support';
import { offsetRanges } from './offset-ranges';
import { remoteGroupAdmin } from './remote-group-admin';
import { remoteTopicAdmin } from './remote-topic-admin';
import { clusterDescription, topicInfo } from './topic-info';
import { ClusterError, type ClusterAdmin, type TopicInfo } from '../cluster-admin';

export function remoteClusterAdmin(brokers: BrokerConnections, requestTimeoutMs: number): ClusterAdmin {
  const unknownTopic = (name: string) => new ClusterError('UNKNOWN_TOPIC_OR_PARTITION', `topic "${name}" does not exist`);

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
    async describeTopicConfigs(name: string) {
      try {
        requireFeature(brokers.versions, 'topicConfigs');
        const described = (await describeTopicConfigs(brokers, [name], { synonyms: true, documentation: true })).get(name);
        if (!described) throw unknownTopic(name);
        return described.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch (error) {
        throw toClusterError(error, `configs of "${name}"`);
      }
    },
    ...remoteTopicAdmin(brokers, requestTimeoutMs),
    ...remoteGroupAdmin(brokers),
  };
}

