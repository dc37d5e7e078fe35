/**
 * DeleteTopics (key 20), v0–v6: topics by name (v0–v5 `topicNames`; v6 `topics` with a name) or,
 * from v6, by topic id. As in Kafka's controller: a name or id given twice is answered once with
 * INVALID_REQUEST and not deleted; an entry with both a name and an id, or neither, is
 * INVALID_REQUEST; an unknown name is UNKNOWN_TOPIC_OR_PARTITION, an unknown id UNKNOWN_TOPIC_ID.
 * A deleted topic is gone at once (its partitions' readers get UNKNOWN_TOPIC_OR_PARTITION; the
 * files are removed in the background, see log-manager.ts).
 */
import type { BrokerState } from '../cluster/broker-state';
import { ErrorCode } from '../protocol/generated/errors';
import { DeleteTopicsApi, type DeleteTopicsResponseDeletableTopicResult } from '../protocol/generated/index';
import { ZERO_UUID } from '../protocol/primitives/reader';
import { adminFailure } from './admin-refusal';
import { defineHandler } from './api-handler';
import { duplicateNames } from './duplicate-names';

type TopicResult = DeleteTopicsResponseDeletableTopicResult;

function result(name: string | null, topicId: string, errorCode: number, errorMessage: string | null): TopicResult {
  return { name, topicId, errorCode, errorMessage };
}

function deleteByName(broker: BrokerState, name: string, clientId: string | null): TopicResult {
  if (!broker.logs.hasTopic(name)) {
    return result(name, ZERO_UUID, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `This server does not host this topic-partition: topic "${name}" does not exist.`);
  }
  const topicId = broker.logs.describeTopic(name).topicId;
  try {
    broker.logs.deleteTopic(name);
    broker.logger.info(`deleted topic "${name}" for client ${clientId ?? '(no client id)'}`);
    return result(name, topicId, ErrorCode.NONE, null);
  } catch (error) {
    const failure = adminFailure(error, broker.logger, `deleting topic "${name}"`);
    return result(name, topicId, failure.errorCode, failure.message);
  }
}

function deleteById(broker: BrokerState, topicId: string, clientId: string | null): TopicResult {
  const name = broker.logs.topicNameById(topicId);
  if (name === undefined) {
    return result(null, topicId, ErrorCode.UNKNOWN_TOPIC_ID, `This server does not host this topic ID: no topic has id ${topicId}.`);
  }
  return deleteByName(broker, name, clientId);
}

export const deleteTopicsHandler = defineHandler({
  api: DeleteTopicsApi,
  minVersion: 0,
  maxVersion: 6,
  handle(request, { broker, apiVersion, clientId }) {
    const responses: TopicResult[] = [];
    const names: string[] = apiVersion < 6 ? [...request.topicNames] : [];
    const ids: string[] = [];
    for (const topic of apiVersion >= 6 ? request.topics : []) {
      const hasId = topic.topicId !== ZERO_UUID;
      if (topic.name === null && !hasId) responses.push(result(null, ZERO_UUID, ErrorCode.INVALID_REQUEST, 'Neither topic name nor id were specified.'));
      else if (topic.name !== null && hasId) responses.push(result(topic.name, topic.topicId, ErrorCode.INVALID_REQUEST, 'You may not specify both topic name and topic id.'));
      else if (topic.name !== null) names.push(topic.name);
      else ids.push(topic.topicId);
    }
    const duplicateNamesGiven = duplicateNames(names);
    const duplicateIdsGiven = duplicateNames(ids);
    for (const name of new Set(names)) {
      if (!duplicateNamesGiven.has(name)) responses.push(deleteByName(broker, name, clientId));
    }
    for (const id of new Set(ids)) {
      if (!duplicateIdsGiven.has(id)) responses.push(deleteById(broker, id, clientId));
    }
    for (const name of duplicateNamesGiven) responses.push(result(name, ZERO_UUID, ErrorCode.INVALID_REQUEST, 'Duplicate topic name.'));
    for (const id of duplicateIdsGiven) responses.push(result(null, id, ErrorCode.INVALID_REQUEST, 'Duplicate topic id.'));
    return { throttleTimeMs: 0, responses };
  },
});
