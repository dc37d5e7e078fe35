/** broker-core's public API: start a broker in process, or run `cli.ts` for a headless one. */
export { startBroker, DEFAULT_PORT } from './start-broker';
export { BrokerStartError } from './broker-api';
export type { Broker, BrokerEndpoint, BrokerLogger, BrokerOptions, BrokerStartErrorCode, ClientConnection, ConnectionIdentity, PendingRequestInfo } from './broker-api';
export { defaultDataDir, userAppDataDir, PRODUCT_NAME } from './default-data-dir';
export { BROKER_VERSION } from './version';
export { whenLauncherExits } from './launcher-watch';
export { brokerConfigDefinitions } from './config/broker-config-definitions';
export type { BrokerConfigDefinition } from './config/broker-config-definitions';
export { InvalidBrokerConfigError, validateConfigValue } from './config/broker-config';
export { describeConfigType } from './config/config-type';
export type { ConfigType } from './config/config-type';
export { topicConfigDefinitionsByName } from './storage/topic-config-definitions';
export type { TopicConfigDefinition } from './storage/topic-config-definitions';
export { GroupOperationError } from './groups/group-operation-error';
export { GroupState } from './groups/group-state';
export type { GroupCoordinator, OffsetChange } from './groups/group-coordinator';
export type { GroupOverview, GroupDescription, GroupMemberDescription, CommittedOffsetView } from './groups/group-views';
export type { GroupEvent, GroupEventListener } from './groups/group-events';
export type { LogManager, TopicDescription } from './storage/log-manager';
export type { TopicConfigEntry } from './storage/topic-config';
// Kafka's record batch codec (its own layer, records/): the same names as before, from its entry.
export {
  readStoredRecords,
  compress,
  decompress,
  DEFAULT_MAX_DECOMPRESSED_BYTES,
  COMPRESSION_CODECS,
  DecompressionError,
  UnsupportedCompressionError,
  compressRecordBatch,
  buildRecordBatch,
  offsetAfterBatches,
  DLQ_HEADER_TOPIC,
  DLQ_HEADER_PARTITION,
  DLQ_HEADER_OFFSET,
  DLQ_HEADER_GROUP,
  DLQ_HEADER_MESSAGE,
  DLQ_HEADER_DEAD_AT,
  DLQ_HEADER_REPLAY_OF,
} from './records/index';
export type {
  StoredRecord,
  StoredRecordHeader,
  StoredRecordsRead,
  ReadStoredRecordsOptions,
  BatchReadError,
  ControlBatch,
  TimestampType,
  DecompressOptions,
  CompressionCodec,
  RecordInput,
  RecordHeader,
  RecordBatchOptions,
} from './records/index';
export type { DeadLetterSweeper, SweeperStatusView, SweptTopicView, SweepMove, SweepResult } from './dlq/sweeper-api';
