/**
 * CreatePartitions (key 37), v0–v3: grows topics to a new total partition count, with the checks
 * and messages of Kafka's controller: a topic named twice is INVALID_REQUEST (answered once), an
 * unknown one UNKNOWN_TOPIC_OR_PARTITION, a count that is not an increase INVALID_PARTITIONS;
 * manual assignments, if given, must be one per new partition and name only this broker
 * (INVALID_REPLICA_ASSIGNMENT). More new partitions than Kafka's per-operation record limit is
 * POLICY_VIOLATION. `validateOnly` runs every check and changes nothing. Existing partitions and
 * their records are untouched; new ones start empty at offset 0.
 */
import type { BrokerState } from '../cluster/broker-state';
import { ErrorCode } from '../protocol/generated/errors';
import { CreatePartitionsApi, type CreatePartitionsRequestCreatePartitionsTopic, type CreatePartitionsResponseCreatePartitionsTopicResult } from '../protocol/generated/index';
import { excessiveBatchRefusal, MAX_RECORDS_PER_ADMIN_OPERATION } from './admin-batch-limit';
import { adminFailure, AdminRefusal } from './admin-refusal';
import { defineHandler } from './api-handler';
import { duplicateNames } from './duplicate-names';
import { checkReplicaAssignment } from './replica-assignment';

type TopicResult = CreatePartitionsResponseCreatePartitionsTopicResult;

/** Kafka's checks of one topic; returns how many partitions it would gain, or throws its error. */
function additionalPartitions(broker: BrokerState, topic: CreatePartitionsRequestCreatePartitionsTopic): number {
  if (!broker.logs.hasTopic(topic.name)) throw new AdminRefusal(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `The topic '${topic.name}' does not exist.`);
  const current = broker.logs.describeTopic(topic.name).partitions;
  if (topic.count === current) throw new AdminRefusal(ErrorCode.INVALID_PARTITIONS, `Topic already has ${current} partition(s).`);
  if (topic.count < current) {
    throw new AdminRefusal(ErrorCode.INVALID_PARTITIONS, `The topic ${topic.name} currently has ${current} partition(s); ${topic.count} would not be an increase.`);
  }
  const additional = topic.count - current;
  if (topic.assignments !== null) {
    if (topic.assignments.length !== additional) {
      throw new AdminRefusal(
        ErrorCode.INVALID_REPLICA_ASSIGNMENT,
        `Attempted to add ${additional} additional partition(s), but only ${topic.assignments.length} assignment(s) were specified.`,
      );
    }
    for (const assignment of topic.assignments) checkReplicaAssignment(assignment.brokerIds, broker.nodeId, 1);
  }
  return additional;
}

function failed(name: string, error: unknown, broker: BrokerState): TopicResult {
  const failure = adminFailure(error, broker.logger, `adding partitions to "${name}"`);
  return { name, errorCode: failure.errorCode, errorMessage: failure.message };
}

function grow(broker: BrokerState, topic: CreatePartitionsRequestCreatePartitionsTopic, validateOnly: boolean, clientId: string | null): TopicResult {
  try {
    const before = broker.logs.describeTopic(topic.name).partitions;
    broker.logs.createPartitions(topic.name, topic.count, { validateOnly });
    if (!validateOnly) broker.logger.info(`topic "${topic.name}" grown from ${before} to ${topic.count} partitions for client ${clientId ?? '(no client id)'}`);
    return { name: topic.name, errorCode: ErrorCode.NONE, errorMessage: null };
  } catch (error) {
    return failed(topic.name, error, broker);
  }
}

type Outcome = { topic: CreatePartitionsRequestCreatePartitionsTopic; additional: number } | { refused: TopicResult };

export const createPartitionsHandler = defineHandler({
  api: CreatePartitionsApi,
  minVersion: 0,
  maxVersion: 3,
  handle(request, { broker, clientId }) {
    const duplicates = duplicateNames(request.topics.map((topic) => topic.name));
    const unique = request.topics.filter((topic) => !duplicates.has(topic.name));
    const duplicateResults: TopicResult[] = [...duplicates].map((name) => ({ name, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Duplicate topic name.' }));
    const outcomes = unique.map((topic): Outcome => {
      try {
        return { topic, additional: additionalPartitions(broker, topic) };
      } catch (error) {
        return { refused: failed(topic.name, error, broker) };
      }
    });
    const records = outcomes.reduce((sum, outcome) => ('additional' in outcome ? sum + outcome.additional : sum), 0);
    if (records > MAX_RECORDS_PER_ADMIN_OPERATION) {
      const refusal = excessiveBatchRefusal(records);
      return { throttleTimeMs: 0, results: [...unique.map((topic) => failed(topic.name, refusal, broker)), ...duplicateResults] };
    }
    const results = outcomes.map((outcome) => ('additional' in outcome ? grow(broker, outcome.topic, request.validateOnly, clientId) : outcome.refused));
    return { throttleTimeMs: 0, results: [...results, ...duplicateResults] };
  },
});
