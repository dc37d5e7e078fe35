/**
 * An OAUTHBEARER token from an OAuth 2 token endpoint (client-credentials grant), fetched with
 * `fetch()` when first needed and again shortly before it expires, for the Kafka client's SASL
 * token provider. A failure names the endpoint and what it answered.
 */

/** Fetch a fresh token this long before the current one expires. */
const REFRESH_MARGIN_MS = 60_000;
/** When the endpoint gives no `expires_in`: keep a token this long. */
const DEFAULT_LIFETIME_MS = 5 * 60_000;

export interface ClientCredentials {
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
}

async function requestToken(credentials: ClientCredentials): Promise<{ token: string; expiresAt: number }> {
  const body = new URLSearchParams({ grant_type: 'client_credentials' });
  if (credentials.scope) body.set('scope', credentials.scope);
  const basic = Buffer.from(`${encodeURIComponent(credentials.clientId)}:${encodeURIComponent(credentials.clientSecret)}`).toString('base64');
  let response: Response;
  try {
    response = await fetch(credentials.tokenEndpoint, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
    });
  } catch (error) {
    throw new Error(`could not reach the token endpoint ${credentials.tokenEndpoint}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const text = await response.text();
  if (!response.ok) throw new Error(`the token endpoint ${credentials.tokenEndpoint} answered ${response.status}: ${text.slice(0, 300)}`);
  let parsed: { access_token?: unknown; expires_in?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw new Error(`the token endpoint ${credentials.tokenEndpoint} did not answer JSON: ${text.slice(0, 300)}`);
  }
  if (typeof parsed.access_token !== 'string' || parsed.access_token === '') throw new Error(`the token endpoint ${credentials.tokenEndpoint} gave no access_token`);
  const lifetimeMs = typeof parsed.expires_in === 'number' && parsed.expires_in > 0 ? parsed.expires_in * 1000 : DEFAULT_LIFETIME_MS;
  return { token: parsed.access_token, expiresAt: Date.now() + lifetimeMs };
}

/** A token provider: the current token, or a new one when it is (nearly) expired; one request at a time. */
export function clientCredentialsTokenProvider(credentials: ClientCredentials): () => Promise<string> {
  let current: { token: string; expiresAt: number } | null = null;
  let pending: Promise<{ token: string; expiresAt: number }> | null = null;
  return async () => {
    if (current && Date.now() < current.expiresAt - Math.min(REFRESH_MARGIN_MS, (current.expiresAt - Date.now()) / 2)) return current.token;
    pending ??= requestToken(credentials).finally(() => {
      pending = null;
    });
    current = await pending;
    return current.token;
  };
}
