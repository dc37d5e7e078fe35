/**
 * Metadata (key 3), v0–v12: this broker as the whole cluster (it is its own controller and the
 * leader of every partition), the cluster id, and the topics asked for — all of them when the
 * request says so (v0: an empty list; v1+: null). A named topic that does not exist is created
 * when auto-creation is allowed (by the request, v4+, and by `auto.create.topics.enable`), as in
 * Kafka; v10+ may name topics by id instead.
 */
import { AUTHORIZED_OPERATIONS_OMITTED, CLUSTER_OPERATIONS, TOPIC_OPERATIONS } from '../cluster/authorized-operations';
import type { BrokerState } from '../cluster/broker-state';
import { ErrorCode } from '../protocol/generated/errors';
import { MetadataApi, type MetadataRequest, type MetadataResponseTopic } from '../protocol/generated/index';
import { ZERO_UUID } from '../protocol/primitives/reader';
import { defineHandler } from './api-handler';
import { ensureTopic } from './topic-auto-create';

function topicMetadata(broker: BrokerState, name: string, includeOperations: boolean): MetadataResponseTopic {
  const topic = broker.logs.describeTopic(name);
  const partitions = [];
  for (let index = 0; index < topic.partitions; index++) {
    partitions.push({
      errorCode: ErrorCode.NONE,
      partitionIndex: index,
      leaderId: broker.nodeId,
      leaderEpoch: 0,
      replicaNodes: [broker.nodeId],
      isrNodes: [broker.nodeId],
      offlineReplicas: [],
    });
  }
  return {
    errorCode: ErrorCode.NONE,
    name,
    topicId: topic.topicId,
    isInternal: false,
    partitions,
    topicAuthorizedOperations: includeOperations ? TOPIC_OPERATIONS : AUTHORIZED_OPERATIONS_OMITTED,
  };
}

function failedTopic(errorCode: number, name: string | null, topicId: string): MetadataResponseTopic {
  return { errorCode, name, topicId, isInternal: false, partitions: [], topicAuthorizedOperations: AUTHORIZED_OPERATIONS_OMITTED };
}

function requestedTopics(request: MetadataRequest, version: number, broker: BrokerState): MetadataResponseTopic[] {
  const includeOperations = request.includeTopicAuthorizedOperations;
  const all = request.topics === null || (version === 0 && request.topics.length === 0);
  if (all) return broker.logs.topics().map((topic) => topicMetadata(broker, topic.name, includeOperations));
  const allowAutoCreate = version < 4 || request.allowAutoTopicCreation;
  return request.topics!.map((wanted) => {
    if (wanted.name === null) {
      // Kafka refuses topic ids before v12; a v10-11 response cannot even carry a null name.
      if (version < 12) return failedTopic(ErrorCode.INVALID_REQUEST, '', wanted.topicId);
      const name = broker.logs.topicNameById(wanted.topicId);
      return name !== undefined ? topicMetadata(broker, name, includeOperations) : failedTopic(ErrorCode.UNKNOWN_TOPIC_ID, null, wanted.topicId);
    }
    const presence = ensureTopic(broker, wanted.name, allowAutoCreate);
    return presence.exists ? topicMetadata(broker, wanted.name, includeOperations) : failedTopic(presence.errorCode, wanted.name, ZERO_UUID);
  });
}

export const metadataHandler = defineHandler({
  api: MetadataApi,
  minVersion: 0,
  maxVersion: 12,
  handle(request, { broker, apiVersion, advertised }) {
    return {
      throttleTimeMs: 0,
      // Each listener answers with its own endpoint, as Kafka does: a client stays on the listener it came through.
      brokers: [{ nodeId: broker.nodeId, host: advertised.host, port: advertised.port, rack: null }],
      clusterId: broker.clusterId,
      controllerId: broker.nodeId,
      topics: requestedTopics(request, apiVersion, broker),
      clusterAuthorizedOperations: request.includeClusterAuthorizedOperations ? CLUSTER_OPERATIONS : AUTHORIZED_OPERATIONS_OMITTED,
    };
  },
});
