/**
 * A DescribeConfigs answer's entries in the seam's terms (cluster-admin.ts): Kafka's config
 * source and type names instead of the protocol's numbers.
 */
import type { describeConfigsV4 } from '@platformatic/kafka';
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

export function configEntry(config: describeConfigsV4.DescribeConfigsResponseConfig): ConfigEntryInfo {
  return {
    name: config.name,
    value: config.value ?? null,
    source: sourceName(config.configSource),
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
