/**
 * The client side of a connection test: the console's own connections (@platformatic/kafka's
 * pool, given the connection's settings: SASL, TLS) ask for cluster metadata (no topics) at the
 * cluster's version — which authenticates first on a SASL listener — and the errors, nested
 * several deep (NetworkError → AuthenticationError → ResponseError → ProtocolError), are turned
 * into words: the server's own message for a failed authentication, the broker's mechanisms for
 * an unsupported one.
 */
import { isIP } from 'node:net';
import type { SASLOptions } from '@platformatic/kafka';
import { BrokerConnections } from './broker-connections';
import type { ApiVersionTable } from './kafka-request';
import { oauthBearerSaslOptions } from './client-options';
import { parseHostPort, usesSasl, usesTls, type RemoteConnection, type SaslSettings } from './remote-connection';

export interface AdvertisedBroker {
  nodeId: number;
  host: string;
  port: number;
}

export type MetadataOutcome =
  | { ok: true; brokers: AdvertisedBroker[] }
  | { ok: false; kind: 'authentication' | 'other'; detail: string };

/** Every error in a platformatic error tree: itself, its `cause`s and its `errors`. */
export function errorTree(root: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const visit = (value: unknown, depth: number) => {
    if (!value || typeof value !== 'object' || depth > 12 || found.includes(value as Record<string, unknown>)) return;
    const error = value as Record<string, unknown>;
    found.push(error);
    visit(error.cause, depth + 1);
    if (Array.isArray(error.errors)) for (const inner of error.errors) visit(inner, depth + 1);
  };
  visit(root, 0);
  return found;
}

const SASL_ERRORS = new Set(['SASL_AUTHENTICATION_FAILED', 'UNSUPPORTED_SASL_MECHANISM', 'ILLEGAL_SASL_STATE']);

/** The words for an error from Admin.metadata, and whether it is about authentication. */
export function describeClientError(error: unknown, connection: RemoteConnection): { kind: 'authentication' | 'other'; detail: string } {
  const tree = errorTree(error);
  const mechanism = connection.sasl?.mechanism;
  const unsupported = tree.find((entry) => entry.apiId === 'UNSUPPORTED_SASL_MECHANISM');
  if (unsupported) {
    const response = tree.map((entry) => entry.response as { mechanisms?: unknown } | undefined).find((candidate) => Array.isArray(candidate?.mechanisms));
    const offered = (response?.mechanisms as string[] | undefined) ?? [];
    return {
      kind: 'authentication',
      detail: `authentication failed: the broker does not offer SASL mechanism ${mechanism ?? '(none)'}; it offers ${offered.length > 0 ? offered.join(', ') : 'none'}`,
    };
  }
  const saslError = tree.find((entry) => typeof entry.apiId === 'string' && SASL_ERRORS.has(entry.apiId));
  if (saslError) {
    const serverMessage = typeof saslError.serverErrorMessage === 'string' && saslError.serverErrorMessage !== '' ? saslError.serverErrorMessage : String(saslError.message);
    // Some servers start their message with the same words ("Authentication failed: Invalid username or password").
    return { kind: 'authentication', detail: `authentication failed: ${serverMessage.replace(/^authentication failed\s*[:.]\s*/i, '')}` };
  }
  const authentication = tree.find((entry) => entry.code === 'PLT_KFK_AUTHENTICATION');
  if (authentication) {
    const deepest = tree[tree.length - 1];
    const why = deepest && deepest !== authentication ? `: ${String(deepest.message)}` : '';
    return { kind: 'authentication', detail: `authentication failed: ${String(authentication.message)}${why}` };
  }
  // No SASL error: the deepest error says the most (a socket error, a timeout, a protocol error).
  const protocol = tree.find((entry) => typeof entry.apiId === 'string');
  if (protocol) {
    const server = typeof protocol.serverErrorMessage === 'string' && protocol.serverErrorMessage !== '' ? ` (${protocol.serverErrorMessage})` : '';
    return { kind: 'other', detail: `the cluster answered with error ${String(protocol.apiId)}: ${String(protocol.message)}${server}` };
  }
  const messages = tree.map((entry) => String(entry.message)).filter((message, index, all) => message !== '' && all.indexOf(message) === index);
  return { kind: 'other', detail: messages.join(': ') || String(error) };
}

/** An OAuth 2 client-credentials grant against the token endpoint; the access token, or words for the failure. */
export async function fetchOAuthToken(
  settings: Extract<SaslSettings, { tokenEndpoint: string }>,
  timeoutMs: number,
): Promise<{ token: string } | { error: string }> {
  const body = new URLSearchParams({ grant_type: 'client_credentials', ...(settings.scope ? { scope: settings.scope } : {}) });
  const basic = Buffer.from(`${encodeURIComponent(settings.clientId)}:${encodeURIComponent(settings.clientSecret)}`).toString('base64');
  try {
    const response = await fetch(settings.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}`, accept: 'application/json' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    if (!response.ok) return { error: `the token endpoint ${settings.tokenEndpoint} answered HTTP ${response.status}: ${text.slice(0, 300)}` };
    const token = (JSON.parse(text) as { access_token?: unknown }).access_token;
    if (typeof token !== 'string' || token === '') return { error: `the token endpoint ${settings.tokenEndpoint} answered without an access_token` };
    return { token };
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    return { error: `the token endpoint ${settings.tokenEndpoint} could not be reached: ${(error as Error).message}${cause ? ` (${cause})` : ''}` };
  }
}

/** platformatic's SASL options, fetching an OAuth token first when the connection names an endpoint. */
async function saslOptions(sasl: SaslSettings, timeoutMs: number): Promise<SASLOptions | { error: string }> {
  if (sasl.mechanism !== 'OAUTHBEARER') return { mechanism: sasl.mechanism, username: sasl.username, password: sasl.password };
  // Through client-options' authenticator, which completes RFC 7628's error exchange so a refused token is told in the broker's words.
  if ('token' in sasl) return oauthBearerSaslOptions(sasl.token);
  const fetched = await fetchOAuthToken(sasl, timeoutMs);
  return 'error' in fetched ? fetched : oauthBearerSaslOptions(fetched.token);
}

/**
 * Cluster metadata through the same connections and Metadata request the console uses once
 * connected (broker-connections.ts, at the cluster's version from `versions`): authenticates (SASL)
 * and lists the advertised brokers.
 */
export async function fetchClusterMetadata(connection: RemoteConnection, timeoutMs: number, versions: ApiVersionTable): Promise<MetadataOutcome> {
  let sasl: SASLOptions | undefined;
  if (usesSasl(connection.securityProtocol)) {
    if (!connection.sasl) return { ok: false, kind: 'authentication', detail: `the connection uses ${connection.securityProtocol} but has no SASL mechanism and credentials` };
    const options = await saslOptions(connection.sasl, timeoutMs);
    if ('error' in options) return { ok: false, kind: 'authentication', detail: `authentication failed: ${options.error}` };
    sasl = options;
  }
  const bootstrapBrokers = connection.bootstrapServers.map((server) => parseHostPort(server));
  const hosts = bootstrapBrokers.map((broker) => broker.host);
  const tls = connection.tls;
  const brokers = new BrokerConnections({
    clientId: connection.clientId,
    bootstrapBrokers,
    connectTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    ...(sasl ? { sasl } : {}),
    ...(usesTls(connection.securityProtocol)
      ? {
          tls: { ...(tls?.ca ? { ca: tls.ca } : {}), ...(tls?.cert ? { cert: tls.cert } : {}), ...(tls?.key ? { key: tls.key } : {}), rejectUnauthorized: !tls?.skipVerify },
          ...(hosts.every((host) => isIP(host) === 0) ? { tlsServerName: true } : {}),
        }
      : {}),
  });
  brokers.versions = versions;
  try {
    const metadata = await brokers.metadata([]);
    const advertised = metadata.brokers.map((broker) => ({ nodeId: broker.nodeId, host: broker.host, port: broker.port }));
    return { ok: true, brokers: advertised.sort((a, b) => a.nodeId - b.nodeId) };
  } catch (error) {
    return { ok: false, ...describeClientError(error, connection) };
  } finally {
    await brokers.close().catch(() => undefined);
  }
}
