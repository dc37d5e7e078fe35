/**
 * CreateTopics (key 19), v0–v7, checked in the order and with the errors of Kafka's controller:
 * a name given twice in one request (INVALID_REQUEST, answered once, after the others), an
 * illegal name (INVALID_TOPIC_EXCEPTION), an existing topic (TOPIC_ALREADY_EXISTS), configs
 * (INVALID_CONFIG), then partitions and replicas. A single broker holds one replica of each
 * partition: replication factor -1 (the default) or 1; more is INVALID_REPLICATION_FACTOR. Manual
 * assignments (with numPartitions and replicationFactor -1) may only name this broker, once per
 * partition, for partitions 0..n-1. A request that would write more than Kafka's per-operation
 * record limit is refused whole (admin-batch-limit.ts).
 *
 * `validateOnly` (v1+) runs every check and changes nothing. v5+ answers with the partitions,
 * replication factor and every config in force (as DescribeConfigs shows them, without synonyms);
 * v7 with the topic id.
 */
import type { BrokerState } from '../cluster/broker-state';
import { ErrorCode } from '../protocol/generated/errors';
import {
  CreateTopicsApi,
  type CreateTopicsRequestCreatableTopic,
  type CreateTopicsResponseCreatableTopicConfigs,
  type CreateTopicsResponseCreatableTopicResult,
} from '../protocol/generated/index';
import { ZERO_UUID } from '../protocol/primitives/reader';
import { CONFIG_SOURCE_IDS, describeTopicConfigs, validateTopicConfigs } from '../storage/topic-config';
import { validateTopicName } from '../storage/topic-name';
import { excessiveBatchRefusal, MAX_RECORDS_PER_ADMIN_OPERATION } from './admin-batch-limit';
import { adminFailure, AdminRefusal } from './admin-refusal';
import { defineHandler } from './api-handler';
import { duplicateNames } from './duplicate-names';
import { checkReplicaAssignment } from './replica-assignment';

type TopicResult = CreateTopicsResponseCreatableTopicResult;

/** A topic that passed every check: what to create. */
interface PlannedTopic {
  name: string;
  partitions: number;
  configs: Record<string, string>;
}

function failed(name: string, errorCode: number, errorMessage: string): TopicResult {
  return { name, topicId: ZERO_UUID, errorCode, errorMessage, topicConfigErrorCode: ErrorCode.NONE, numPartitions: -1, replicationFactor: -1, configs: [] };
}

/** The partition count a topic gets, or a refusal (Kafka's checks and messages). */
function partitionCount(topic: CreateTopicsRequestCreatableTopic, broker: BrokerState): number {
  const { numPartitions, replicationFactor, assignments } = topic;
  if (assignments.length > 0) {
    if (replicationFactor !== -1) {
      throw new AdminRefusal(ErrorCode.INVALID_REQUEST, 'A manual partition assignment was specified, but replication factor was not set to -1.');
    }
    if (numPartitions !== -1) throw new AdminRefusal(ErrorCode.INVALID_REQUEST, 'A manual partition assignment was specified, but numPartitions was not set to -1.');
    const assigned = new Set<number>();
    for (const assignment of assignments) {
      if (assigned.has(assignment.partitionIndex)) {
        throw new AdminRefusal(ErrorCode.INVALID_REPLICA_ASSIGNMENT, `Found multiple manual partition assignments for partition ${assignment.partitionIndex}`);
      }
      checkReplicaAssignment(assignment.brokerIds, broker.nodeId, assigned.size === 0 ? null : 1);
      assigned.add(assignment.partitionIndex);
    }
    for (let index = 0; index < assigned.size; index++) {
      if (!assigned.has(index)) throw new AdminRefusal(ErrorCode.INVALID_REPLICA_ASSIGNMENT, 'partitions should be a consecutive 0-based integer sequence');
    }
    return assigned.size;
  }
  if (replicationFactor === 0 || replicationFactor < -1) {
    throw new AdminRefusal(ErrorCode.INVALID_REPLICATION_FACTOR, 'Replication factor must be larger than 0, or -1 to use the default value.');
  }
  if (numPartitions === 0 || numPartitions < -1) {
    throw new AdminRefusal(ErrorCode.INVALID_PARTITIONS, 'Number of partitions must be larger than 0, or -1 to use the default value.');
  }
  const replicas = replicationFactor === -1 ? broker.config.getInt('default.replication.factor') : replicationFactor;
  if (replicas > 1) {
    throw new AdminRefusal(
      ErrorCode.INVALID_REPLICATION_FACTOR,
      `Unable to replicate the partition ${replicas} time(s): The target replication factor of ${replicas} cannot be reached because only 1 broker(s) are registered.`,
    );
  }
  return numPartitions === -1 ? broker.config.getInt('num.partitions') : numPartitions;
}

/** Everything Kafka checks before it creates a topic; throws the topic's error. */
function plan(topic: CreateTopicsRequestCreatableTopic, broker: BrokerState): PlannedTopic {
  validateTopicName(topic.name);
  if (broker.logs.hasTopic(topic.name)) throw new AdminRefusal(ErrorCode.TOPIC_ALREADY_EXISTS, `Topic '${topic.name}' already exists.`);
  const configs = validateTopicConfigs(Object.fromEntries(topic.configs.map((config) => [config.name, config.value])));
  return { name: topic.name, partitions: partitionCount(topic, broker), configs };
}

function describedConfigs(broker: BrokerState, name: string, overrides: Readonly<Record<string, string>>): CreateTopicsResponseCreatableTopicConfigs[] {
  return describeTopicConfigs(name, overrides, broker.config).map((entry) => ({
    name: entry.name,
    value: entry.sensitive ? null : entry.value,
    readOnly: entry.readOnly,
    configSource: CONFIG_SOURCE_IDS[entry.source],
    isSensitive: entry.sensitive,
  }));
}

function create(broker: BrokerState, planned: PlannedTopic, validateOnly: boolean, clientId: string | null): TopicResult {
  try {
    const created = broker.logs.createTopic(planned.name, { partitions: planned.partitions, replicationFactor: 1, configs: planned.configs, validateOnly });
    if (!validateOnly) {
      broker.logger.info(`created topic "${created.name}" with ${created.partitions} partition(s) for client ${clientId ?? '(no client id)'}`);
    }
    return {
      name: created.name,
      topicId: created.topicId,
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      topicConfigErrorCode: ErrorCode.NONE,
      numPartitions: created.partitions,
      replicationFactor: 1,
      configs: describedConfigs(broker, created.name, created.configs),
    };
  } catch (error) {
    const failure = adminFailure(error, broker.logger, `creating topic "${planned.name}"`);
    return failed(planned.name, failure.errorCode, failure.message);
  }
}

type Outcome = { planned: PlannedTopic } | { refused: TopicResult };

export const createTopicsHandler = defineHandler({
  api: CreateTopicsApi,
  minVersion: 0,
  maxVersion: 7,
  handle(request, { broker, clientId }) {
    const duplicates = duplicateNames(request.topics.map((topic) => topic.name));
    const unique = request.topics.filter((topic) => !duplicates.has(topic.name));
    const duplicateResults = [...duplicates].map((name) => failed(name, ErrorCode.INVALID_REQUEST, 'Duplicate topic name.'));
    const outcomes = unique.map((topic): Outcome => {
      try {
        return { planned: plan(topic, broker) };
      } catch (error) {
        const failure = adminFailure(error, broker.logger, `checking new topic "${topic.name}"`);
        return { refused: failed(topic.name, failure.errorCode, failure.message) };
      }
    });
    const records = outcomes.reduce((sum, outcome) => ('planned' in outcome ? sum + 1 + outcome.planned.partitions + Object.keys(outcome.planned.configs).length : sum), 0);
    if (records > MAX_RECORDS_PER_ADMIN_OPERATION) {
      const refusal = excessiveBatchRefusal(records);
      return { throttleTimeMs: 0, topics: [...unique.map((topic) => failed(topic.name, refusal.errorCode, refusal.message)), ...duplicateResults] };
    }
    const topics = outcomes.map((outcome) => ('planned' in outcome ? create(broker, outcome.planned, request.validateOnly, clientId) : outcome.refused));
    return { throttleTimeMs: 0, topics: [...topics, ...duplicateResults] };
  },
});
