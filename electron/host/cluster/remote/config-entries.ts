/**
 * Topics' configs by DescribeConfigs, written by this console at the version the broker takes
 * (kafka-request.ts), and its entries in the seam's terms (cluster-admin.ts): Kafka's config
 * source and type names instead of the protocol's numbers. Any broker answers for a topic.
 */
import type { DescribeConfigsResponseDescribeConfigsResourceResult } from '../../../../broker-core/src/protocol/index';
import type { BrokerConnections } from './broker-connections';
import { ask, kafkaError, OWN_APIS } from './kafka-request';
import type { ConfigEntryInfo, ConfigSourceName } from '../cluster-admin';

const sources: Record<number, ConfigSourceName> = {
  1: 'DYNAMIC_TOPIC_CONFIG',
  2: 'DYNAMIC_BROKER_CONFIG',
  3: 'DYNAMIC_DEFAULT_BROKER_CONFIG',
  4: 'STATIC_BROKER_CONFIG',
  5: 'DEFAULT_CONFIG',
};

const types: Record<number, string> = { 1: 'BOOLEAN', 2: 'STRING', 3: 'INT', 4: 'SHORT', 5: 'LONG', 6: 'DOUBLE', 7: 'LIST', 8: 'CLASS', 9: 'PASSWORD' };

const sourceName = (source: number): ConfigSourceName => sources[source] ?? 'UNKNOWN';
const TOPIC_RESOURCE = 2;
/** DescribeConfigs v0 says only whether a value is the default (v1 brought the source). */
const FIRST_WITH_SOURCE = 1;

export function configEntry(config: DescribeConfigsResponseDescribeConfigsResourceResult, version: number): ConfigEntryInfo {
  const source = version >= FIRST_WITH_SOURCE ? sourceName(config.configSource) : config.isDefault ? 'DEFAULT_CONFIG' : 'UNKNOWN';
  return {
    name: config.name,
    value: config.value ?? null,
    source,
    readOnly: config.readOnly,
    sensitive: config.isSensitive,
    synonyms: config.synonyms.map((synonym) => ({ name: synonym.name, value: synonym.value ?? null, source: sourceName(synonym.source) })),
    type: types[config.configType] ?? null,
    documentation: config.documentation ?? null,
    // Kafka's DescribeConfigs tells neither allowed values nor bounds; Kafka acts on every config.
    allowedValues: null,
    range: null,
    enforced: true,
  };
}

export interface DescribeOptions {
  /** Only these configs (null: all). */
  keys?: string[] | null;
  synonyms?: boolean;
  documentation?: boolean;
}

/** Each topic's configs; a topic's error (one that does not exist: UNKNOWN_TOPIC_OR_PARTITION) is thrown. */
export async function describeTopicConfigs(brokers: BrokerConnections, topics: readonly string[], options: DescribeOptions = {}): Promise<Map<string, ConfigEntryInfo[]>> {
  const connection = await brokers.any();
  const version = await brokers.versionOn(connection, OWN_APIS.describeConfigs);
  const answer = await ask(connection, OWN_APIS.describeConfigs, version, {
    resources: topics.map((resourceName) => ({ resourceType: TOPIC_RESOURCE, resourceName, configurationKeys: options.keys ?? null })),
    includeSynonyms: options.synonyms ?? false,
    includeDocumentation: options.documentation ?? false,
  });
  const described = new Map<string, ConfigEntryInfo[]>();
  for (const result of answer.results) {
    if (result.errorCode !== 0) throw kafkaError(result.errorCode, result.errorMessage ?? `configs of "${result.resourceName}"`);
    described.set(result.resourceName, result.configs.map((config) => configEntry(config, version)));
  }
  return described;
}
