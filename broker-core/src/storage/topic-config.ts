/**
 * A topic's configs: validation of overrides, their resolution against broker defaults, what
 * DescribeConfigs shows, and the parsed values the log acts on.
 *
 * Overrides are kept as canonical strings (`"1000"`, `"true"`, `"compact,delete"`), only for the
 * names a topic sets; everything else comes from the broker config (via the synonym) or Kafka's
 * default. An unknown name or a value outside its type is a StorageError INVALID_CONFIG that names
 * the config, the value and what is allowed (Kafka's InvalidConfigurationException).
 */
import type { BrokerConfig } from '../config/broker-config';
import { brokerConfigDefinitionsByName } from '../config/broker-config-definitions';
import { StorageError } from './storage-error';
import { canonicalConfigValue, configTypeName, describeConfigType, type ConfigTypeName } from '../config/config-type';
import { topicConfigDefinitionsByName, type TopicConfigDefinition } from './topic-config-definitions';

/** Where a described value comes from, by Kafka's DescribeConfigs source names. */
export type ConfigSource = 'DYNAMIC_TOPIC_CONFIG' | 'STATIC_BROKER_CONFIG' | 'DEFAULT_CONFIG';
/** Kafka's numeric ids of those sources (DescribeConfigs v1+). */
export const CONFIG_SOURCE_IDS: Readonly<Record<ConfigSource, number>> = { DYNAMIC_TOPIC_CONFIG: 1, STATIC_BROKER_CONFIG: 4, DEFAULT_CONFIG: 5 };
export { CONFIG_TYPE_IDS, type ConfigTypeName } from '../config/config-type';

export interface ConfigSynonym {
  name: string;
  value: string;
  source: ConfigSource;
}

export interface TopicConfigEntry {
  name: string;
  value: string;
  isDefault: boolean;
  source: ConfigSource;
  readOnly: boolean;
  sensitive: boolean;
  type: ConfigTypeName;
  documentation: string;
  /** Whether Eddy acts on it (see topic-config-definitions.ts). */
  enforced: boolean;
  /** The topic override, the broker config and the hard default, most specific first. */
  synonyms: ConfigSynonym[];
}

export type AlterConfigOp = 'SET' | 'DELETE' | 'APPEND' | 'SUBTRACT';

export interface AlterConfigOperation {
  name: string;
  op: AlterConfigOp;
  value: string | null;
}

/** The parsed values the partition logs act on. */
export interface EffectiveTopicConfig {
  segmentBytes: number;
  segmentMs: number;
  retentionMs: number;
  retentionBytes: number;
  flushMs: number;
  flushMessages: number;
  maxMessageBytes: number;
  indexIntervalBytes: number;
  logAppendTime: boolean;
  deleteEnabled: boolean;
  minInsyncReplicas: number;
  /** The dead-letter sweeper's policy (`dlq.*`, Eddy's own configs). */
  dlq: { enabled: boolean; group: string; maxAgeMs: number; topic: string };
}

function definitionOf(name: string): TopicConfigDefinition {
  const definition = topicConfigDefinitionsByName.get(name);
  if (!definition) throw new StorageError('INVALID_CONFIG', `unknown topic config "${name}"`);
  return definition;
}

/** The canonical form of `raw` for topic config `name`; throws INVALID_CONFIG. */
export function validateTopicConfigValue(name: string, raw: string | null): string {
  const type = definitionOf(name).type;
  const canonical = raw === null ? null : canonicalConfigValue(type, raw);
  if (canonical === null) throw new StorageError('INVALID_CONFIG', `invalid value ${raw === null ? 'null' : `"${raw}"`} for topic config ${name}: expected ${describeConfigType(type)}`);
  return canonical;
}

/** Validates a whole set of overrides, returning their canonical forms. */
export function validateTopicConfigs(overrides: Readonly<Record<string, string | null>>): Record<string, string> {
  const canonical: Record<string, string> = {};
  for (const [name, raw] of Object.entries(overrides)) canonical[name] = validateTopicConfigValue(name, raw);
  return canonical;
}

/** The overrides after Kafka's IncrementalAlterConfigs operations, validated. */
export function applyAlterOperations(
  current: Readonly<Record<string, string>>,
  operations: readonly AlterConfigOperation[],
  /** The value in force without an override (the broker's or Kafka's default). */
  defaultValue: (name: string) => string,
): Record<string, string> {
  const next: Record<string, string> = { ...current };
  for (const { name, op, value } of operations) {
    const definition = definitionOf(name);
    switch (op) {
      case 'SET':
        next[name] = validateTopicConfigValue(name, value);
        break;
      case 'DELETE':
        delete next[name];
        break;
      case 'APPEND':
      case 'SUBTRACT': {
        if (definition.type.kind !== 'list') throw new StorageError('INVALID_CONFIG', `${op} is only allowed for list configs; ${name} is not one`);
        // As Kafka: a list operation starts from the value in force (the default when there is no
        // override), and a list emptied by SUBTRACT stays overridden as an empty list.
        const items = new Set((next[name] ?? defaultValue(name)).split(',').filter((item) => item !== ''));
        for (const item of validateTopicConfigValue(name, value).split(',')) {
          if (op === 'APPEND') items.add(item);
          else items.delete(item);
        }
        next[name] = [...items].join(',');
        break;
      }
      default:
        throw new StorageError('INVALID_CONFIG', `unknown config operation ${String(op)} for ${name}`);
    }
  }
  return next;
}

function defaultOf(definition: TopicConfigDefinition, topic: string, brokerConfig: BrokerConfig): { value: string; source: ConfigSource; synonyms: ConfigSynonym[] } {
  const hardDefault = typeof definition.default === 'function' ? definition.default(topic) : definition.default;
  const synonym = definition.brokerSynonym;
  const brokerDefinition = synonym ? brokerConfigDefinitionsByName.get(synonym) : undefined;
  if (synonym && brokerDefinition) {
    const value = brokerConfig.get(synonym);
    const source: ConfigSource = value === brokerDefinition.default ? 'DEFAULT_CONFIG' : 'STATIC_BROKER_CONFIG';
    const synonyms: ConfigSynonym[] = [{ name: synonym, value, source }];
    if (source === 'STATIC_BROKER_CONFIG') synonyms.push({ name: synonym, value: brokerDefinition.default, source: 'DEFAULT_CONFIG' });
    return { value, source, synonyms };
  }
  return { value: hardDefault, source: 'DEFAULT_CONFIG', synonyms: [{ name: synonym ?? definition.name, value: hardDefault, source: 'DEFAULT_CONFIG' }] };
}

/** Every topic config with its value, source and synonyms, as DescribeConfigs shows them. */
export function describeTopicConfigs(topic: string, overrides: Readonly<Record<string, string>>, brokerConfig: BrokerConfig): TopicConfigEntry[] {
  return [...topicConfigDefinitionsByName.values()].map((definition) => {
    const fallback = defaultOf(definition, topic, brokerConfig);
    const override = overrides[definition.name];
    const base = { name: definition.name, readOnly: false, sensitive: false, type: configTypeName(definition.type), documentation: definition.doc, enforced: definition.enforced };
    if (override !== undefined) {
      return { ...base, value: override, isDefault: false, source: 'DYNAMIC_TOPIC_CONFIG', synonyms: [{ name: definition.name, value: override, source: 'DYNAMIC_TOPIC_CONFIG' }, ...fallback.synonyms] };
    }
    return { ...base, value: fallback.value, isDefault: fallback.source === 'DEFAULT_CONFIG', source: fallback.source, synonyms: fallback.synonyms };
  });
}

/** The value in force for one config. */
export function topicConfigValue(name: string, topic: string, overrides: Readonly<Record<string, string>>, brokerConfig: BrokerConfig): string {
  return overrides[name] ?? defaultOf(definitionOf(name), topic, brokerConfig).value;
}

export function effectiveTopicConfig(topic: string, overrides: Readonly<Record<string, string>>, brokerConfig: BrokerConfig): EffectiveTopicConfig {
  const value = (name: string) => topicConfigValue(name, topic, overrides, brokerConfig);
  const number = (name: string) => Number(value(name));
  return {
    segmentBytes: number('segment.bytes'),
    segmentMs: number('segment.ms'),
    retentionMs: number('retention.ms'),
    retentionBytes: number('retention.bytes'),
    flushMs: number('flush.ms'),
    flushMessages: number('flush.messages'),
    maxMessageBytes: number('max.message.bytes'),
    indexIntervalBytes: number('index.interval.bytes'),
    logAppendTime: value('message.timestamp.type') === 'LogAppendTime',
    deleteEnabled: value('cleanup.policy').split(',').includes('delete'),
    minInsyncReplicas: number('min.insync.replicas'),
    dlq: { enabled: value('dlq.enable') === 'true', group: value('dlq.group'), maxAgeMs: number('dlq.max.age.ms'), topic: value('dlq.topic') },
  };
}
