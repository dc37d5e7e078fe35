/**
 * The value types of Kafka configs, broker and topic alike: how a value is checked and put in
 * canonical form, how the allowed values are described in an error, and Kafka's type name for
 * DescribeConfigs. broker-config.ts and storage/topic-config.ts both validate through here.
 */

export type ConfigType =
  | { kind: 'boolean' }
  | { kind: 'int'; min: number; max: number }
  | { kind: 'long'; min: bigint; max: bigint }
  | { kind: 'double'; min: number; max: number }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'list'; values: readonly string[] }
  | { kind: 'string' }
  /** A Kafka release or inter-broker protocol version (`2.8`, `3.0-IV1`), as the deprecated `*.format.version` configs take. */
  | { kind: 'version' };

/** Kafka's DescribeConfigs config types (v3+). */
export type ConfigTypeName = 'BOOLEAN' | 'STRING' | 'INT' | 'LONG' | 'DOUBLE' | 'LIST';
export const CONFIG_TYPE_IDS: Readonly<Record<ConfigTypeName, number>> = { BOOLEAN: 1, STRING: 2, INT: 3, LONG: 5, DOUBLE: 6, LIST: 7 };

export const INT_MAX = 2 ** 31 - 1;
export const LONG_MAX = 2n ** 63n - 1n;
export const intType = (min: number, max = INT_MAX): ConfigType => ({ kind: 'int', min, max });
export const longType = (min: bigint, max = LONG_MAX): ConfigType => ({ kind: 'long', min, max });
export const booleanType: ConfigType = { kind: 'boolean' };
export const stringType: ConfigType = { kind: 'string' };
export const versionType: ConfigType = { kind: 'version' };

/** What a value of this type may be, for error messages ("expected …"). */
export function describeConfigType(type: ConfigType): string {
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
    case 'version':
      return 'a Kafka version such as 2.8 or 3.0-IV1';
  }
}

/** Kafka's name of the type (an enum of strings is a STRING). */
export function configTypeName(type: ConfigType): ConfigTypeName {
  const names: Record<ConfigType['kind'], ConfigTypeName> = { boolean: 'BOOLEAN', int: 'INT', long: 'LONG', double: 'DOUBLE', enum: 'STRING', list: 'LIST', string: 'STRING', version: 'STRING' };
  return names[type.kind];
}

/**
 * The canonical form of `raw` (trimmed; booleans and list items lower-case, an enum value in its
 * defined spelling, integers without leading zeros), or null when it is not a value of `type`.
 */
export function canonicalConfigValue(type: ConfigType, raw: string): string | null {
  const value = raw.trim();
  switch (type.kind) {
    case 'boolean': {
      const lower = value.toLowerCase();
      return lower === 'true' || lower === 'false' ? lower : null;
    }
    case 'int':
    case 'long': {
      if (!/^-?\d+$/.test(value)) return null;
      const parsed = BigInt(value);
      return parsed < BigInt(type.min) || parsed > BigInt(type.max) ? null : parsed.toString();
    }
    case 'double': {
      const parsed = Number(value);
      return value === '' || !Number.isFinite(parsed) || parsed < type.min || parsed > type.max ? null : String(parsed);
    }
    case 'enum':
      return type.values.find((allowed) => allowed.toLowerCase() === value.toLowerCase()) ?? null;
    case 'list': {
      const items = value.split(',').map((item) => item.trim().toLowerCase());
      if (items.some((item) => !type.values.includes(item))) return null;
      return [...new Set(items)].join(',');
    }
    case 'string':
      return value;
    case 'version':
      return /^\d+\.\d+(\.\d+)?(-IV\d+)?$/.test(value) ? value : null;
  }
}
