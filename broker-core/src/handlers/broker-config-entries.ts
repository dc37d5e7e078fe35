/**
 * This broker's configs as DescribeConfigs shows a BROKER resource: every config Eddy understands,
 * with its value, its source (STATIC_BROKER_CONFIG when set at start-up to something other than
 * Kafka's default, DEFAULT_CONFIG otherwise), its synonyms (the static value, then the default),
 * Kafka's type and a description. All are read-only: there are no dynamic broker configs here.
 */
import type { BrokerConfig } from '../config/broker-config';
import { brokerConfigDefinitions } from '../config/broker-config-definitions';
import { configTypeName, type ConfigType, type ConfigTypeName } from '../config/config-type';
import type { ConfigSynonym, TopicConfigEntry } from '../storage/topic-config';

/** What DescribeConfigs needs of one config, topic or broker. */
export type DescribedConfig = Pick<TopicConfigEntry, 'name' | 'value' | 'isDefault' | 'source' | 'readOnly' | 'sensitive' | 'type' | 'documentation' | 'synonyms'>;

/** Kafka's types of the broker configs whose Eddy type (an enum of strings) does not say it. */
const KAFKA_TYPE_OVERRIDES: Readonly<Record<string, ConfigTypeName>> = { 'log.cleanup.policy': 'LIST' };

function typeName(name: string, type: ConfigType): ConfigTypeName {
  return KAFKA_TYPE_OVERRIDES[name] ?? configTypeName(type);
}

export function describeBrokerConfigs(config: BrokerConfig): DescribedConfig[] {
  return brokerConfigDefinitions.map((definition) => {
    const value = config.get(definition.name);
    const isStatic = value !== definition.default;
    const synonyms: ConfigSynonym[] = [{ name: definition.name, value: definition.default, source: 'DEFAULT_CONFIG' }];
    if (isStatic) synonyms.unshift({ name: definition.name, value, source: 'STATIC_BROKER_CONFIG' });
    return {
      name: definition.name,
      value,
      isDefault: !isStatic,
      source: isStatic ? 'STATIC_BROKER_CONFIG' : 'DEFAULT_CONFIG',
      readOnly: true,
      sensitive: definition.sensitive ?? false,
      type: typeName(definition.name, definition.type),
      documentation: definition.doc,
      synonyms,
    };
  });
}
