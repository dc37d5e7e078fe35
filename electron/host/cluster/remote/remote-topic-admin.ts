/**
 * A remote cluster's topic administration (cluster-admin.ts), by requests this console writes at
 * each broker's versions (kafka-request.ts): CreateTopics, DeleteTopics and CreatePartitions at
 * the controller (asked again once if it moved), IncrementalAlterConfigs at any broker, and
 * DeleteRecords at each partition's leader. What the cluster does not offer, or offers too old
 * for what is asked (validate-only before CreateTopics v1, the cluster's defaults before v4), is
 * refused in words before anything is sent. Every failure is a ClusterError with Kafka's error
 * name and the cluster's message.
 */
import type { Connection } from '@platformatic/kafka';
import { ZERO_UUID } from '../../../../broker-core/src/protocol/index';
import type { ClusterFeature } from '../../../contract';
import type { BrokerConnections } from './broker-connections';
import { clientFailure, toClusterError } from './client-errors';
import { requireFeature } from './feature-support';
import { ask, kafkaError, OWN_APIS } from './kafka-request';
import { ClusterError, type ClusterAdmin, type ConfigAlteration, type CreatedTopic, type NewTopic } from '../cluster-admin';

type TopicAdmin = Pick<ClusterAdmin, 'createTopic' | 'deleteTopic' | 'createPartitions' | 'alterTopicConfigs' | 'deleteRecords'>;

const TOPIC_RESOURCE = 2;
const SET = 0;
const DELETE = 1;
/** CreateTopics v1 brought validate-only; v4 the cluster's defaults (-1) for partitions and replication. */
const FIRST_VALIDATE_ONLY = 1;
const FIRST_WITH_DEFAULTS = 4;

export function remoteTopicAdmin(brokers: BrokerConnections, requestTimeoutMs: number): TopicAdmin {
  const need = (feature: ClusterFeature) => requireFeature(brokers.versions, feature);
  const unknownTopic = (name: string) => new ClusterError('UNKNOWN_TOPIC_OR_PARTITION', `topic "${name}" does not exist`);

  /** `request` at the controller (any broker if the cluster names none), asked again once if it moved. */
  const atController = async <T>(request: (connection: Connection) => Promise<T>): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      const { controllerId } = await brokers.metadata([]);
      try {
        return await request(controllerId >= 0 ? await brokers.node(controllerId) : await brokers.any());
      } catch (error) {
        const failure = clientFailure(error);
        if (attempt === 0 && failure.kind === 'kafka' && failure.name === 'NOT_CONTROLLER') continue;
        throw error;
      }
    }
  };

  return {
    async createTopic(name: string, topic: NewTopic): Promise<CreatedTopic> {
      try {
        need('createTopic');
        const validateOnly = topic.validateOnly ?? false;
        const partitions = topic.partitions ?? -1;
        const replicationFactor = topic.replicationFactor ?? -1;
        return await atController(async (connection) => {
          const version = await brokers.versionOn(connection, OWN_APIS.createTopics);
          if (validateOnly && version < FIRST_VALIDATE_ONLY) throw new ClusterError('UNSUPPORTED_VERSION', 'this cluster cannot check a topic without creating it (CreateTopics v0: Kafka before 0.10.2)');
          if ((partitions < 0 || replicationFactor < 0) && version < FIRST_WITH_DEFAULTS) {
            throw new ClusterError('INVALID_REQUEST', 'this cluster (before Kafka 2.4) has no defaults for new topics: give the partition count and the replication factor');
          }
          const answer = await ask(connection, OWN_APIS.createTopics, version, {
            topics: [{ name, numPartitions: partitions, replicationFactor, assignments: [], configs: Object.entries(topic.configs ?? {}).map(([key, value]) => ({ name: key, value })) }],
            timeoutMs: requestTimeoutMs,
            validateOnly,
          });
          const created = answer.topics.find((candidate) => candidate.name === name);
          if (!created) throw new ClusterError('UNKNOWN_SERVER_ERROR', `the cluster's answer says nothing of topic "${name}"`);
          if (created.errorCode !== 0) throw kafkaError(created.errorCode, created.errorMessage ?? `topic "${name}"`);
          return {
            name,
            topicId: validateOnly || created.topicId === ZERO_UUID ? null : created.topicId,
            partitions: created.numPartitions > 0 ? created.numPartitions : partitions,
          };
        });
      } catch (error) {
        throw toClusterError(error, `creating topic "${name}"`);
      }
    },
    async deleteTopic(name: string): Promise<void> {
      try {
        need('deleteTopic');
        await atController(async (connection) => {
          const version = await brokers.versionOn(connection, OWN_APIS.deleteTopics);
          const answer = await ask(connection, OWN_APIS.deleteTopics, version, { topics: [{ name, topicId: ZERO_UUID }], topicNames: [name], timeoutMs: requestTimeoutMs });
          const result = answer.responses.find((candidate) => candidate.name === name);
          if (result && result.errorCode !== 0) throw kafkaError(result.errorCode, result.errorMessage ?? `topic "${name}"`);
        });
      } catch (error) {
        throw toClusterError(error, `deleting topic "${name}"`);
      }
    },
    async createPartitions(name: string, totalCount: number): Promise<void> {
      try {
        need('createPartitions');
        await atController(async (connection) => {
          const version = await brokers.versionOn(connection, OWN_APIS.createPartitions);
          const answer = await ask(connection, OWN_APIS.createPartitions, version, { topics: [{ name, count: totalCount, assignments: null }], timeoutMs: requestTimeoutMs, validateOnly: false });
          const result = answer.results.find((candidate) => candidate.name === name);
          if (result && result.errorCode !== 0) throw kafkaError(result.errorCode, result.errorMessage ?? `topic "${name}"`);
        });
      } catch (error) {
        throw toClusterError(error, `adding partitions to "${name}"`);
      }
    },
    async alterTopicConfigs(name: string, alterations: readonly ConfigAlteration[], options?: { validateOnly?: boolean }): Promise<void> {
      try {
        need('alterConfigs');
        const connection = await brokers.any();
        const version = await brokers.versionOn(connection, OWN_APIS.incrementalAlterConfigs);
        const configs = alterations.map((alteration) => (alteration.op === 'SET' ? { name: alteration.name, configOperation: SET, value: alteration.value } : { name: alteration.name, configOperation: DELETE, value: null }));
        const answer = await ask(connection, OWN_APIS.incrementalAlterConfigs, version, { resources: [{ resourceType: TOPIC_RESOURCE, resourceName: name, configs }], validateOnly: options?.validateOnly ?? false });
        const result = answer.responses.find((candidate) => candidate.resourceName === name);
        if (result && result.errorCode !== 0) throw kafkaError(result.errorCode, result.errorMessage ?? `configs of "${name}"`);
      } catch (error) {
        throw toClusterError(error, `configs of "${name}"`);
      }
    },
    async deleteRecords(topic: string, targets: readonly { partition: number; offset: number }[]) {
      try {
        need('deleteRecords');
        if (!(await brokers.topic(topic, true))) throw unknownTopic(topic);
        const missing = (what: 'topic' | 'partition', count: number) => (what === 'topic' ? unknownTopic(topic) : new ClusterError('UNKNOWN_TOPIC_OR_PARTITION', `topic "${topic}" has no such partition (it has ${count})`));
        const deleted = await Promise.all(
          targets.map(({ partition, offset }) =>
            brokers.onLeader(topic, partition, missing, async (connection) => {
              const version = await brokers.versionOn(connection, OWN_APIS.deleteRecords);
              const answer = await ask(connection, OWN_APIS.deleteRecords, version, { topics: [{ name: topic, partitions: [{ partitionIndex: partition, offset: BigInt(offset) }] }], timeoutMs: requestTimeoutMs });
              const result = answer.topics.find((candidate) => candidate.name === topic)?.partitions.find((candidate) => candidate.partitionIndex === partition);
              if (!result) throw new ClusterError('UNKNOWN_SERVER_ERROR', `the leader of ${topic}-${partition} gave no answer for it`);
              if (result.errorCode !== 0) throw kafkaError(result.errorCode, `deleting records of ${topic}-${partition}`);
              return { partition, logStartOffset: Number(result.lowWatermark) };
            }),
          ),
        );
        return deleted.sort((a, b) => a.partition - b.partition);
      } catch (error) {
        throw toClusterError(error, `deleting records of "${topic}"`);
      }
    },
  };
}
