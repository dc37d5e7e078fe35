import { describe, expect, it } from 'vitest';
import { BrokerConfig, InvalidBrokerConfigError } from '../config/broker-config';
import { parseJaasConfig } from './jaas-config';
import { loadListenerPlans } from './listener-security';
import { loadOAuthBearerOptions, oauthBearerJaasConfigName, parseOAuthBearerJaasConfig } from './oauthbearer-options';
import { DEFAULT_UNSECURED_VALIDATOR_OPTIONS } from './unsecured-jws';

const MODULE = 'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule';
const NAME = 'listener.name.sasl_plaintext.oauthbearer.sasl.jaas.config';

describe('OAUTHBEARER validator options from Kafka’s JAAS config', () => {
  it('parses a JAAS entry: module, flag, quoted and bare options, the closing semicolon', () => {
    const entry = parseJaasConfig(`${MODULE} required a="x y" b=plain c="with \\"quote\\"";`);
    expect(entry).toEqual({ loginModule: MODULE, flag: 'required', options: new Map([['a', 'x y'], ['b', 'plain'], ['c', 'with "quote"']]) });
    expect(() => parseJaasConfig(`${MODULE} required a="x"`)).toThrow('must end with ";"');
    expect(() => parseJaasConfig(`${MODULE} a="x";`)).toThrow('control flag');
    expect(() => parseJaasConfig(`${MODULE} required a;`)).toThrow('name="value"');
  });

  it('reads the unsecured validator options; blank ones keep Kafka’s defaults; unsecuredLogin* are accepted', () => {
    const options = parseOAuthBearerJaasConfig(
      `${MODULE} required unsecuredValidatorPrincipalClaimName="client_id" unsecuredValidatorScopeClaimName="scp" unsecuredValidatorRequiredScope="kafka  read" unsecuredValidatorAllowableClockSkewMs="3000" unsecuredLoginStringClaim_sub="admin";`,
      NAME,
    );
    expect(options).toEqual({ principalClaimName: 'client_id', scopeClaimName: 'scp', requiredScope: ['kafka', 'read'], allowableClockSkewMs: 3000 });
    expect(parseOAuthBearerJaasConfig(`${MODULE} required unsecuredValidatorPrincipalClaimName=" ";`, NAME)).toEqual(DEFAULT_UNSECURED_VALIDATOR_OPTIONS);
  });

  it('refuses another login module, an unknown option and a bad clock skew, naming the config', () => {
    expect(() => parseOAuthBearerJaasConfig('org.apache.kafka.common.security.plain.PlainLoginModule required;', NAME)).toThrow(InvalidBrokerConfigError);
    expect(() => parseOAuthBearerJaasConfig(`${MODULE} required unsecuredValidatorRequiredScop="x";`, NAME)).toThrow(/broker config listener\.name\.sasl_plaintext.*unknown option unsecuredValidatorRequiredScop/);
    expect(() => parseOAuthBearerJaasConfig(`${MODULE} required unsecuredValidatorAllowableClockSkewMs="-1";`, NAME)).toThrow(/non-negative integer/);
  });

  it('is read per listener, Kafka’s defaults without it', () => {
    expect(oauthBearerJaasConfigName('SASL_SSL')).toBe('listener.name.sasl_ssl.oauthbearer.sasl.jaas.config');
    const config = BrokerConfig.from({ [NAME]: `${MODULE} required unsecuredValidatorRequiredScope="kafka";` });
    expect(loadOAuthBearerOptions(config, 'SASL_PLAINTEXT').requiredScope).toEqual(['kafka']);
    expect(loadOAuthBearerOptions(config, 'SASL_SSL')).toEqual(DEFAULT_UNSECURED_VALIDATOR_OPTIONS);
    expect(loadOAuthBearerOptions(config, 'CLIENT')).toEqual(DEFAULT_UNSECURED_VALIDATOR_OPTIONS);
  });

  it('lets a listener serve only OAUTHBEARER without users, but still wants users for a password mechanism', () => {
    const defaults = { port: 0, host: undefined };
    const plans = loadListenerPlans(BrokerConfig.from({ listeners: 'SASL_PLAINTEXT://:0', 'sasl.enabled.mechanisms': 'OAUTHBEARER' }), defaults);
    expect(plans[0].sasl).toMatchObject({ mechanisms: ['OAUTHBEARER'], oauthBearer: DEFAULT_UNSECURED_VALIDATOR_OPTIONS });
    expect(() => loadListenerPlans(BrokerConfig.from({ listeners: 'SASL_PLAINTEXT://:0', 'sasl.enabled.mechanisms': 'OAUTHBEARER,PLAIN' }), defaults)).toThrow(/uses SASL but no user is configured: .*\(PLAIN check passwords\)/);
  });
});
