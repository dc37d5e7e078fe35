/**
 * The protocol layer's public entry: Kafka's wire primitives and the message codecs generated
 * from Kafka's own message definitions, every version of each. The broker reads requests and
 * writes responses with them; the host's remote cluster (electron/host/cluster/remote/) writes
 * requests and reads responses with the same codecs, at whatever version a cluster speaks (the
 * host imports this file only; see tools/eslint/layers.js).
 */
export { ProtocolReader, ZERO_UUID } from './primitives/reader';
export { ProtocolWriter } from './primitives/writer';
export { ProtocolDecodeError } from './primitives/protocol-decode-error';
export { ErrorCode, errorCodeName, type ErrorCodeName } from './generated/errors';
export { getApiDefinition, type ApiDefinition } from './generated/index';
export {
  ApiVersionsApi,
  CreatePartitionsApi,
  CreateTopicsApi,
  DeleteGroupsApi,
  DeleteRecordsApi,
  DeleteTopicsApi,
  DescribeConfigsApi,
  DescribeGroupsApi,
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
} from './generated/index';
export type { FetchRequest } from './generated/fetch-request';
export type { FetchResponse, FetchResponsePartitionData } from './generated/fetch-response';
export type { InitProducerIdRequest } from './generated/init-producer-id-request';
export type { InitProducerIdResponse } from './generated/init-producer-id-response';
export type { ListOffsetsRequest } from './generated/list-offsets-request';
export type { ListOffsetsResponse } from './generated/list-offsets-response';
export type { MetadataRequest } from './generated/metadata-request';
export type { MetadataResponse, MetadataResponseBroker, MetadataResponsePartition, MetadataResponseTopic } from './generated/metadata-response';
export type { ProduceRequest } from './generated/produce-request';
export type { ProduceResponse } from './generated/produce-response';
export type { DescribeConfigsResponseDescribeConfigsResourceResult } from './generated/describe-configs-response';
