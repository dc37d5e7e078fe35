/**
 * The per-topic configs Eddy accepts, by Apache Kafka's names, with Kafka's types, limits and
 * defaults (Kafka 4.x), plus Eddy's `dlq.*` (the dead-letter sweeper's policy).
 *
 * A config with a `brokerSynonym` takes its default from that broker config (`retention.ms` ←
 * `log.retention.ms`), so a broker-wide setting applies to every topic that does not override it.
 * `enforced` says whether Eddy acts on the value; the others are accepted, stored and described
 * exactly as Kafka would (so admin tools and frameworks that set them keep working) but have no
 * effect on a single local broker (replication, compaction, tiered storage, compression levels).
 */
import { brokerConfigDefinitionsByName } from '../config/broker-config-definitions';

import { booleanType, intType, LONG_MAX, longType, stringType, versionType, type ConfigType } from '../config/config-type';

export interface TopicConfigDefinition {
  name: string;
  type: ConfigType;
  /** Kafka's default, or one computed from the topic name (`dlq.topic`). */
  default: string | ((topic: string) => string);
  /** The broker config whose value is this config's default. */
  brokerSynonym?: string;
  enforced: boolean;
  doc: string;
}

const int = intType;
const long = longType;
const bool = booleanType;
const string = stringType;
const LONG_MAX_TEXT = LONG_MAX.toString();

export const topicConfigDefinitions: readonly TopicConfigDefinition[] = [
  { name: 'cleanup.policy', type: { kind: 'list', values: ['compact', 'delete'] }, default: 'delete', brokerSynonym: 'log.cleanup.policy', enforced: true, doc: 'delete: retention removes old segments; compact is accepted but not carried out (segments are kept).' },
  { name: 'compression.gzip.level', type: int(-1, 9), default: '-1', enforced: false, doc: 'gzip level when the broker compresses (it stores batches as the producer sent them).' },
  { name: 'compression.lz4.level', type: int(1, 17), default: '9', enforced: false, doc: 'lz4 level when the broker compresses.' },
  { name: 'compression.type', type: { kind: 'enum', values: ['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer'] }, default: 'producer', brokerSynonym: 'compression.type', enforced: false, doc: 'Compression of stored batches; Eddy stores them as the producer sent them.' },
  { name: 'compression.zstd.level', type: int(-131072, 22), default: '3', enforced: false, doc: 'zstd level when the broker compresses.' },
  { name: 'delete.retention.ms', type: long(0n), default: '86400000', enforced: false, doc: 'How long delete tombstones are kept by compaction.' },
  { name: 'dlq.enable', type: bool, default: 'false', enforced: true, doc: 'Eddy: dead-letter records the group dlq.group has not consumed within dlq.max.age.ms.' },
  { name: 'dlq.group', type: string, default: '', enforced: true, doc: 'Eddy: the consumer group whose committed offsets say what was consumed.' },
  { name: 'dlq.max.age.ms', type: long(1n), default: '86400000', enforced: true, doc: 'Eddy: how long a record may stay unconsumed (by broker append time) before it is dead-lettered.' },
  { name: 'dlq.topic', type: string, default: (topic) => `${topic}.dlq`, enforced: true, doc: 'Eddy: where dead letters go (default <topic>.dlq).' },
  { name: 'file.delete.delay.ms', type: long(0n), default: '60000', enforced: false, doc: 'Delay before a deleted segment file is removed (Eddy removes it at once).' },
  { name: 'flush.messages', type: long(1n), default: LONG_MAX_TEXT, brokerSynonym: 'log.flush.interval.messages', enforced: true, doc: 'Records appended before the log is fsynced.' },
  { name: 'flush.ms', type: long(0n), default: LONG_MAX_TEXT, brokerSynonym: 'log.flush.interval.ms', enforced: true, doc: 'Longest time an appended record stays un-fsynced.' },
  { name: 'follower.replication.throttled.replicas', type: string, default: '', enforced: false, doc: 'Replication throttling (no followers on a single broker).' },
  { name: 'index.interval.bytes', type: int(0), default: '4096', enforced: true, doc: 'Bytes between offset index entries.' },
  { name: 'leader.replication.throttled.replicas', type: string, default: '', enforced: false, doc: 'Replication throttling (no followers on a single broker).' },
  { name: 'local.retention.bytes', type: long(-2n), default: '-2', enforced: false, doc: 'Tiered storage: local size limit (no tiered storage here).' },
  { name: 'local.retention.ms', type: long(-2n), default: '-2', enforced: false, doc: 'Tiered storage: local time limit (no tiered storage here).' },
  { name: 'max.compaction.lag.ms', type: long(1n), default: LONG_MAX_TEXT, enforced: false, doc: 'Compaction lag limit.' },
  { name: 'max.message.bytes', type: int(0), default: '1048588', brokerSynonym: 'message.max.bytes', enforced: true, doc: 'Largest record batch accepted.' },
  { name: 'message.downconversion.enable', type: bool, default: 'true', brokerSynonym: 'log.message.downconversion.enable', enforced: false, doc: 'Deprecated (Kafka 3.x): down-conversion of batches for old consumers; no client here needs it.' },
  { name: 'message.format.version', type: versionType, default: '3.0-IV1', brokerSynonym: 'log.message.format.version', enforced: false, doc: 'Deprecated (Kafka 3.0): the record format; ignored, batches are stored as RecordBatch v2.' },
  { name: 'message.timestamp.after.max.ms', type: long(0n), default: '3600000', enforced: false, doc: 'How far in the future a record timestamp may be.' },
  { name: 'message.timestamp.before.max.ms', type: long(0n), default: LONG_MAX_TEXT, enforced: false, doc: 'How far in the past a record timestamp may be.' },
  { name: 'message.timestamp.difference.max.ms', type: long(0n), default: LONG_MAX_TEXT, brokerSynonym: 'log.message.timestamp.difference.max.ms', enforced: false, doc: 'Deprecated (Kafka 3.6, replaced by message.timestamp.before/after.max.ms): how far a record timestamp may be from the broker time.' },
  { name: 'message.timestamp.type', type: { kind: 'enum', values: ['CreateTime', 'LogAppendTime'] }, default: 'CreateTime', enforced: true, doc: 'CreateTime keeps the producer timestamps; LogAppendTime stamps each batch with the broker append time.' },
  { name: 'min.cleanable.dirty.ratio', type: { kind: 'double', min: 0, max: 1 }, default: '0.5', enforced: false, doc: 'Compaction trigger ratio.' },
  { name: 'min.compaction.lag.ms', type: long(0n), default: '0', enforced: false, doc: 'Minimum age before compaction.' },
  { name: 'min.insync.replicas', type: int(1), default: '1', enforced: true, doc: 'Replicas that must hold a record for acks=all (this broker is the only one).' },
  { name: 'preallocate', type: bool, default: 'false', enforced: false, doc: 'Preallocate segment files.' },
  { name: 'remote.log.copy.disable', type: bool, default: 'false', enforced: false, doc: 'Tiered storage (not available).' },
  { name: 'remote.log.delete.on.disable', type: bool, default: 'false', enforced: false, doc: 'Tiered storage (not available).' },
  { name: 'remote.storage.enable', type: bool, default: 'false', enforced: false, doc: 'Tiered storage (not available).' },
  { name: 'retention.bytes', type: long(-1n), default: '-1', brokerSynonym: 'log.retention.bytes', enforced: true, doc: 'Size a partition log may reach before old segments are deleted (-1: no limit).' },
  { name: 'retention.ms', type: long(-1n), default: '604800000', brokerSynonym: 'log.retention.ms', enforced: true, doc: 'Age after which a segment is deleted (-1: forever).' },
  { name: 'segment.bytes', type: int(14), default: '1073741824', brokerSynonym: 'log.segment.bytes', enforced: true, doc: 'Segment size before a new one is rolled.' },
  { name: 'segment.index.bytes', type: int(4), default: '10485760', enforced: false, doc: 'Preallocated index size (Eddy grows indexes as needed).' },
  { name: 'segment.jitter.ms', type: long(0n), default: '0', enforced: false, doc: 'Random jitter subtracted from segment.ms.' },
  { name: 'segment.ms', type: long(1n), default: '604800000', brokerSynonym: 'log.roll.ms', enforced: true, doc: 'Segment age (from its first append) before a new one is rolled.' },
  { name: 'unclean.leader.election.enable', type: bool, default: 'false', enforced: false, doc: 'Leader election from out-of-sync replicas (none here).' },
];

export const topicConfigDefinitionsByName: ReadonlyMap<string, TopicConfigDefinition> = new Map(topicConfigDefinitions.map((definition) => [definition.name, definition]));

/** Broker configs that are synonyms but that the broker config does not define (yet). */
export function missingBrokerSynonyms(): string[] {
  return topicConfigDefinitions.flatMap((definition) => (definition.brokerSynonym && !brokerConfigDefinitionsByName.has(definition.brokerSynonym) ? [definition.brokerSynonym] : []));
}
