/**
 * Golden bytes from real clients and a reference broker (issue 5).
 *
 * For every captured fixture (`fixtures/index.json`, made by `tools/capture/capture-fixtures.ts`):
 * the request a real client sent, and the response the broker answered with, decode with our
 * codec, say what we know the client and the broker meant (spot checks), and re-encode to exactly
 * the same bytes.
 *
 * And coverage: every (API, version) the broker advertises (asked at run time) has a request
 * fixture from a real client and a response fixture from the reference broker (librdkafka's mock
 * cluster) — unless `uncovered.json` lists it with the reason. A new API or version without a
 * fixture fails here until it is captured or listed; a listed one that has a fixture fails too, so
 * the list stays true.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKey, getApiDefinition } from '../../src/protocol/generated/index';
import type {
  AlterConfigsRequest,
  ApiVersionsRequest,
  ApiVersionsResponse,
  CreatePartitionsRequest,
  CreateTopicsRequest,
  DeleteRecordsRequest,
  DeleteTopicsRequest,
  DescribeClusterRequest,
  DescribeClusterResponse,
  DescribeConfigsRequest,
  FindCoordinatorRequest,
  FindCoordinatorResponse,
  JoinGroupRequest,
  MetadataRequest,
  OffsetCommitRequest,
  MetadataResponse,
  ProduceRequest,
  ProduceResponse,
} from '../../src/protocol/generated/index';
import { readRequestHeader, responseHeaderVersion, writeRequestHeader, writeResponseHeader } from '../../src/protocol/headers';
import { ProtocolDecodeError } from '../../src/protocol/primitives/protocol-decode-error';
import { ProtocolReader } from '../../src/protocol/primitives/reader';
import { ProtocolWriter } from '../../src/protocol/primitives/writer';
import { decodeResponseFrame, fetchServedApis, type ServedApi } from '../fuzz/kafka-wire';
import { startTempBroker, type TempBroker } from '../support/temp-broker';

const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(HERE, 'fixtures');
const REFERENCE_BROKER = 'librdkafka-mock';

interface Fixture {
  api: string;
  apiKey: number;
  version: number;
  client: string;
  clientId: string;
  scenario: string;
  caps: Record<string, number>;
  broker: string;
  correlationId: number;
  request: string;
  response: string | null;
  responseLayoutVersion: number | null;
  responseSource: 'live' | 'replayed' | null;
  topic: string;
  /** Set by the capture when our codec cannot decode the request: a client bug, see uncovered.json. */
  requestDecodeError?: string;
}

interface BrokerInfo {
  host: string;
  port: number;
  nodeId: number;
  clusterId?: string;
  controllerId?: number;
  advertisedHost?: string;
  served: Record<string, string>;
}

interface Index {
  topic: string;
  brokers: Record<string, BrokerInfo>;
  fixtures: Fixture[];
}

interface AllowEntry {
  api: string;
  versions: string;
  why: string;
}

const index = JSON.parse(readFileSync(join(FIXTURES, 'index.json'), 'utf8')) as Index;
const uncovered = JSON.parse(readFileSync(join(HERE, 'uncovered.json'), 'utf8')) as {
  requests: AllowEntry[];
  responses: AllowEntry[];
  clientBugs: Array<AllowEntry & { client: string }>;
};

function bytesOf(file: string): Buffer {
  return Buffer.from(readFileSync(join(FIXTURES, file), 'utf8').replace(/\s+/g, ''), 'hex');
}

/** What each client says about itself in ApiVersions v3+ (clientSoftwareName). */
const SOFTWARE_NAMES: Record<string, string> = {
  kcat: 'librdkafka',
  'confluent-kafka': 'confluent-kafka-python',
  platformatic: 'platformatic-kafka',
};

/** Topic names the capture scenarios use. */
function scenarioTopics(f: Fixture): string[] {
  return [f.topic, `${f.topic}-admin`];
}

/** The consumer group each client's scenarios use (`tools/capture/clients.ts`, `clients/python_client.py`). */
function scenarioGroup(f: Fixture): string {
  return `golden-group-${f.client}`;
}

function checkRequest(f: Fixture, body: unknown): void {
  switch (f.apiKey) {
    case ApiKey.ApiVersions: {
      const request = body as ApiVersionsRequest;
      if (f.version >= 3) {
        expect(request.clientSoftwareName).toBe(SOFTWARE_NAMES[f.client]);
        expect(request.clientSoftwareVersion).toMatch(/^[0-9][0-9A-Za-z.-]*$/);
      }
      break;
    }
    case ApiKey.Metadata: {
      const request = body as MetadataRequest;
      // null / [] mean "all topics" / "no topics"; otherwise only what the scenario named.
      for (const topic of request.topics ?? []) expect(scenarioTopics(f)).toContain(topic.name);
      if (f.version >= 4 && request.topics?.length) expect(typeof request.allowAutoTopicCreation).toBe('boolean');
      break;
    }
    case ApiKey.Produce: {
      const request = body as ProduceRequest;
      // The scenarios produce one record, value "golden value", to their topic, uncompressed.
      expect(request.topicData.map((t) => t.name)).toEqual([f.topic]);
      const records = request.topicData[0].partitionData[0].records!;
      expect(records[16]).toBe(2); // RecordBatch magic
      expect(records.includes(Buffer.from('golden value'))).toBe(true);
      expect([-1, 0, 1]).toContain(request.acks);
      break;
    }
    // The admin scenarios create, configure, grow, trim and delete `<topic>-admin`.
    case ApiKey.CreateTopics:
      expect((body as CreateTopicsRequest).topics.map((t) => [t.name, t.numPartitions])).toEqual([[`${f.topic}-admin`, 1]]);
      break;
    case ApiKey.DeleteTopics: {
      const request = body as DeleteTopicsRequest;
      expect(f.version >= 6 ? request.topics.map((t) => t.name) : request.topicNames).toEqual([`${f.topic}-admin`]);
      break;
    }
    case ApiKey.CreatePartitions:
      expect((body as CreatePartitionsRequest).topics.map((t) => [t.name, t.count])).toEqual([[`${f.topic}-admin`, 2]]);
      break;
    case ApiKey.DeleteRecords:
      expect((body as DeleteRecordsRequest).topics.map((t) => [t.name, t.partitions.map((p) => p.partitionIndex)])).toEqual([[`${f.topic}-admin`, [0]]]);
      break;
    case ApiKey.DescribeConfigs:
    case ApiKey.AlterConfigs:
      // resourceType 2 = TOPIC
      expect((body as DescribeConfigsRequest | AlterConfigsRequest).resources.map((r) => [r.resourceType, r.resourceName])).toEqual([[2, `${f.topic}-admin`]]);
      break;
    case ApiKey.DescribeCluster: {
      const request = body as DescribeClusterRequest;
      expect(request.includeClusterAuthorizedOperations).toBe(false);
      if (f.version >= 1) expect(request.endpointType).toBe(1);
      break;
    }
    // The group scenarios: a consumer in the client's own group joins, commits, and leaves; an
    // admin lists, describes, re-sets and deletes that group.
    case ApiKey.FindCoordinator: {
      const request = body as FindCoordinatorRequest;
      expect(request.keyType).toBe(0); // GROUP
      expect(f.version >= 4 ? request.coordinatorKeys : [request.key]).toEqual([scenarioGroup(f)]);
      break;
    }
    case ApiKey.JoinGroup: {
      const request = body as JoinGroupRequest;
      expect(request.groupId).toBe(scenarioGroup(f));
      expect(request.protocolType).toBe('consumer');
      expect(request.sessionTimeoutMs).toBe(6000);
      expect(request.protocols.length).toBeGreaterThan(0);
      // Each protocol's metadata is a ConsumerProtocolSubscription naming the scenario's topic.
      for (const protocol of request.protocols) expect(protocol.metadata.includes(Buffer.from(f.topic))).toBe(true);
      break;
    }
    case ApiKey.OffsetCommit: {
      const request = body as OffsetCommitRequest;
      expect(request.groupId).toBe(scenarioGroup(f));
      expect(request.topics.map((t) => t.name)).toEqual([f.topic]);
      const offsets = request.topics[0].partitions.map((p) => p.committedOffset);
      expect(offsets.length).toBeGreaterThan(0);
      if (f.scenario === 'group-admin') {
        // Admins set the group's offsets to 0 (kafkajs resetOffsets to earliest commits -2).
        for (const offset of offsets) expect([0n, -2n]).toContain(offset);
      } else {
        // Consumers commit the offset after the record they consumed (the mock's topic has 4
        // partitions: kafka-python commits each assigned one, at 0 where it consumed nothing).
        for (const offset of offsets) expect(offset >= 0n).toBe(true);
        expect(offsets.some((offset) => offset >= 1n)).toBe(true);
      }
      break;
    }
    default:
      break;
  }
}

function checkResponse(f: Fixture, body: unknown, layoutVersion: number): void {
  const broker = index.brokers[f.broker];
  switch (f.apiKey) {
    case ApiKey.ApiVersions: {
      const response = body as ApiVersionsResponse;
      if (layoutVersion !== f.version) {
        // The answer to a version the broker does not serve: v0 layout, UNSUPPORTED_VERSION.
        expect(response.errorCode).toBe(35);
      } else {
        expect(response.errorCode).toBe(0);
        const advertised = Object.fromEntries(response.apiKeys.map((k) => [getApiDefinition(k.apiKey)?.name ?? String(k.apiKey), `${k.minVersion}-${k.maxVersion}`]));
        // The same list the broker gave the capture on its own connection.
        expect(advertised).toEqual(broker.served);
      }
      break;
    }
    case ApiKey.Metadata: {
      const response = body as MetadataResponse;
      const host = f.broker === REFERENCE_BROKER ? broker.host : broker.advertisedHost;
      expect(response.brokers.map((b) => [b.nodeId, b.host, b.port])).toEqual([[broker.nodeId, host, broker.port]]);
      if (f.version >= 1) expect(response.controllerId).toBe(broker.controllerId);
      if (f.version >= 2 && broker.clusterId) expect(response.clusterId).toBe(broker.clusterId);
      for (const topic of response.topics) {
        if (topic.errorCode === 0) {
          expect(topic.partitions.length).toBeGreaterThan(0);
          for (const partition of topic.partitions) expect(partition.leaderId).toBe(broker.nodeId);
        }
      }
      if (f.broker === REFERENCE_BROKER) {
        // The mock creates a topic it is asked about; the scenarios ask about theirs.
        const named = response.topics.find((t) => t.name === f.topic);
        if (named) expect(named.errorCode).toBe(0);
      }
      break;
    }
    case ApiKey.Produce: {
      const response = body as ProduceResponse;
      // One record appended: no error, an offset.
      expect(response.responses.map((t) => t.name)).toEqual([f.topic]);
      for (const partition of response.responses[0].partitionResponses) {
        expect(partition.errorCode).toBe(0);
        expect(partition.baseOffset >= 0n).toBe(true);
      }
      break;
    }
    case ApiKey.DescribeCluster: {
      const response = body as DescribeClusterResponse;
      expect(response.errorCode).toBe(0);
      if (broker.clusterId) expect(response.clusterId).toBe(broker.clusterId);
      expect(response.brokers.map((b) => [b.brokerId, b.port])).toEqual([[broker.nodeId, broker.port]]);
      break;
    }
    case ApiKey.FindCoordinator: {
      // The coordinator is the (only) broker, as it names itself.
      const response = body as FindCoordinatorResponse;
      const host = f.broker === REFERENCE_BROKER ? broker.host : broker.advertisedHost;
      const coordinators = f.version >= 4 ? response.coordinators : [response];
      for (const c of coordinators) {
        expect(c.errorCode).toBe(0);
        expect([c.nodeId, c.host, c.port]).toEqual([broker.nodeId, host, broker.port]);
      }
      break;
    }
    default:
      break;
  }
}

describe.each(index.fixtures.map((f) => [`${f.api} v${f.version} from ${f.client} via ${f.broker}`, f] as const))('%s', (_name, f) => {
  const api = getApiDefinition(f.apiKey)!;

  if (f.requestDecodeError) {
    it('request: a known client bug, rejected by our codec as Kafka rejects it', () => {
      const bug = uncovered.clientBugs.find((b) => b.client === f.client && b.api === f.api && inVersions(b.versions, f.version));
      expect(bug, `${f.client}'s ${f.api} v${f.version} request does not decode (${f.requestDecodeError}): list it under clientBugs in uncovered.json with the reason, or fix the codec`).toBeDefined();
      const reader = new ProtocolReader(bytesOf(f.request));
      expect(() => {
        readRequestHeader(reader);
        api.decodeRequest(reader, f.version);
      }).toThrow(ProtocolDecodeError);
    });
    return;
  }

  it('request: decodes to what the client sent and re-encodes to the same bytes', () => {
    const frame = bytesOf(f.request);
    const reader = new ProtocolReader(frame);
    const header = readRequestHeader(reader);
    expect([header.apiKey, header.apiVersion, header.correlationId]).toEqual([f.apiKey, f.version, f.correlationId]);
    if (header.headerVersion >= 1) expect(header.clientId).toBe(f.clientId);
    const body = api.decodeRequest(reader, f.version);
    expect(reader.remaining).toBe(0);
    checkRequest(f, body);

    const writer = new ProtocolWriter();
    writeRequestHeader(writer, header.headerVersion, header);
    api.encodeRequest(writer, f.version, body);
    expect(writer.finish().toString('hex')).toBe(frame.toString('hex'));
  });

  if (f.response) {
    it(`response (${f.broker === REFERENCE_BROKER ? 'reference' : 'regression only'}): decodes to what the broker meant and re-encodes to the same bytes`, () => {
      const frame = bytesOf(f.response!);
      const decoded = decodeResponseFrame(frame, f.apiKey, f.version);
      expect(decoded.layoutVersion).toBe(f.responseLayoutVersion);
      expect(decoded.correlationId).toBe(f.correlationId);
      checkResponse(f, decoded.body, decoded.layoutVersion);

      const writer = new ProtocolWriter();
      writeResponseHeader(writer, responseHeaderVersion(f.apiKey, decoded.layoutVersion), decoded.correlationId);
      api.encodeResponse(writer, decoded.layoutVersion, decoded.body);
      expect(writer.finish().toString('hex')).toBe(frame.toString('hex'));
    });
  }
});

function inVersions(versions: string, version: number): boolean {
  const [lo, hi = lo] = versions.split('-').map(Number);
  return version >= lo && version <= hi;
}

/** Expands allow-list entries to `API vN` keys; "3-12" or "5". */
function allowed(entries: readonly AllowEntry[]): Map<string, AllowEntry> {
  const out = new Map<string, AllowEntry>();
  for (const entry of entries) {
    expect(entry.why.length, `uncovered.json: say why ${entry.api} ${entry.versions} is listed`).toBeGreaterThan(10);
    const [lo, hi = lo] = entry.versions.split('-').map(Number);
    for (let v = lo; v <= hi; v++) out.set(`${entry.api} v${v}`, entry);
  }
  return out;
}

describe('fixture coverage of what the broker serves', () => {
  let temp: TempBroker;
  let served: ServedApi[];
  beforeAll(async () => {
    temp = await startTempBroker();
    served = await fetchServedApis(temp.broker.port);
  });
  afterAll(() => temp.stop());

  const advertised = () => served.flatMap((api) => Array.from({ length: api.maxVersion - api.minVersion + 1 }, (_, i) => `${api.name} v${api.minVersion + i}`));

  function check(has: (key: string) => boolean, list: Map<string, AllowEntry>, what: string): void {
    const keys = advertised();
    const missing = keys.filter((key) => !has(key) && !list.has(key));
    const stale = keys.filter((key) => has(key) && list.has(key));
    const notServed = [...list.keys()].filter((key) => !keys.includes(key));
    expect(missing, `served without ${what} and not in uncovered.json: capture them (npx tsx tools/capture/capture-fixtures.ts) or list them with the reason`).toEqual([]);
    expect(stale, `listed in uncovered.json but ${what} exists now: remove them from the list`).toEqual([]);
    expect(notServed, 'listed in uncovered.json but not advertised by the broker: remove them from the list').toEqual([]);
  }

  it("every advertised (API, version) has a real client's request", () => {
    const captured = new Set(index.fixtures.filter((f) => !f.requestDecodeError).map((f) => `${f.api} v${f.version}`));
    check((key) => captured.has(key), allowed(uncovered.requests), "a real client's request fixture");
  });

  it('every advertised (API, version) has a response from the reference broker (librdkafka mock)', () => {
    const captured = new Set(index.fixtures.filter((f) => f.broker === REFERENCE_BROKER && f.response).map((f) => `${f.api} v${f.version}`));
    check((key) => captured.has(key), allowed(uncovered.responses), "a reference broker's response fixture");
  });

  it('every client bug listed in uncovered.json is still in a fixture', () => {
    for (const bug of uncovered.clientBugs) {
      expect(bug.why.length).toBeGreaterThan(10);
      const fixture = index.fixtures.find((f) => f.client === bug.client && f.api === bug.api && inVersions(bug.versions, f.version) && f.requestDecodeError);
      expect(fixture, `clientBugs: no fixture of ${bug.client}'s ${bug.api} ${bug.versions} fails to decode any more: remove the entry`).toBeDefined();
    }
  });

  it('fixtures are small (under 2 MB in all)', () => {
    let total = 0;
    for (const f of index.fixtures) total += bytesOf(f.request).length * 2 + (f.response ? bytesOf(f.response).length * 2 : 0);
    expect(total).toBeLessThan(2 * 1024 * 1024);
  });
});
