/**
 * Validated broker configs: Kafka-named string values, defaults filled in, with typed getters.
 *
 * An unknown name or a value outside its type throws `InvalidBrokerConfigError` naming the config,
 * the value and what is allowed; nothing is silently ignored.
 */
import { brokerConfigDefinitionsByName, type BrokerConfigDefinition } from './broker-config-definitions';
import { canonicalConfigValue, describeConfigType } from './config-type';

export class InvalidBrokerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidBrokerConfigError';
  }
}

/** Returns the canonical string form of `raw`, or throws naming what is allowed. */
export function validateConfigValue(definition: BrokerConfigDefinition, raw: string): string {
  const canonical = canonicalConfigValue(definition.type, raw);
  if (canonical === null) throw new InvalidBrokerConfigError(`invalid value "${raw}" for broker config ${definition.name}: expected ${describeConfigType(definition.type)}`);
  return canonical;
}

export class BrokerConfig {
  private readonly values: Map<string, string>;

  private constructor(values: Map<string, string>) {
    this.values = values;
  }

  /** Validates `overrides` (Kafka names → string values) and fills every default. */
  static from(overrides: Record<string, string> = {}): BrokerConfig {
    const values = new Map<string, string>();
    for (const [name, definition] of brokerConfigDefinitionsByName) values.set(name, definition.default);
    for (const [name, raw] of Object.entries(overrides)) {
      const definition = brokerConfigDefinitionsByName.get(name);
      if (!definition) {
        throw new InvalidBrokerConfigError(`unknown broker config "${name}" (known: ${[...brokerConfigDefinitionsByName.keys()].join(', ')})`);
      }
      values.set(name, validateConfigValue(definition, raw));
    }
    return new BrokerConfig(values);
  }

  get(name: string): string {
    const value = this.values.get(name);
    if (value === undefined) throw new InvalidBrokerConfigError(`unknown broker config "${name}"`);
    return value;
  }

  getInt(name: string): number {
    return Number(this.get(name));
  }

  getBigInt(name: string): bigint {
    return BigInt(this.get(name));
  }

  getBoolean(name: string): boolean {
    return this.get(name) === 'true';
  }

  /** Every value by name; a secret that is set reads `[hidden]` (as Kafka logs its password configs). */
  toRecord(): Record<string, string> {
    return Object.fromEntries(
      [...this.values].map(([name, value]) => [name, value !== '' && brokerConfigDefinitionsByName.get(name)?.sensitive ? '[hidden]' : value]),
    );
  }
}
