/**
 * The broker configs Eddy understands, by Apache Kafka's names, with Kafka's defaults.
 *
 * Names that Kafka has keep Kafka's meaning; `dlq.*` is Eddy's own (the dead-letter sweeper).
 * Values are kept as validated strings so they can be shown and described exactly as given.
 */

import { booleanType, intType, LONG_MAX, longType, stringType, versionType, type ConfigType } from './config-type';

export interface BrokerConfigDefinition {
  name: string;
  type: ConfigType;
  default: string;
  doc: string;
  /** A secret (a password, a private key): DescribeConfigs answers null for it, as Kafka does, and `Broker.config` hides it. */
  sensitive?: boolean;
}

const int = intType;
const long = longType;
const bool = booleanType;
const string = stringType;
const storeType: ConfigType = { kind: 'enum', values: ['PEM', 'PKCS12', 'JKS'] };

export const brokerConfigDefinitions: readonly BrokerConfigDefinition[] = [
  { name: 'node.id', type: int(0), default: '1', doc: 'The id this broker has in Metadata.' },
  { name: 'auto.create.topics.enable', type: bool, default: 'true', doc: 'Create a topic when a client asks for its metadata or produces to it.' },
  { name: 'num.partitions', type: int(1), default: '1', doc: 'Partitions of an auto-created topic.' },
  { name: 'default.replication.factor', type: int(1, 1), default: '1', doc: 'Replication factor of auto-created topics (a single broker has one replica).' },
  { name: 'message.max.bytes', type: int(0), default: '1048588', doc: 'Largest record batch the broker accepts.' },
  { name: 'socket.request.max.bytes', type: int(1), default: '104857600', doc: 'Largest request frame the broker reads; a larger one closes the connection.' },
  { name: 'log.retention.ms', type: long(-1n), default: '604800000', doc: 'Default time to keep a log segment (-1: forever).' },
  { name: 'log.retention.bytes', type: long(-1n), default: '-1', doc: 'Default size limit of a partition log (-1: none).' },
  { name: 'log.retention.check.interval.ms', type: long(1n), default: '300000', doc: 'How often retention runs.' },
  { name: 'log.segment.bytes', type: int(14), default: '1073741824', doc: 'Default segment size before a new segment is rolled.' },
  { name: 'log.roll.ms', type: long(1n), default: '604800000', doc: 'Default segment age before a new segment is rolled.' },
  {
    name: 'log.tail.cache.bytes',
    type: long(0n),
    default: '268435456',
    doc: 'Memory for the latest written bytes of the logs, so consumers near the end are served without reading the files (0: off). Not a Kafka config.',
  },
  { name: 'log.flush.interval.messages', type: long(1n), default: String(LONG_MAX), doc: 'Records written before a forced fsync.' },
  { name: 'log.flush.interval.ms', type: long(0n), default: String(LONG_MAX), doc: 'Time a record may stay un-fsynced.' },
  { name: 'log.cleanup.policy', type: { kind: 'enum', values: ['delete'] }, default: 'delete', doc: 'Default cleanup policy (compaction is not supported yet).' },
  // Deprecated in Kafka 3.x and without effect on RecordBatch v2 logs, still in many server.properties files:
  // accepted, so such a file keeps working, and the topic configs of the same meaning have a synonym.
  { name: 'log.message.format.version', type: versionType, default: '3.0-IV1', doc: 'Deprecated (Kafka 3.0): the record format of the logs; ignored, every batch is stored as RecordBatch v2.' },
  { name: 'log.message.timestamp.difference.max.ms', type: long(0n), default: String(LONG_MAX), doc: 'Deprecated (Kafka 3.6): how far a record timestamp may be from the broker time; accepted, not enforced.' },
  { name: 'log.message.downconversion.enable', type: bool, default: 'true', doc: 'Deprecated (Kafka 3.x): down-conversion for old consumers; accepted, no effect (no client here needs it).' },
  { name: 'compression.type', type: { kind: 'enum', values: ['producer', 'uncompressed', 'gzip', 'snappy', 'lz4', 'zstd'] }, default: 'producer', doc: 'Default compression of stored batches (producer: as sent).' },
  { name: 'offsets.retention.minutes', type: int(1), default: '10080', doc: 'How long committed offsets of an empty group are kept.' },
  // Kafka's code default is 3000; its shipped server.properties sets 0 "for a better out-of-the-box experience for
  // development and testing", which is what a local development broker is for.
  { name: 'group.initial.rebalance.delay.ms', type: int(0), default: '0', doc: 'Delay of the first rebalance of a new group (0, as in the server.properties Kafka ships; Kafka\'s code default is 3000).' },
  { name: 'group.min.session.timeout.ms', type: int(0), default: '6000', doc: 'Smallest session timeout a member may ask for.' },
  { name: 'group.max.session.timeout.ms', type: int(0), default: '1800000', doc: 'Largest session timeout a member may ask for.' },
  {
    name: 'request.stall.log.ms',
    type: long(1n),
    default: '30000',
    doc: 'A request unanswered this long past its expected wait (a long poll\'s max wait, a rebalance) is logged once and marked in the console. Not a Kafka config; 30 s is clients\' default request.timeout.ms.',
  },
  { name: 'dlq.sweep.interval.ms', type: long(1n), default: '1000', doc: 'How often the dead-letter sweeper runs.' },
  // Listeners and their security (security/listener-config.ts, tls-options.ts, sasl-users.ts, oauthbearer-options.ts check these at start).
  {
    name: 'listeners',
    type: string,
    default: '',
    doc: 'Where the broker listens, as Kafka writes it: NAME://host:port, comma-separated (e.g. PLAINTEXT://:9092,SASL_SSL://:9093; an empty host is loopback). Empty: one PLAINTEXT listener on --port (Kafka\'s default is PLAINTEXT://:9092).',
  },
  { name: 'advertised.listeners', type: string, default: '', doc: 'What Metadata tells a client of each listener, NAME://host:port (an empty host is the advertised host, port 0 the bound port). Empty: the listeners themselves.' },
  {
    name: 'listener.security.protocol.map',
    type: string,
    default: 'PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL',
    doc: 'Listener names to security protocols (NAME:PROTOCOL, comma-separated), for listeners not named after their protocol.',
  },
  { name: 'ssl.keystore.type', type: storeType, default: 'PEM', doc: 'PEM or PKCS12 (JKS is refused: convert it with keytool). Kafka\'s default is JKS, which Node cannot read.' },
  { name: 'ssl.keystore.location', type: string, default: '', doc: 'The key store file: PEM (private key and certificate chain) or PKCS12.' },
  { name: 'ssl.keystore.password', type: string, default: '', doc: 'The password of a PKCS12 key store.', sensitive: true },
  { name: 'ssl.keystore.key', type: string, default: '', doc: 'The private key as PEM text (instead of ssl.keystore.location).', sensitive: true },
  { name: 'ssl.keystore.certificate.chain', type: string, default: '', doc: 'The certificate chain as PEM text (with ssl.keystore.key).' },
  { name: 'ssl.key.password', type: string, default: '', doc: 'The password of an encrypted private key.', sensitive: true },
  { name: 'ssl.client.auth', type: { kind: 'enum', values: ['none', 'requested', 'required'] }, default: 'none', doc: 'Whether TLS clients are asked for a certificate (checked against the trust store).' },
  { name: 'ssl.truststore.type', type: storeType, default: 'PEM', doc: 'PEM only here (convert JKS or PKCS12 trust stores to PEM).' },
  { name: 'ssl.truststore.location', type: string, default: '', doc: 'PEM file of the CA certificates client certificates are checked against (ssl.client.auth).' },
  { name: 'ssl.truststore.certificates', type: string, default: '', doc: 'The trusted CA certificates as PEM text (instead of ssl.truststore.location).' },
  {
    name: 'sasl.enabled.mechanisms',
    type: string,
    default: 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512',
    doc: 'SASL mechanisms of the SASL listeners: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER (Kafka\'s unsecured tokens, for trying clients: not in the default). Kafka\'s default is GSSAPI, which Eddy does not serve.',
  },
  ...['sasl_plaintext', 'sasl_ssl'].map((listener) => ({
    name: `listener.name.${listener}.oauthbearer.sasl.jaas.config`,
    type: string,
    default: '',
    doc: `The JAAS entry of OAUTHBEARER on the ${listener.toUpperCase()} listener, as Kafka writes it: org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required with the unsecured validator's options unsecuredValidatorPrincipalClaimName, unsecuredValidatorScopeClaimName, unsecuredValidatorRequiredScope, unsecuredValidatorAllowableClockSkewMs. Empty: Kafka's defaults (sub, scope, none, 0).`,
    sensitive: true,
  })),
  { name: 'sasl.users', type: string, default: '', doc: 'The SASL users, user:password, comma-separated. Not a Kafka config (Kafka keeps users in JAAS files and SCRAM credentials in the cluster).', sensitive: true },
  { name: 'sasl.users.file', type: string, default: '', doc: 'A file of SASL users, one user:password a line (# comments). Not a Kafka config; --sasl-users-file sets it.' },
];

export const brokerConfigDefinitionsByName: ReadonlyMap<string, BrokerConfigDefinition> = new Map(
  brokerConfigDefinitions.map((definition) => [definition.name, definition]),
);
