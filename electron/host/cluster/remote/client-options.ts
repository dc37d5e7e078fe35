/**
 * A remote connection's settings (remote-connection.ts) as the Kafka client's options: bootstrap
 * brokers, client id, TLS only for SSL and SASL_SSL (the CA instead of the system's, a client
 * certificate, or no verification for skipVerify), SASL only for SASL_PLAINTEXT and SASL_SSL
 * (a password, a pasted token, or a token endpoint's), and the timeouts.
 */
import type { BaseOptions, SASLOptions } from '@platformatic/kafka';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { clientCredentialsTokenProvider } from './oauth-token';
import { parseHostPort, usesSasl, usesTls, type RemoteConnection, type SaslSettings, type TlsSettings } from './remote-connection';

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

function tlsOptions(tls: TlsSettings | undefined): TlsOptions {
  const options: TlsOptions = {};
  if (tls?.ca) options.ca = tls.ca;
  if (tls?.cert) options.cert = tls.cert;
  if (tls?.key) options.key = tls.key;
  if (tls?.skipVerify) options.rejectUnauthorized = false;
  return options;
}

function saslOptions(sasl: SaslSettings | undefined): SASLOptions {
  if (!sasl) throw new Error('SASL settings are missing: SASL_PLAINTEXT and SASL_SSL need a mechanism and credentials');
  if (sasl.mechanism !== 'OAUTHBEARER') return { mechanism: sasl.mechanism, username: sasl.username, password: sasl.password };
  if ('token' in sasl) return { mechanism: 'OAUTHBEARER', token: sasl.token };
  return { mechanism: 'OAUTHBEARER', token: clientCredentialsTokenProvider(sasl) };
}

export function clientOptions(connection: RemoteConnection): BaseOptions {
  const connectTimeout = connection.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const requestTimeout = connection.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const options: BaseOptions = {
    clientId: connection.clientId,
    bootstrapBrokers: connection.bootstrapServers.map((server) => parseHostPort(server)),
    connectTimeout,
    requestTimeout,
    timeout: requestTimeout,
  };
  if (usesTls(connection.securityProtocol)) options.tls = tlsOptions(connection.tls);
  if (usesSasl(connection.securityProtocol)) options.sasl = saslOptions(connection.sasl);
  return options;
}
