/**
 * The options of the OAUTHBEARER validator of a SASL listener, read as Kafka reads them: from the
 * JAAS entry of the listener and mechanism, `listener.name.<listener>.oauthbearer.sasl.jaas.config`
 * (the listener name in lower case), whose login module must be Kafka's OAuthBearerLoginModule:
 *
 * - `unsecuredValidatorPrincipalClaimName`: the claim holding the principal (default `sub`);
 * - `unsecuredValidatorScopeClaimName`: the claim holding the scope (default `scope`);
 * - `unsecuredValidatorRequiredScope`: scopes every token must have, space-separated (default none);
 * - `unsecuredValidatorAllowableClockSkewMs`: a non-negative integer (default 0).
 *
 * Without the config, the defaults (Kafka's). The `unsecuredLogin*` options, which in Kafka give the
 * broker's own token for inter-broker connections, are accepted and unused (Eddy is one broker);
 * any other option, or a bad value, fails the start naming the config. Only the listener names
 * SASL_PLAINTEXT and SASL_SSL have such a config registered; other SASL listeners get the defaults.
 */
import { InvalidBrokerConfigError, type BrokerConfig } from '../config/broker-config';
import { brokerConfigDefinitionsByName } from '../config/broker-config-definitions';
import { parseJaasConfig } from './jaas-config';
import { DEFAULT_UNSECURED_VALIDATOR_OPTIONS, type UnsecuredValidatorOptions } from './unsecured-jws';

export const OAUTHBEARER_LOGIN_MODULE = 'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule';

export function oauthBearerJaasConfigName(listenerName: string): string {
  return `listener.name.${listenerName.toLowerCase()}.oauthbearer.sasl.jaas.config`;
}

/** The validator options of one JAAS config value (`configName` only names it in errors). */
export function parseOAuthBearerJaasConfig(value: string, configName: string): UnsecuredValidatorOptions {
  const invalid = (reason: string) => new InvalidBrokerConfigError(`invalid value for broker config ${configName}: ${reason}`);
  let entry;
  try {
    entry = parseJaasConfig(value);
  } catch (error) {
    throw invalid(error instanceof Error ? error.message : String(error));
  }
  if (entry.loginModule !== OAUTHBEARER_LOGIN_MODULE) throw invalid(`the login module must be ${OAUTHBEARER_LOGIN_MODULE}, not ${entry.loginModule}`);
  const options = { ...DEFAULT_UNSECURED_VALIDATOR_OPTIONS };
  for (const [name, raw] of entry.options) {
    const text = raw.trim();
    switch (name) {
      case 'unsecuredValidatorPrincipalClaimName':
        if (text !== '') options.principalClaimName = text;
        break;
      case 'unsecuredValidatorScopeClaimName':
        if (text !== '') options.scopeClaimName = text;
        break;
      case 'unsecuredValidatorRequiredScope':
        options.requiredScope = text.split(' ').filter((scope) => scope !== '');
        break;
      case 'unsecuredValidatorAllowableClockSkewMs':
        if (text === '') break;
        if (!/^\+?\d+$/.test(text) || Number(text) > 2 ** 31 - 1) throw invalid(`unsecuredValidatorAllowableClockSkewMs must be a non-negative integer of milliseconds, not "${raw}"`);
        options.allowableClockSkewMs = Number(text);
        break;
      default:
        if (!name.startsWith('unsecuredLogin')) {
          throw invalid(`unknown option ${name} (served: unsecuredValidatorPrincipalClaimName, unsecuredValidatorScopeClaimName, unsecuredValidatorRequiredScope, unsecuredValidatorAllowableClockSkewMs)`);
        }
    }
  }
  return options;
}

/** The options of the listener named `listenerName`: its JAAS config, else Kafka's defaults. */
export function loadOAuthBearerOptions(config: BrokerConfig, listenerName: string): UnsecuredValidatorOptions {
  const name = oauthBearerJaasConfigName(listenerName);
  if (!brokerConfigDefinitionsByName.has(name)) return DEFAULT_UNSECURED_VALIDATOR_OPTIONS;
  const value = config.get(name);
  return value.trim() === '' ? DEFAULT_UNSECURED_VALIDATOR_OPTIONS : parseOAuthBearerJaasConfig(value, name);
}
