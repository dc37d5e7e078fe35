/**
 * The Kafka protocol versions this console's client (@platformatic/kafka 1.35) can speak: for each
 * API, the lowest and highest version it implements (its `dist/apis/<group>/<api>-v<N>.js` files).
 * It never falls back below the lowest, so a broker whose highest version of an API is below it
 * cannot serve that API through the client (feature-support.ts says which features that
 * disables). A test checks this table against node_modules, so an upgrade of the client that
 * changes it fails there first.
 */

export interface ClientApiVersions {
  key: number;
  name: string;
  min: number;
  max: number;
}

const api = (key: number, name: string, min: number, max: number): ClientApiVersions => ({ key, name, min, max });

export const CLIENT_API_VERSIONS: readonly ClientApiVersions[] = [
  api(0, 'Produce', 7, 11),
  api(1, 'Fetch', 12, 17),
  api(2, 'ListOffsets', 5, 9),
  api(3, 'Metadata', 9, 12),
  api(8, 'OffsetCommit', 8, 9),
  api(9, 'OffsetFetch', 8, 9),
  api(10, 'FindCoordinator', 4, 6),
  api(11, 'JoinGroup', 6, 9),
  api(12, 'Heartbeat', 4, 4),
  api(13, 'LeaveGroup', 4, 5),
  api(14, 'SyncGroup', 4, 5),
  api(15, 'DescribeGroups', 5, 5),
  api(16, 'ListGroups', 4, 5),
  api(17, 'SaslHandshake', 1, 1),
  api(18, 'ApiVersions', 3, 4),
  api(19, 'CreateTopics', 7, 7),
  api(20, 'DeleteTopics', 6, 6),
  api(21, 'DeleteRecords', 2, 2),
  api(22, 'InitProducerId', 3, 5),
  api(23, 'OffsetForLeaderEpoch', 4, 4),
  api(24, 'AddPartitionsToTxn', 3, 5),
  api(25, 'AddOffsetsToTxn', 1, 4),
  api(26, 'EndTxn', 3, 4),
  api(28, 'TxnOffsetCommit', 3, 4),
  api(29, 'DescribeAcls', 2, 3),
  api(30, 'CreateAcls', 2, 3),
  api(31, 'DeleteAcls', 2, 3),
  api(32, 'DescribeConfigs', 2, 4),
  api(33, 'AlterConfigs', 2, 2),
  api(34, 'AlterReplicaLogDirs', 2, 2),
  api(35, 'DescribeLogDirs', 2, 4),
  api(36, 'SaslAuthenticate', 2, 2),
  api(37, 'CreatePartitions', 1, 3),
  api(38, 'CreateDelegationToken', 3, 3),
  api(39, 'RenewDelegationToken', 2, 2),
  api(40, 'ExpireDelegationToken', 2, 2),
  api(41, 'DescribeDelegationToken', 3, 3),
  api(42, 'DeleteGroups', 2, 2),
  api(44, 'IncrementalAlterConfigs', 1, 1),
  api(45, 'AlterPartitionReassignments', 0, 1),
  api(46, 'ListPartitionReassignments', 0, 0),
  api(47, 'OffsetDelete', 0, 0),
  api(48, 'DescribeClientQuotas', 0, 0),
  api(49, 'AlterClientQuotas', 1, 1),
  api(50, 'DescribeUserScramCredentials', 0, 0),
  api(51, 'AlterUserScramCredentials', 0, 0),
  api(55, 'DescribeQuorum', 2, 2),
  api(56, 'AlterPartition', 3, 3),
  api(57, 'UpdateFeatures', 1, 1),
  api(58, 'Envelope', 0, 0),
  api(60, 'DescribeCluster', 0, 1),
  api(61, 'DescribeProducers', 0, 0),
  api(64, 'UnregisterBroker', 0, 0),
  api(65, 'DescribeTransactions', 0, 0),
  api(66, 'ListTransactions', 0, 2),
  api(68, 'ConsumerGroupHeartbeat', 0, 1),
  api(69, 'ConsumerGroupDescribe', 0, 0),
  api(71, 'GetTelemetrySubscriptions', 0, 0),
  api(72, 'PushTelemetry', 0, 0),
  api(74, 'ListClientMetricsResources', 0, 0),
  api(75, 'DescribeTopicPartitions', 0, 0),
];


/** The Kafka release that introduced a version, for the words; only the versions the minimums hit. */
const KAFKA_RELEASE_OF: Record<string, string> = {
  'ApiVersions 3': 'Kafka 2.4',
  'Metadata 9': 'Kafka 2.4',
  'Fetch 12': 'Kafka 2.7',
  'ListOffsets 5': 'Kafka 2.2',
  'Produce 7': 'Kafka 2.1',
  'OffsetCommit 8': 'Kafka 2.4',
  'OffsetFetch 8': 'Kafka 3.0',
  'FindCoordinator 4': 'Kafka 3.0',
  'DescribeGroups 5': 'Kafka 2.4',
  'ListGroups 4': 'Kafka 2.6',
  'CreateTopics 7': 'Kafka 2.8',
  'DeleteTopics 6': 'Kafka 2.8',
  'DescribeConfigs 2': 'Kafka 2.0',
};

/** "Kafka 2.7 or later" for a minimum version, or "a newer Kafka" when the table does not know. */
export function kafkaReleaseFor(name: string, version: number): string {
  const release = KAFKA_RELEASE_OF[`${name} ${version}`];
  return release ? `${release} or later` : 'a newer Kafka release';
}
