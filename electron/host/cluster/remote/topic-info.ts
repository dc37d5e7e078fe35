/**
 * A Metadata answer in the seam's terms (cluster-admin.ts): topics with their partitions in order
 * and Kafka's topic id as Kafka prints it (URL-safe base64 of the 16 bytes; null before Metadata
 * v10 or for the zero id), and the cluster's brokers.
 */
import { ZERO_UUID } from '../../../../broker-core/src/protocol/index';
import type { MetadataResponse, MetadataResponseTopic } from './broker-connections';
import type { ClusterDescription, TopicInfo } from '../cluster-admin';

export function topicInfo(topic: MetadataResponseTopic): TopicInfo {
  return {
    name: topic.name ?? '',
    topicId: topic.topicId === ZERO_UUID ? null : topic.topicId,
    internal: topic.isInternal,
    partitions: [...topic.partitions]
      .sort((a, b) => a.partitionIndex - b.partitionIndex)
      .map((partition) => ({ partition: partition.partitionIndex, leader: partition.leaderId, replicas: partition.replicaNodes, isr: partition.isrNodes })),
  };
}

export function clusterDescription(metadata: MetadataResponse): ClusterDescription {
  return {
    clusterId: metadata.clusterId ?? null,
    controllerId: metadata.controllerId < 0 ? null : metadata.controllerId,
    brokers: metadata.brokers.map((broker) => ({ nodeId: broker.nodeId, host: broker.host, port: broker.port, rack: broker.rack ?? null })).sort((a, b) => a.nodeId - b.nodeId),
  };
}
