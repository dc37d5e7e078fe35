/**
 * The Kafka requests this console writes, every one it sends (`OWN_APIS`: reads, produce, topic
 * administration, consumer groups), at the version each cluster speaks: the codecs
 * generated from Kafka's own message definitions (broker-core's protocol layer, every version of
 * each), sent over the Kafka client's connections (which do TLS and SASL). The version is the
 * highest that both this console reads (`OWN_APIS`) and the cluster offers (its ApiVersions
 * answer), so the console works with any Kafka since 0.11 (record batch v2), each feature as far
 * as the cluster's versions allow (feature-support.ts).
 */
import { createAPI, ProtocolError, protocolErrors, Writer, type Connection, type Reader } from '@platformatic/kafka';
import {
  CreatePartitionsApi,
  CreateTopicsApi,
  DeleteGroupsApi,
  DeleteRecordsApi,
  DeleteTopicsApi,
  DescribeConfigsApi,
  DescribeGroupsApi,
  errorCodeName,
  FetchApi,
  FindCoordinatorApi,
  IncrementalAlterConfigsApi,
  InitProducerIdApi,
  ListGroupsApi,
  ListOffsetsApi,
  MetadataApi,
  OffsetCommitApi,
  OffsetFetchApi,
  ProduceApi,
  ProtocolReader,
  ProtocolWriter,
  type ApiDefinition,
} from '../../../../broker-core/src/protocol/index';

export interface VersionRange {
  min: number;
  max: number;
}

/** A cluster's ApiVersions answer: API key → the versions it takes. */
export type ApiVersionTable = ReadonlyMap<number, VersionRange>;

export interface OwnApi<Req, Res> {
  definition: ApiDefinition<Req, Res>;
  /** The versions this console writes and reads; the lowest is the oldest Kafka it serves. */
  min: number;
  max: number;
  /** The Kafka release that brought `min`, for the words. */
  since: string;
}

const own = <Req, Res>(definition: ApiDefinition<Req, Res>, min: number, max: number, since: string): OwnApi<Req, Res> => ({ definition, min, max, since });

/**
 * What this console sends itself, and at which versions. The ceilings keep topic names in the
 * requests (Fetch v13+ and Produce v13+ name topics by id only) and stop at versions whose
 * answers hold nothing more that this console uses.
 */
export const OWN_APIS = {
  /** v1: null asks for every topic; v4 brought allow_auto_topic_creation (older versions create what they name). */
  metadata: own(MetadataApi, 1, 12, 'Kafka 0.10.0'),
  /** v1: one offset per partition (v0 gave a list). */
  listOffsets: own(ListOffsetsApi, 1, 7, 'Kafka 0.10.1'),
  /** v4: record batches (magic 2) and the last stable offset. */
  fetch: own(FetchApi, 4, 12, 'Kafka 0.11'),
  /** v3: record batches (magic 2). */
  produce: own(ProduceApi, 3, 9, 'Kafka 0.11'),
  /** v0: a producer id for an idempotent producer. */
  initProducerId: own(InitProducerIdApi, 0, 4, 'Kafka 0.11'),
  /** One group's coordinator (v4 and later ask for several keys at once, which this console does not need). */
  findCoordinator: own(FindCoordinatorApi, 0, 3, 'Kafka 0.9'),
  /** v4 brought the groups' states (before it, the state is asked with DescribeGroups). */
  listGroups: own(ListGroupsApi, 0, 4, 'Kafka 0.9'),
  describeGroups: own(DescribeGroupsApi, 0, 5, 'Kafka 0.9'),
  /** v2: null asks for every topic the group committed (v8 and later ask for several groups at once). */
  offsetFetch: own(OffsetFetchApi, 2, 7, 'Kafka 0.10.2'),
  /** v2: a commit from outside the group (generation -1, no member id), as Kafka's admin client sends; v9 is the new consumer protocol's. */
  offsetCommit: own(OffsetCommitApi, 2, 8, 'Kafka 0.9'),
  deleteGroups: own(DeleteGroupsApi, 0, 2, 'Kafka 1.1'),
  /** v0 says only whether a value is the default; v1 brought the source and synonyms, v3 types and documentation. */
  describeConfigs: own(DescribeConfigsApi, 0, 4, 'Kafka 0.11'),
  /** v1 brought validate-only, v4 the cluster's default partition count and replication factor, v7 topic ids. */
  createTopics: own(CreateTopicsApi, 0, 7, 'Kafka 0.10.1'),
  deleteTopics: own(DeleteTopicsApi, 0, 6, 'Kafka 0.10.1'),
  createPartitions: own(CreatePartitionsApi, 0, 3, 'Kafka 1.0'),
  /** Changes one config at a time (AlterConfigs, before it, replaced all of a topic's at once). */
  incrementalAlterConfigs: own(IncrementalAlterConfigsApi, 0, 1, 'Kafka 2.3'),
  deleteRecords: own(DeleteRecordsApi, 0, 2, 'Kafka 0.11'),
} as const;

/** The version both sides speak, or why there is none in words. */
function negotiate<Req, Res>(table: ApiVersionTable, api: OwnApi<Req, Res>): { version: number } | { problem: string } {
  const name = api.definition.name;
  const offered = table.get(api.definition.apiKey);
  if (!offered) return { problem: `the cluster does not offer ${name} at all` };
  const version = Math.min(offered.max, api.max);
  if (version >= api.min && version >= offered.min) return { version };
  const theirs = `v${offered.min}–v${offered.max}`;
  return {
    problem: offered.max < api.min ? `the cluster offers ${name} ${theirs}; this console needs v${api.min} or later (${api.since} or later)` : `the cluster offers ${name} ${theirs}; this console speaks up to v${api.max}`,
  };
}

/** The version to send `api` at on a cluster with `table`; a ProtocolError (UNSUPPORTED_VERSION) in words when there is none. */
export function negotiatedVersion<Req, Res>(table: ApiVersionTable, api: OwnApi<Req, Res>): number {
  const negotiated = negotiate(table, api);
  if ('problem' in negotiated) throw new ProtocolError('UNSUPPORTED_VERSION', negotiated.problem);
  return negotiated.version;
}

/** Why the cluster cannot take `api` from this console, in words; null when it can. */
export function versionProblem<Req, Res>(table: ApiVersionTable, api: OwnApi<Req, Res>): string | null {
  const negotiated = negotiate(table, api);
  return 'problem' in negotiated ? negotiated.problem : null;
}

/** The answer's bytes after the response header, as one buffer (the client may hold it in pieces). */
function bodyOf(reader: Reader): ProtocolReader {
  return new ProtocolReader(reader.buffer.buffer, reader.position);
}

/**
 * Sends `request` as `api` at `version` on `connection` and decodes the answer with the same
 * codec. Error codes inside the answer are the caller's to read. `noResponse`: a Produce with
 * acks=0, which Kafka does not answer (resolves with null once written).
 */
export async function sendRequest<Req, Res>(connection: Connection, api: OwnApi<Req, Res>, version: number, request: Req, options: { noResponse?: boolean } = {}): Promise<Res | null> {
  const { definition } = api;
  const flexible = definition.flexibleVersions !== null && version >= definition.flexibleVersions.min;
  const writer = new ProtocolWriter();
  definition.encodeRequest(writer, version, request);
  const body = writer.finish();
  const call = createAPI<[], Res | null>(
    definition.apiKey,
    version,
    () => {
      const payload = Writer.create().append(body);
      if (options.noResponse) payload.context.noResponse = true;
      return payload;
    },
    (_correlationId, _apiKey, apiVersion, reader) => definition.decodeResponse(bodyOf(reader), apiVersion),
    flexible,
    // ApiVersions answers with response header v0 whatever its version (KIP-511).
    flexible && definition.apiKey !== 18,
  );
  const answer = await call.async(connection);
  // Without an answer the client resolves with whether the socket took the bytes, not a response.
  return options.noResponse ? null : answer;
}

/** Sends a request that Kafka always answers. */
export async function ask<Req, Res>(connection: Connection, api: OwnApi<Req, Res>, version: number, request: Req): Promise<Res> {
  const answer = await sendRequest(connection, api, version, request);
  if (answer === null) throw new Error(`${api.definition.name} v${version}: no answer`);
  return answer;
}

/** A Kafka error code from an answer as the error the client would have thrown (named, with the context). */
export function kafkaError(code: number, context: string): ProtocolError {
  const name = errorCodeName(code);
  if (name !== undefined && name in protocolErrors) return new ProtocolError(name, context);
  return new ProtocolError('UNKNOWN_SERVER_ERROR', `${context} (error ${name ?? `code ${code}`})`);
}
