/**
 * Whether the Kafka client (@platformatic/kafka) can serve a feature on this cluster. The console
 * sends its reads and produce itself, at any version since Kafka 0.11 (kafka-request.ts); the
 * administration (configs, creating and deleting topics and partitions, deleting records, groups)
 * goes through the client, which first asks the cluster's versions with ApiVersions v3 (Kafka 2.4)
 * and speaks each API only from a lowest version (client-protocol-minimums.ts). A feature the
 * cluster cannot take is refused in words, before the client is called, with UNSUPPORTED_VERSION.
 */
import { ClusterError } from '../cluster-admin';
import { CLIENT_API_VERSIONS, kafkaReleaseFor } from './client-protocol-minimums';
import { negotiatedVersion, OWN_APIS, type ApiVersionTable, type OwnApi } from './kafka-request';
import type { ClusterFeature } from '../../../contract';
import type { ClusterFeatureLimit } from '../cluster';

const API_VERSIONS_KEY = 18;
/** The client's first request to a cluster, for the rest of its versions. */
const CLIENT_API_VERSIONS_VERSION = 3;

export interface ClientApiUse {
  /** The APIs the feature sends through the client. */
  apis: readonly string[];
  /** Whether it goes through one of the client's clients (Admin, Producer), which ask ApiVersions v3 first; false for a request sent alone on a connection. */
  viaClient: boolean;
}

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

/** What each administration feature sends through the client. */
export const CLIENT_FEATURES = {
  topicConfigs: { apis: ['DescribeConfigs'], viaClient: true },
  createTopic: { apis: ['CreateTopics'], viaClient: false },
  deleteTopic: { apis: ['DeleteTopics'], viaClient: true },
  createPartitions: { apis: ['CreatePartitions'], viaClient: true },
  alterConfigs: { apis: ['IncrementalAlterConfigs'], viaClient: true },
  deleteRecords: { apis: ['DeleteRecords'], viaClient: true },
  listGroups: { apis: ['ListGroups'], viaClient: true },
  describeGroup: { apis: ['FindCoordinator', 'DescribeGroups'], viaClient: true },
  groupOffsets: { apis: ['FindCoordinator', 'OffsetFetch'], viaClient: true },
  alterGroupOffsets: { apis: ['FindCoordinator', 'DescribeGroups', 'OffsetCommit'], viaClient: true },
  deleteGroup: { apis: ['FindCoordinator', 'DeleteGroups'], viaClient: true },
} as const satisfies Partial<Record<ClusterFeature, ClientApiUse>>;

export type ClientFeature = keyof typeof CLIENT_FEATURES;

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

const unavailable = (feature: ClusterFeature, problem: string) => `${FEATURE_WORDS[feature]} is not available on this cluster: ${problem}`;

/** Throws UNSUPPORTED_VERSION naming `feature` when the cluster cannot serve it through the client. */
export function requireClientApi(table: ApiVersionTable, feature: ClientFeature): void {
  const problem = clientApiProblem(table, CLIENT_FEATURES[feature]);
  if (problem) throw new ClusterError('UNSUPPORTED_VERSION', unavailable(feature, problem));
}

/** Everything the cluster with `table` cannot do for this console, each with why: the views disable those actions. */
export function unavailableFeatures(table: ApiVersionTable): ClusterFeatureLimit[] {
  const limits: ClusterFeatureLimit[] = [];
  for (const feature of Object.keys(CLIENT_FEATURES) as ClientFeature[]) {
    const problem = clientApiProblem(table, CLIENT_FEATURES[feature]);
    if (problem) limits.push({ feature, reason: unavailable(feature, problem) });
  }
  for (const api of [OWN_APIS.produce, OWN_APIS.initProducerId] as OwnApi<unknown, unknown>[]) {
    try {
      negotiatedVersion(table, api);
    } catch (error) {
      limits.push({ feature: 'produce', reason: unavailable('produce', (error as { serverErrorMessage?: string }).serverErrorMessage ?? String(error)) });
      break;
    }
  }
  return limits;
}
