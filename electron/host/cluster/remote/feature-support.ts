/**
 * What a cluster can do for this console, from its ApiVersions answer. Reads, produce, topic
 * configs and consumer groups are requests the console writes itself at the cluster's versions
 * (kafka-request.ts): a feature is missing when the cluster does not offer one of its APIs at a
 * version the console speaks. Topic administration (changing configs, creating and deleting
 * topics and partitions, deleting records) goes through the Kafka client (@platformatic/kafka), which first asks the cluster's
 * versions with ApiVersions v3 (Kafka 2.4) and speaks each API only from a lowest version
 * (client-protocol-minimums.ts). A feature the cluster cannot serve is refused in words, before
 * anything is sent, with UNSUPPORTED_VERSION, and listed for the views, which disable it.
 */
import type { ClusterFeature } from '../../../contract';
import type { ClusterFeatureLimit } from '../cluster';
import { ClusterError } from '../cluster-admin';
import { CLIENT_API_VERSIONS, kafkaReleaseFor } from './client-protocol-minimums';
import { negotiatedVersion, OWN_APIS, type ApiVersionTable, type OwnApi } from './kafka-request';

const API_VERSIONS_KEY = 18;
/** The client's first request to a cluster, for the rest of its versions. */
const CLIENT_API_VERSIONS_VERSION = 3;

export interface ClientApiUse {
  /** The APIs the feature sends through the client. */
  apis: readonly string[];
  /** Whether it goes through one of the client's clients (Admin), which ask ApiVersions v3 first; false for a request sent alone on a connection. */
  viaClient: boolean;
}

/** What each topic administration feature sends through the client. */
export const CLIENT_FEATURES = {
  createTopic: { apis: ['CreateTopics'], viaClient: false },
  deleteTopic: { apis: ['DeleteTopics'], viaClient: true },
  createPartitions: { apis: ['CreatePartitions'], viaClient: true },
  alterConfigs: { apis: ['IncrementalAlterConfigs'], viaClient: true },
  deleteRecords: { apis: ['DeleteRecords'], viaClient: true },
} as const satisfies Partial<Record<ClusterFeature, ClientApiUse>>;

export type ClientFeature = keyof typeof CLIENT_FEATURES;

/** What each feature the console serves itself sends (browsing needs Metadata, ListOffsets and Fetch, checked at connect). */
const OWN_FEATURES: Partial<Record<ClusterFeature, readonly OwnApi<unknown, unknown>[]>> = {
  topicConfigs: [OWN_APIS.describeConfigs],
  listGroups: [OWN_APIS.listGroups],
  describeGroup: [OWN_APIS.findCoordinator, OWN_APIS.describeGroups],
  groupOffsets: [OWN_APIS.findCoordinator, OWN_APIS.offsetFetch],
  alterGroupOffsets: [OWN_APIS.findCoordinator, OWN_APIS.offsetCommit],
  deleteGroup: [OWN_APIS.findCoordinator, OWN_APIS.deleteGroups],
  produce: [OWN_APIS.produce, OWN_APIS.initProducerId],
} as Partial<Record<ClusterFeature, readonly OwnApi<unknown, unknown>[]>>;

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

/** Why the cluster cannot serve `use` through the client, in words; null when it can. */
export function clientApiProblem(table: ApiVersionTable, use: ClientApiUse): string | null {
  const apiVersions = table.get(API_VERSIONS_KEY);
  if (use.viaClient && (!apiVersions || apiVersions.max < CLIENT_API_VERSIONS_VERSION)) {
    return `Kafka 2.4 or later is needed (ApiVersions v3, which this console's Kafka client asks first); the cluster offers ApiVersions up to v${apiVersions?.max ?? '?'}`;
  }
  for (const name of use.apis) {
    const client = CLIENT_API_VERSIONS.find((candidate) => candidate.name === name);
    if (!client) throw new Error(`unknown Kafka API ${name}`);
    const offered = table.get(client.key);
    if (!offered) return `the cluster does not offer ${name}`;
    if (offered.max < client.min) return `the cluster offers ${name} up to v${offered.max}; v${client.min} is needed (${kafkaReleaseFor(name, client.min)})`;
    if (offered.min > client.max) return `the cluster offers ${name} from v${offered.min} only; this console's Kafka client speaks up to v${client.max}`;
  }
  return null;
}

/** Why the cluster cannot take `apis` from the console, in words; null when it can. */
function ownApiProblem(table: ApiVersionTable, apis: readonly OwnApi<unknown, unknown>[]): string | null {
  for (const api of apis) {
    try {
      negotiatedVersion(table, api);
    } catch (error) {
      return (error as { serverErrorMessage?: string }).serverErrorMessage ?? String(error);
    }
  }
  return null;
}

/** Why the cluster cannot do `feature` for the console; null when it can. */
export function featureProblem(table: ApiVersionTable, feature: ClusterFeature): string | null {
  const client = (CLIENT_FEATURES as Partial<Record<ClusterFeature, ClientApiUse>>)[feature];
  if (client) return clientApiProblem(table, client);
  const own = OWN_FEATURES[feature];
  return own ? ownApiProblem(table, own) : null;
}

const unavailable = (feature: ClusterFeature, problem: string) => `${FEATURE_WORDS[feature]} is not available on this cluster: ${problem}`;

/** Throws UNSUPPORTED_VERSION naming `feature` when the cluster cannot serve it, before anything is sent. */
export function requireFeature(table: ApiVersionTable, feature: ClusterFeature): void {
  const problem = featureProblem(table, feature);
  if (problem) throw new ClusterError('UNSUPPORTED_VERSION', unavailable(feature, problem));
}

/** Every feature, in the order the views show them. */
export const FEATURES = Object.keys(FEATURE_WORDS) as ClusterFeature[];

/** Everything the cluster with `table` cannot do for this console, each with why: the views disable those actions. */
export function unavailableFeatures(table: ApiVersionTable): ClusterFeatureLimit[] {
  const limits: ClusterFeatureLimit[] = [];
  for (const feature of FEATURES) {
    const problem = featureProblem(table, feature);
    if (problem) limits.push({ feature, reason: unavailable(feature, problem) });
  }
  return limits;
}
