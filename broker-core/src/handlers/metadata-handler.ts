/**
 * Metadata (key 3), v0–v12: this broker as the whole cluster (it is its own controller), the
 * cluster id, and the requested topics. There is no storage yet, so every named topic is unknown.
 * v0 sends an empty list for "all topics"; v1+ sends null for all and [] for none.
 */
import { MetadataApi, type MetadataResponseTopic } from '../protocol/generated/index';
import { ErrorCode } from '../protocol/generated/errors';
import { ZERO_UUID } from '../protocol/primitives/reader';
import { AUTHORIZED_OPERATIONS_OMITTED, CLUSTER_OPERATIONS } from '../cluster/authorized-operations';
import { defineHandler } from './api-handler';

function unknownTopic(name: string | null, topicId: string): MetadataResponseTopic {
  return {
    errorCode: name === null ? ErrorCode.UNKNOWN_TOPIC_ID : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
    name,
    topicId,
    isInternal: false,
    partitions: [],
    topicAuthorizedOperations: AUTHORIZED_OPERATIONS_OMITTED,
  };
}

export const metadataHandler = defineHandler({
  api: MetadataApi,
  minVersion: 0,
  maxVersion: 12,
  handle(request, { broker }) {
    const requested = request.topics ?? [];
    return {
      throttleTimeMs: 0,
      brokers: [{ nodeId: broker.nodeId, host: broker.advertisedHost, port: broker.port, rack: null }],
      clusterId: broker.clusterId,
      controllerId: broker.nodeId,
      topics: requested.map((topic) => unknownTopic(topic.name, topic.name === null ? topic.topicId : ZERO_UUID)),
      clusterAuthorizedOperations: request.includeClusterAuthorizedOperations ? CLUSTER_OPERATIONS : AUTHORIZED_OPERATIONS_OMITTED,
    };
  },
});
