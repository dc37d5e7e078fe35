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
import { topicConfigDefinitionsByName, type TopicConfigDefinition, type TopicConfigType } from './topic-config-definitions';

/** Where a described value comes from, by Kafka's DescribeConfigs source names. */
export type ConfigSource = 'DYNAMIC_TOPIC_CONFIG' | 'STATIC_BROKER_CONFIG' | 'DEFAULT_CONFIG';
/** Kafka's numeric ids of those sources (DescribeConfigs v1+). */
export const CONFIG_SOURCE_IDS: Readonly<Record<ConfigSource, number>> = { DYNAMIC_TOPIC_CONFIG: 1, STATIC_BROKER_CONFIG: 4, DEFAULT_CONFIG: 5 };
/** Kafka's DescribeConfigs config types (v3+). */
export type ConfigTypeName = 'BOOLEAN' | 'STRING' | 'INT' | 'LONG' | 'DOUBLE' | 'LIST';
export const CONFIG_TYPE_IDS: Readonly<Record<ConfigTypeName, number>> = { BOOLEAN: 1, STRING: 2, INT: 3, LONG: 5, DOUBLE: 6, LIST: 7 };

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
}

function describeType(type: TopicConfigType): string {
  switch (type.kind) {
    case 'boolean':
      return 'true or false';
    case 'int':
    case 'long':
      return `an integer from ${type.min} to ${type.max}`;
    case 'double':
      return `a number from ${type.min} to ${type.max}`;
    case 'enum':
      return `one of ${type.values.join(', ')}`;
    case 'list':
      return `a comma-separated list of ${type.values.join(', ')}`;
    case 'string':
      return 'a string';
  }
}

function typeName(type: TopicConfigType): ConfigTypeName {
  const names: Record<TopicConfigType['kind'], ConfigTypeName> = { boolean: 'BOOLEAN', int: 'INT', long: 'LONG', double: 'DOUBLE', enum: 'STRING', list: 'LIST', string: 'STRING' };
  return names[type.kind];
}

function definitionOf(name: string): TopicConfigDefinition {
  const definition = topicConfigDefinitionsByName.get(name);
  if (!definition) throw new StorageError('INVALID_CONFIG', `unknown topic config "${name}"`);
  return definition;
}

/** The canonical form of `raw` for topic config `name`; throws INVALID_CONFIG. */
export function validateTopicConfigValue(name: string, raw: string | null): string {
  const definition = definitionOf(name);
  const type = definition.type;
  const fail = (): never => {
    throw new StorageError('INVALID_CONFIG', `invalid value ${raw === null ? 'null' : `"${raw}"`} for topic config ${name}: expected ${describeType(type)}`);
  };
  if (raw === null) return fail();
  const value = raw.trim();
  switch (type.kind) {
    case 'boolean': {
      const lower = value.toLowerCase();
      return lower === 'true' || lower === 'false' ? lower : fail();
    }
    case 'int':
    case 'long': {
      if (!/^-?\d+$/.test(value)) return fail();
      const parsed = BigInt(value);
      return parsed < BigInt(type.min) || parsed > BigInt(type.max) ? fail() : parsed.toString();
    }
    case 'double': {
      const parsed = Number(value);
      return value === '' || !Number.isFinite(parsed) || parsed < type.min || parsed > type.max ? fail() : String(parsed);
    }
    case 'enum':
      return type.values.find((allowed) => allowed.toLowerCase() === value.toLowerCase()) ?? fail();
    case 'list': {
      const items = value.split(',').map((item) => item.trim().toLowerCase());
      if (items.some((item) => !type.values.includes(item))) return fail();
      return [...new Set(items)].join(',');
    }
    case 'string':
      return value;
  }
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
    const base = { name: definition.name, readOnly: false, sensitive: false, type: typeName(definition.type), documentation: definition.doc, enforced: definition.enforced };
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
  };
}
