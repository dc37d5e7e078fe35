/**
 * A remote connection's settings (remote-connection.ts) as the Kafka client's options: bootstrap
 * brokers, client id, TLS only for SSL and SASL_SSL (the CA instead of the system's, a client
 * certificate, or no verification for skipVerify), SASL only for SASL_PLAINTEXT and SASL_SSL
 * (a password, a pasted token, or a token endpoint's), and the timeouts.
 *
 * OAUTHBEARER goes through our own authenticator (oauthBearerAuthenticator) rather than the
 * client's: @platformatic/kafka 1.35 takes a broker's RFC 7628 error challenge
 * (`{"status":"invalid_token"}`, sent with no error code) for success, goes on with its next
 * request and only sees the connection closed. Ours acknowledges the error as RFC 7628 and Kafka's
 * Java client do (a single \x01), so the broker fails the exchange with SASL_AUTHENTICATION_FAILED
 * and its reason (an expired token, a missing scope), which the user then reads.
 */
import { AuthenticationError, saslOAuthBearer, type BaseOptions, type CredentialProvider, type SASLCustomAuthenticator, type SASLOptions } from '@platformatic/kafka';
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

/** An RFC 7628 server error challenge: `{"status":"invalid_token",…}` (a success is empty). */
function oauthBearerErrorChallenge(authBytes: Buffer | undefined): string | null {
  if (!authBytes || authBytes.length === 0) return null;
  const text = authBytes.toString('utf8');
  try {
    const parsed = JSON.parse(text) as { status?: unknown };
    return typeof parsed?.status === 'string' ? text : null;
  } catch {
    return null;
  }
}

/**
 * SASL/OAUTHBEARER with RFC 7628's error exchange: the client's first message (the client's own
 * code), and when the broker answers with an error challenge, the \x01 that acknowledges it; the
 * broker then fails with SASL_AUTHENTICATION_FAILED and why. A broker that does not fail after
 * that still ends the authentication here, with its error challenge.
 */
export const oauthBearerAuthenticator: SASLCustomAuthenticator = (_mechanism, connection, authenticate, _username, _password, token, callback) => {
  const run = async () => {
    if (token === undefined) throw new AuthenticationError('SASL/OAUTHBEARER needs a token');
    const response = await saslOAuthBearer.authenticate(authenticate, connection, token, {});
    const challenge = oauthBearerErrorChallenge(response.authBytes);
    if (challenge === null) return response;
    await authenticate.async(connection, Buffer.from([1]));
    throw new AuthenticationError(`the broker refused the OAUTHBEARER token: ${challenge}`);
  };
  run().then(
    (response) => callback(null, response),
    (error: Error) => callback(error),
  );
};

/** platformatic's SASL options for OAUTHBEARER with a token or a token provider. */
export function oauthBearerSaslOptions(token: string | CredentialProvider): SASLOptions {
  return { mechanism: 'OAUTHBEARER', token, authenticate: oauthBearerAuthenticator };
}

function saslOptions(sasl: SaslSettings | undefined): SASLOptions {
  if (!sasl) throw new Error('SASL settings are missing: SASL_PLAINTEXT and SASL_SSL need a mechanism and credentials');
  if (sasl.mechanism !== 'OAUTHBEARER') return { mechanism: sasl.mechanism, username: sasl.username, password: sasl.password };
  if ('token' in sasl) return oauthBearerSaslOptions(sasl.token);
  return oauthBearerSaslOptions(clientCredentialsTokenProvider(sasl));
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
