/**
 * Checks broker config values by Kafka name without starting a broker, with broker-core's own
 * validator (the one `--config` and `BrokerConfig.from` use): an unknown name or a value outside its
 * type is an error naming the config, the value and what is allowed, in broker-core's words.
 */
import { brokerConfigDefinitions, describeConfigType, InvalidBrokerConfigError, validateConfigValue, type BrokerConfigDefinition } from '../../../broker-core/src/index';

type ConfigType = BrokerConfigDefinition['type'];

const definitionsByName: ReadonlyMap<string, BrokerConfigDefinition> = new Map(brokerConfigDefinitions.map((definition) => [definition.name, definition]));

export function brokerConfigDefinition(name: string): BrokerConfigDefinition | undefined {
  return definitionsByName.get(name);
}

export function allBrokerConfigDefinitions(): readonly BrokerConfigDefinition[] {
  return brokerConfigDefinitions;
}

/** What a value of this type may be, for messages and hints ("expected …"). */
export function describeAllowed(type: ConfigType): string {
  return describeConfigType(type);
}

export type ConfigCheck = { ok: true; value: string } | { ok: false; message: string };

/** The canonical value of broker config `name`, or why it is not one. */
export function checkBrokerConfig(name: string, raw: string): ConfigCheck {
  const definition = definitionsByName.get(name);
  if (!definition) return { ok: false, message: `unknown broker config "${name}"` };
  try {
    return { ok: true, value: validateConfigValue(definition, raw) };
  } catch (error) {
    if (error instanceof InvalidBrokerConfigError) return { ok: false, message: error.message };
    throw error;
  }
}
