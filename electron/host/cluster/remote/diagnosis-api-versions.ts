/**
 * A broker's ApiVersions answer against what this console speaks, in words. Browsing needs the
 * requests the console sends itself (Metadata, ListOffsets, Fetch: kafka-request.ts), at any
 * version since Kafka 0.11; a cluster that cannot take one of them fails the check, naming it.
 * Every other feature (producing, consumer groups, topic administration: feature-support.ts)
 * may be missing: a cluster without it still connects, and the verdict names each feature that
 * will not work and why.
 */
import type { ApiVersionsAnswer } from './api-versions-probe';
import type { ClusterFeature } from '../../../contract';
import { featureProblem, FEATURES } from './feature-support';
import { OWN_APIS, versionProblem, type ApiVersionTable, type OwnApi } from './kafka-request';

export interface ApiVersionsVerdict {
  ok: boolean;
  detail: string;
  /** What browsing needs and the cluster cannot take, one phrase each. */
  tooOld: string[];
  /** Features that will not work on this cluster, one phrase per reason ("creating topics: the cluster does not offer CreateTopics"). */
  limited: string[];
  /** The cluster's versions by API key (empty when it did not list them). */
  table: ApiVersionTable;
}

const UNSUPPORTED_VERSION = 35;
const API_VERSIONS_KEY = 18;
/** What the client's SASL login sends (SaslHandshake v1, SaslAuthenticate v2 at least). */
const SASL_APIS = [
  { key: 17, name: 'SaslHandshake', min: 1 },
  { key: 36, name: 'SaslAuthenticate', min: 0 },
];

/** Each feature, in the words a user knows it by. */
const FEATURE_NAMES: Record<ClusterFeature, string> = {
  topicConfigs: 'topic configs',
  createTopic: 'creating topics',
  deleteTopic: 'deleting topics',
  createPartitions: 'adding partitions',
  alterConfigs: 'changing configs',
  deleteRecords: 'deleting records',
  listGroups: 'listing consumer groups',
  describeGroup: 'describing consumer groups',
  groupOffsets: "groups' committed offsets",
  alterGroupOffsets: "resetting groups' offsets",
  deleteGroup: 'deleting groups',
  produce: 'producing',
};

export function tableOf(answer: ApiVersionsAnswer): ApiVersionTable {
  return new Map(answer.apis.map((api) => [api.key, { min: api.min, max: api.max }]));
}

/**
 * `answer`: the cluster's ApiVersions answer (v0 reads every broker; a broker that no longer
 * takes v0 answers UNSUPPORTED_VERSION with its ApiVersions range only, and then `full`, its
 * answer to a version it takes, is judged instead when the caller could ask for it).
 */
export function judgeApiVersions(answer: ApiVersionsAnswer, options: { sasl: boolean }): ApiVersionsVerdict {
  const table = tableOf(answer);
  const refuse = (detail: string): ApiVersionsVerdict => ({ ok: false, detail, tooOld: [], limited: [], table });
  if (answer.errorCode === UNSUPPORTED_VERSION && answer.apis.every((api) => api.key === API_VERSIONS_KEY)) {
    const range = table.get(API_VERSIONS_KEY);
    return refuse(
      range
        ? `The cluster does not list its versions for ApiVersions v0 (it takes ApiVersions v${range.min}–v${range.max} only).`
        : `The cluster refused Kafka's ApiVersions request (UNSUPPORTED_VERSION) without saying which versions it takes.`,
    );
  }
  if (answer.errorCode !== 0 && answer.errorCode !== UNSUPPORTED_VERSION) return refuse(`The cluster answered Kafka's ApiVersions request with error code ${answer.errorCode}.`);

  const tooOld = ([OWN_APIS.metadata, OWN_APIS.listOffsets, OWN_APIS.fetch] as OwnApi<unknown, unknown>[]).map((api) => versionProblem(table, api)).filter((text) => text !== null);
  if (options.sasl) {
    for (const sasl of SASL_APIS) {
      const offered = table.get(sasl.key);
      if (!offered) tooOld.push(`the cluster does not offer ${sasl.name} at all; SASL needs v${sasl.min} or later`);
      else if (offered.max < sasl.min) tooOld.push(`the cluster offers ${sasl.name} up to v${offered.max}; SASL needs v${sasl.min} or later`);
    }
  }
  const limited: string[] = [];
  // Features missing for the same reason are named together ("deleting topics, adding partitions: Kafka 2.4 or later is needed…").
  const byReason = new Map<string, string[]>();
  for (const feature of FEATURES) {
    const why = featureProblem(table, feature);
    if (why) byReason.set(why, [...(byReason.get(why) ?? []), FEATURE_NAMES[feature]]);
  }
  for (const [why, features] of byReason) limited.push(`${features.join(', ')}: ${why}`);

  if (tooOld.length > 0) {
    return { ok: false, tooOld, limited, table, detail: `The cluster's Kafka version is too old for this console (it reads Kafka 0.11 and later): ${tooOld.join('; ')}.` };
  }
  const highlights = (['Metadata', 'Fetch', 'Produce'] as const)
    .map((name) => {
      const api = { Metadata: OWN_APIS.metadata, Fetch: OWN_APIS.fetch, Produce: OWN_APIS.produce }[name];
      const offered = table.get(api.definition.apiKey);
      return offered ? `${name} up to v${offered.max}` : undefined;
    })
    .filter((text) => text !== undefined);
  const missingFeatures = limited.length > 0 ? ` Some features will not work: ${limited.join('; ')}.` : '';
  return {
    ok: true,
    tooOld,
    limited,
    table,
    detail: `The cluster's protocol versions suit this console (${highlights.join(', ')}; ${answer.apis.length} APIs offered).${missingFeatures}`,
  };
}
