/**
 * Everything the broker needs to serve its listeners, checked at start before the data directory
 * is opened: the listeners (listener-config.ts), the TLS options of the SSL and SASL_SSL ones
 * (tls-options.ts), and for SASL_PLAINTEXT and SASL_SSL the enabled mechanisms and the users
 * (sasl-users.ts). A TLS listener without a usable key store, a SASL listener without users or
 * mechanisms, an unknown mechanism: each an `InvalidBrokerConfigError` saying what to set.
 */
import { InvalidBrokerConfigError, type BrokerConfig } from '../config/broker-config';
import { resolveListeners, usesSasl, usesTls, type ListenerSpec } from './listener-config';
import { SASL_MECHANISMS, type SaslMechanism } from './sasl-server';
import { loadSaslUsers, type SaslUsers } from './sasl-users';
import { loadTlsOptions } from './tls-options';
import type { TlsOptions } from 'node:tls';

export interface SaslSettings {
  mechanisms: SaslMechanism[];
  users: SaslUsers;
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
  let sasl: SaslSettings | null = null;
  const saslListener = listeners.find((listener) => usesSasl(listener.securityProtocol));
  if (saslListener) {
    const mechanisms = parseSaslMechanisms(config.get('sasl.enabled.mechanisms'));
    if (mechanisms.length === 0) throw new InvalidBrokerConfigError(`listener ${saslListener.name} uses SASL but sasl.enabled.mechanisms is empty (served: ${SASL_MECHANISMS.join(', ')})`);
    const users = loadSaslUsers(config);
    if (users.size === 0) {
      throw new InvalidBrokerConfigError(`listener ${saslListener.name} uses SASL but no user is configured: give users with --config sasl.users=alice:secret,bob:pw or --sasl-users-file FILE (one user:password a line)`);
    }
    sasl = { mechanisms, users };
  }
  return listeners.map((listener) => ({
    ...listener,
    tls: usesTls(listener.securityProtocol) ? tls : null,
    sasl: usesSasl(listener.securityProtocol) ? sasl : null,
  }));
}
