/**
 * Golden bytes: expected encodings built by hand, field by field, from the layouts in the Kafka
 * protocol guide (https://kafka.apache.org/protocol#The_Messages_ApiVersions, …#The_Messages_Metadata),
 * without using ProtocolWriter. Each case checks encode → exactly these bytes and decode → the value
 * (fields absent from the version come back as their defaults).
 */
import { describe, expect, it } from 'vitest';
import { ProtocolReader, ZERO_UUID } from './primitives/reader.js';
import { ProtocolWriter } from './primitives/writer.js';
import {
  decodeApiVersionsRequest,
  decodeApiVersionsResponse,
  decodeMetadataRequest,
  decodeMetadataResponse,
  encodeApiVersionsRequest,
  encodeApiVersionsResponse,
  encodeMetadataRequest,
  encodeMetadataResponse,
  type ApiVersionsRequest,
  type ApiVersionsResponse,
  type MetadataRequest,
  type MetadataResponse,
} from './generated/index.js';

// ------------------------------------------------------------ hand-rolled wire layout helpers
const int16 = (v: number): number[] => [(v >> 8) & 0xff, v & 0xff];
const int32 = (v: number): number[] => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
const int64 = (v: bigint): number[] => [...int32(Number(BigInt.asIntN(32, v >> 32n))), ...int32(Number(BigInt.asIntN(32, v)))];
const bool = (v: boolean): number[] => [v ? 1 : 0];
const uvarint = (v: number): number[] => {
  const out: number[] = [];
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
  return out;
};
const utf8 = (s: string): number[] => [...Buffer.from(s, 'utf8')];
/** STRING: int16 length + UTF-8. */
const string = (s: string): number[] => [...int16(utf8(s).length), ...utf8(s)];
/** COMPACT_STRING: unsigned varint length+1 + UTF-8. */
const compactString = (s: string): number[] => [...uvarint(utf8(s).length + 1), ...utf8(s)];
/** COMPACT_NULLABLE_STRING: 0 for null. */
const compactNullableString = (s: string | null): number[] => (s === null ? [0] : compactString(s));
/** ARRAY: int32 count (-1 = null). */
const arrayLength = (n: number): number[] => int32(n);
/** COMPACT_ARRAY: unsigned varint count+1 (0 = null). */
const compactArrayLength = (n: number): number[] => uvarint(n + 1);
/** An empty tagged-field section (TAG_BUFFER with 0 fields). */
const noTaggedFields = [0];
/** One tagged field: tag, size, data. */
const taggedField = (tag: number, data: number[]): number[] => [...uvarint(tag), ...uvarint(data.length), ...data];
const TOPIC_ID_HEX = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const TOPIC_ID = Buffer.from(TOPIC_ID_HEX, 'hex').toString('base64url');
const uuid = (hex: string): number[] => [...Buffer.from(hex, 'hex')];

function check<T>(
  encode: (w: ProtocolWriter, version: number, value: T) => void,
  decode: (r: ProtocolReader, version: number) => T,
  version: number,
  value: T,
  expected: number[],
): void {
  const w = new ProtocolWriter();
  encode(w, version, value);
  expect([...w.finish()]).toEqual(expected);
  const reader = new ProtocolReader(Buffer.from(expected));
  expect(decode(reader, version)).toStrictEqual(value);
  expect(reader.remaining).toBe(0);
}

// ------------------------------------------------------------ ApiVersions
describe('ApiVersions golden bytes', () => {
  it('request v0: empty body', () => {
    const value: ApiVersionsRequest = { clientSoftwareName: '', clientSoftwareVersion: '' };
    check(encodeApiVersionsRequest, decodeApiVersionsRequest, 0, value, []);
  });

  it('request v3: flexible, compact strings + tagged fields', () => {
    const value: ApiVersionsRequest = { clientSoftwareName: 'eddy-test', clientSoftwareVersion: '0.1.0' };
    check(encodeApiVersionsRequest, decodeApiVersionsRequest, 3, value, [
      ...compactString('eddy-test'), // client_software_name COMPACT_STRING
      ...compactString('0.1.0'), // client_software_version COMPACT_STRING
      ...noTaggedFields, // _tagged_fields
    ]);
  });

  it('response v0', () => {
    const value: ApiVersionsResponse = {
      errorCode: 0,
      apiKeys: [
        { apiKey: 18, minVersion: 0, maxVersion: 4 },
        { apiKey: 3, minVersion: 0, maxVersion: 12 },
      ],
      throttleTimeMs: 0, // v1+
      supportedFeatures: [], // v3+ tagged
      finalizedFeaturesEpoch: -1n, // v3+ tagged, default -1
      finalizedFeatures: [],
      zkMigrationReady: false,
    };
    check(encodeApiVersionsResponse, decodeApiVersionsResponse, 0, value, [
      ...int16(0), // error_code INT16
      ...arrayLength(2), // api_keys ARRAY
      ...int16(18), // api_key
      ...int16(0), // min_version
      ...int16(4), // max_version
      ...int16(3),
      ...int16(0),
      ...int16(12),
    ]);
  });

  it('response v3: compact array, throttle time, and tagged features', () => {
    const value: ApiVersionsResponse = {
      errorCode: 0,
      apiKeys: [{ apiKey: 18, minVersion: 0, maxVersion: 4 }],
      throttleTimeMs: 100,
      supportedFeatures: [{ name: 'metadata.version', minVersion: 1, maxVersion: 20 }],
      finalizedFeaturesEpoch: 7n,
      finalizedFeatures: [{ name: 'metadata.version', maxVersionLevel: 20, minVersionLevel: 20 }],
      zkMigrationReady: false, // default: not sent
    };
    check(encodeApiVersionsResponse, decodeApiVersionsResponse, 3, value, [
      ...int16(0), // error_code
      ...compactArrayLength(1), // api_keys COMPACT_ARRAY
      ...int16(18),
      ...int16(0),
      ...int16(4),
      ...noTaggedFields, // api_keys[0]._tagged_fields
      ...int32(100), // throttle_time_ms
      3, // _tagged_fields: 3 fields, ascending tags
      ...taggedField(0, [
        // SupportedFeatures
        ...compactArrayLength(1),
        ...compactString('metadata.version'), // name
        ...int16(1), // min_version
        ...int16(20), // max_version
        ...noTaggedFields,
      ]),
      ...taggedField(1, int64(7n)), // FinalizedFeaturesEpoch
      ...taggedField(2, [
        // FinalizedFeatures
        ...compactArrayLength(1),
        ...compactString('metadata.version'), // name
        ...int16(20), // max_version_level
        ...int16(20), // min_version_level
        ...noTaggedFields,
      ]),
    ]);
  });
});

// ------------------------------------------------------------ Metadata
describe('Metadata request golden bytes', () => {
  it('v0: array of topic names', () => {
    const value: MetadataRequest = {
      topics: [{ topicId: ZERO_UUID, name: 'orders' }],
      allowAutoTopicCreation: true, // v4+, default true
      includeClusterAuthorizedOperations: false,
      includeTopicAuthorizedOperations: false,
    };
    check(encodeMetadataRequest, decodeMetadataRequest, 0, value, [
      ...arrayLength(1), // topics ARRAY
      ...string('orders'), // name STRING
    ]);
  });

  it('v1: null topics means all topics', () => {
    const value: MetadataRequest = {
      topics: null,
      allowAutoTopicCreation: true,
      includeClusterAuthorizedOperations: false,
      includeTopicAuthorizedOperations: false,
    };
    check(encodeMetadataRequest, decodeMetadataRequest, 1, value, [
      ...arrayLength(-1), // topics: null
    ]);
  });

  it('v4: allow_auto_topic_creation', () => {
    const value: MetadataRequest = {
      topics: [
        { topicId: ZERO_UUID, name: 'a' },
        { topicId: ZERO_UUID, name: 'b' },
      ],
      allowAutoTopicCreation: false,
      includeClusterAuthorizedOperations: false,
      includeTopicAuthorizedOperations: false,
    };
    check(encodeMetadataRequest, decodeMetadataRequest, 4, value, [
      ...arrayLength(2),
      ...string('a'),
      ...string('b'),
      ...bool(false), // allow_auto_topic_creation BOOLEAN
    ]);
  });

  it('v9: first flexible version', () => {
    const value: MetadataRequest = {
      topics: [{ topicId: ZERO_UUID, name: 'orders' }],
      allowAutoTopicCreation: true,
      includeClusterAuthorizedOperations: true, // v8-10
      includeTopicAuthorizedOperations: true, // v8+
    };
    check(encodeMetadataRequest, decodeMetadataRequest, 9, value, [
      ...compactArrayLength(1), // topics COMPACT_ARRAY
      ...compactString('orders'), // name COMPACT_STRING
      ...noTaggedFields, // topics[0]._tagged_fields
      ...bool(true), // allow_auto_topic_creation
      ...bool(true), // include_cluster_authorized_operations
      ...bool(true), // include_topic_authorized_operations
      ...noTaggedFields,
    ]);
  });

  it('v12: topic by id with a null name; no cluster authorized operations', () => {
    const value: MetadataRequest = {
      topics: [{ topicId: TOPIC_ID, name: null }],
      allowAutoTopicCreation: false,
      includeClusterAuthorizedOperations: false, // not in v12
      includeTopicAuthorizedOperations: true,
    };
    check(encodeMetadataRequest, decodeMetadataRequest, 12, value, [
      ...compactArrayLength(1),
      ...uuid(TOPIC_ID_HEX), // topic_id UUID (v10+)
      ...compactNullableString(null), // name COMPACT_NULLABLE_STRING (v10+ nullable)
      ...noTaggedFields,
      ...bool(false), // allow_auto_topic_creation
      ...bool(true), // include_topic_authorized_operations
      ...noTaggedFields,
    ]);
  });
});

describe('Metadata response golden bytes', () => {
  it('v0', () => {
    const value: MetadataResponse = {
      throttleTimeMs: 0, // v3+
      brokers: [{ nodeId: 1, host: 'localhost', port: 9092, rack: null }], // rack v1+, default null
      clusterId: null, // v2+, default null
      controllerId: -1, // v1+, default -1
      topics: [
        {
          errorCode: 0,
          name: 'orders',
          topicId: ZERO_UUID, // v10+
          isInternal: false, // v1+
          partitions: [
            {
              errorCode: 0,
              partitionIndex: 0,
              leaderId: 1,
              leaderEpoch: -1, // v7+, default -1
              replicaNodes: [1],
              isrNodes: [1],
              offlineReplicas: [], // v5+
            },
          ],
          topicAuthorizedOperations: -2147483648, // v8+, default INT32_MIN
        },
      ],
      clusterAuthorizedOperations: -2147483648,
    };
    check(encodeMetadataResponse, decodeMetadataResponse, 0, value, [
      ...arrayLength(1), // brokers
      ...int32(1), // node_id
      ...string('localhost'), // host
      ...int32(9092), // port
      ...arrayLength(1), // topics
      ...int16(0), // error_code
      ...string('orders'), // name
      ...arrayLength(1), // partitions
      ...int16(0), // error_code
      ...int32(0), // partition_index
      ...int32(1), // leader_id
      ...arrayLength(1), // replica_nodes
      ...int32(1),
      ...arrayLength(1), // isr_nodes
      ...int32(1),
    ]);
  });

  it('v9: flexible', () => {
    const value: MetadataResponse = {
      throttleTimeMs: 0,
      brokers: [{ nodeId: 1, host: 'localhost', port: 9092, rack: null }],
      clusterId: 'cluster-x',
      controllerId: 1,
      topics: [
        {
          errorCode: 0,
          name: 'orders',
          topicId: ZERO_UUID, // v10+
          isInternal: false,
          partitions: [
            { errorCode: 0, partitionIndex: 0, leaderId: 1, leaderEpoch: 5, replicaNodes: [1], isrNodes: [1], offlineReplicas: [] },
          ],
          topicAuthorizedOperations: -2147483648,
        },
      ],
      clusterAuthorizedOperations: -2147483648, // v8-10: sent
    };
    check(encodeMetadataResponse, decodeMetadataResponse, 9, value, [
      ...int32(0), // throttle_time_ms
      ...compactArrayLength(1), // brokers
      ...int32(1), // node_id
      ...compactString('localhost'), // host
      ...int32(9092), // port
      ...compactNullableString(null), // rack
      ...noTaggedFields,
      ...compactNullableString('cluster-x'), // cluster_id
      ...int32(1), // controller_id
      ...compactArrayLength(1), // topics
      ...int16(0), // error_code
      ...compactString('orders'), // name (not nullable before v12)
      ...bool(false), // is_internal
      ...compactArrayLength(1), // partitions
      ...int16(0), // error_code
      ...int32(0), // partition_index
      ...int32(1), // leader_id
      ...int32(5), // leader_epoch
      ...compactArrayLength(1), // replica_nodes
      ...int32(1),
      ...compactArrayLength(1), // isr_nodes
      ...int32(1),
      ...compactArrayLength(0), // offline_replicas
      ...noTaggedFields, // partitions[0]
      ...int32(-2147483648), // topic_authorized_operations
      ...noTaggedFields, // topics[0]
      ...int32(-2147483648), // cluster_authorized_operations
      ...noTaggedFields,
    ]);
  });

  it('v12: topic ids, nullable topic names, no cluster authorized operations', () => {
    const value: MetadataResponse = {
      throttleTimeMs: 25,
      brokers: [],
      clusterId: null,
      controllerId: -1,
      topics: [
        {
          errorCode: 3, // UNKNOWN_TOPIC_OR_PARTITION
          name: null,
          topicId: TOPIC_ID,
          isInternal: false,
          partitions: [],
          topicAuthorizedOperations: 0x0ff8,
        },
      ],
      clusterAuthorizedOperations: -2147483648, // not in v12
    };
    check(encodeMetadataResponse, decodeMetadataResponse, 12, value, [
      ...int32(25), // throttle_time_ms
      ...compactArrayLength(0), // brokers
      ...compactNullableString(null), // cluster_id
      ...int32(-1), // controller_id
      ...compactArrayLength(1), // topics
      ...int16(3), // error_code
      ...compactNullableString(null), // name
      ...uuid(TOPIC_ID_HEX), // topic_id
      ...bool(false), // is_internal
      ...compactArrayLength(0), // partitions
      ...int32(0x0ff8), // topic_authorized_operations
      ...noTaggedFields, // topics[0]
      ...noTaggedFields,
    ]);
  });
});
