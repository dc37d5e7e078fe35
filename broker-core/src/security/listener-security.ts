/**
 * Everything the broker needs to serve its listeners, checked at start before the data directory
 * is opened: the listeners (listener-config.ts), the TLS options of the SSL and SASL_SSL ones
 * (tls-options.ts), and for SASL_PLAINTEXT and SASL_SSL the enabled mechanisms and the users
 * (sasl-users.ts, needed by the password mechanisms PLAIN and SCRAM) and the options of
 * OAUTHBEARER's unsecured-token validator (oauthbearer-options.ts, per listener as in Kafka). A TLS
 * listener without a usable key store, a SASL listener with a password mechanism but no users, no
 * mechanisms, an unknown mechanism: each an `InvalidBrokerConfigError` saying what to set.
 */
import { InvalidBrokerConfigError, type BrokerConfig } from '../config/broker-config';
import { resolveListeners, usesSasl, usesTls, type ListenerSpec } from './listener-config';
import { loadOAuthBearerOptions } from './oauthbearer-options';
import { PASSWORD_MECHANISMS, SASL_MECHANISMS, type SaslMechanism } from './sasl-server';
import { loadSaslUsers, type SaslUsers } from './sasl-users';
import { loadTlsOptions } from './tls-options';
import type { UnsecuredValidatorOptions } from './unsecured-jws';
import type { TlsOptions } from 'node:tls';

export interface SaslSettings {
  mechanisms: SaslMechanism[];
  users: SaslUsers;
  /** The validator options of OAUTHBEARER on this listener (Kafka's defaults unless configured). */
  oauthBearer: UnsecuredValidatorOptions;
}

export interface ListenerPlan extends ListenerSpec {
  tls: TlsOptions | null;
  sasl: SaslSettings | null;
}

/** `PLAIN,SCRAM-SHA-256` → the mechanisms, in the order given. */
export function parseSaslMechanisms(value: string): SaslMechanism[] {
  const mechanisms: SaslMechanism[] = [];
  for (const item of value.split(',').map((entry) => entry.trim().toUpperCase()).filter((entry) => entry !== '')) {
    if (!(SASL_MECHANISMS as readonly string[]).includes(item)) {
      throw new InvalidBrokerConfigError(`invalid value "${value}" for broker config sasl.enabled.mechanisms: ${item} is not served (served: ${SASL_MECHANISMS.join(', ')})`);
    }
    if (!mechanisms.includes(item as SaslMechanism)) mechanisms.push(item as SaslMechanism);
  }
  return mechanisms;
}

export function loadListenerPlans(config: BrokerConfig, defaults: { port: number; host: string | undefined }): ListenerPlan[] {
  const listeners = resolveListeners(config, defaults);
  const tls = listeners.some((listener) => usesTls(listener.securityProtocol)) ? loadTlsOptions(config) : null;
  let sasl: Omit<SaslSettings, 'oauthBearer'> | null = null;
  const saslListener = listeners.find((listener) => usesSasl(listener.securityProtocol));
  if (saslListener) {
    const mechanisms = parseSaslMechanisms(config.get('sasl.enabled.mechanisms'));
    if (mechanisms.length === 0) throw new InvalidBrokerConfigError(`listener ${saslListener.name} uses SASL but sasl.enabled.mechanisms is empty (served: ${SASL_MECHANISMS.join(', ')})`);
    const users = loadSaslUsers(config);
    const passwordMechanisms = mechanisms.filter((mechanism) => PASSWORD_MECHANISMS.includes(mechanism));
    if (users.size === 0 && passwordMechanisms.length > 0) {
      throw new InvalidBrokerConfigError(
        `listener ${saslListener.name} uses SASL but no user is configured: give users with --config sasl.users=alice:secret,bob:pw or --sasl-users-file FILE (one user:password a line), or serve only OAUTHBEARER (${passwordMechanisms.join(', ')} check passwords)`,
      );
    }
    sasl = { mechanisms, users };
  }
  return listeners.map((listener) => ({
    ...listener,
    tls: usesTls(listener.securityProtocol) ? tls : null,
    sasl: usesSasl(listener.securityProtocol) && sasl ? { ...sasl, oauthBearer: loadOAuthBearerOptions(config, listener.name) } : null,
  }));
}
