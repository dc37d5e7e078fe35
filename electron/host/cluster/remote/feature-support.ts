/**
 * What a cluster can do for this console, from its ApiVersions answer. Every request the console
 * sends is its own, at the cluster's versions (kafka-request.ts): a feature is missing when the
 * cluster does not offer one of its APIs at a version the console speaks (an older Kafka, or a
 * Kafka-compatible service without some APIs). Browsing needs Metadata, ListOffsets and Fetch,
 * checked at connect (diagnosis-api-versions.ts); everything else is a feature here, refused in
 * words before anything is sent (UNSUPPORTED_VERSION) and listed for the views, which disable it.
 */
import type { ClusterFeature } from '../../../contract';
import type { ClusterFeatureLimit } from '../cluster';
import { ClusterError } from '../cluster-admin';
import { OWN_APIS, versionProblem, type ApiVersionTable, type OwnApi } from './kafka-request';

/** What each feature sends. */
const FEATURE_APIS: Record<ClusterFeature, readonly OwnApi<unknown, unknown>[]> = {
  topicConfigs: [OWN_APIS.describeConfigs],
  createTopic: [OWN_APIS.createTopics],
  deleteTopic: [OWN_APIS.deleteTopics],
  createPartitions: [OWN_APIS.createPartitions],
  alterConfigs: [OWN_APIS.incrementalAlterConfigs],
  deleteRecords: [OWN_APIS.deleteRecords],
  listGroups: [OWN_APIS.listGroups],
  describeGroup: [OWN_APIS.findCoordinator, OWN_APIS.describeGroups],
  groupOffsets: [OWN_APIS.findCoordinator, OWN_APIS.offsetFetch],
  alterGroupOffsets: [OWN_APIS.findCoordinator, OWN_APIS.offsetCommit],
  deleteGroup: [OWN_APIS.findCoordinator, OWN_APIS.deleteGroups],
  produce: [OWN_APIS.produce, OWN_APIS.initProducerId],
} as Record<ClusterFeature, readonly OwnApi<unknown, unknown>[]>;

/** Each feature as the action a user tries. */
const FEATURE_WORDS: Record<ClusterFeature, string> = {
  topicConfigs: "Reading a topic's configs",
  createTopic: 'Creating a topic',
  deleteTopic: 'Deleting a topic',
  createPartitions: 'Adding partitions',
  alterConfigs: "Changing a topic's configs",
  deleteRecords: 'Deleting records',
  listGroups: 'Listing groups',
  describeGroup: 'Describing a group',
  groupOffsets: "Reading a group's offsets",
  alterGroupOffsets: "Changing a group's offsets",
  deleteGroup: 'Deleting a group',
  produce: 'Producing',
};

/** Every feature, in the order the views show them. */
export const FEATURES = Object.keys(FEATURE_WORDS) as ClusterFeature[];

/** Why the cluster cannot do `feature` for the console, in words; null when it can. */
export function featureProblem(table: ApiVersionTable, feature: ClusterFeature): string | null {
  for (const api of FEATURE_APIS[feature]) {
    const problem = versionProblem(table, api);
    if (problem) return problem;
  }
  return null;
}

const unavailable = (feature: ClusterFeature, problem: string) => `${FEATURE_WORDS[feature]} is not available on this cluster: ${problem}`;

/** Throws UNSUPPORTED_VERSION naming `feature` when the cluster cannot do it, before anything is sent. */
export function requireFeature(table: ApiVersionTable, feature: ClusterFeature): void {
  const problem = featureProblem(table, feature);
  if (problem) throw new ClusterError('UNSUPPORTED_VERSION', unavailable(feature, problem));
}

/** Everything the cluster with `table` cannot do for this console, each with why: the views disable those actions. */
export function unavailableFeatures(table: ApiVersionTable): ClusterFeatureLimit[] {
  const limits: ClusterFeatureLimit[] = [];
  for (const feature of FEATURES) {
    const problem = featureProblem(table, feature);
    if (problem) limits.push({ feature, reason: unavailable(feature, problem) });
  }
  return limits;
}
