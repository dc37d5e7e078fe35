/**
 * The connection form's draft: what the user types, checked as it is typed (each problem keyed by
 * its field, shown at the field; Save and Test refuse while there is one), and turned into the
 * contract's ClusterConnectionInput. Secrets are never shown: an edit starts with them empty, and
 * an empty secret that is stored (for the same mechanism) is sent as null, which keeps it.
 */
import type { ClusterConnectionInput, ClusterConnectionSummary, SecurityProtocolName } from '../../../../electron/contract';

export type SaslMechanismName = 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512' | 'OAUTHBEARER';
export type OAuthKind = 'token' | 'client-credentials';

export const SECURITY_PROTOCOLS: readonly SecurityProtocolName[] = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'];
export const SASL_MECHANISMS: readonly SaslMechanismName[] = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER'];
export const PRESET_COLOURS: readonly string[] = ['#2dd4bf', '#38bdf8', '#6366f1', '#a855f7', '#ec4899', '#ef4444', '#f97316', '#eab308', '#22c55e', '#64748b'];
export const DEFAULT_CLIENT_ID = 'eddy-console';

export interface ClusterDraft {
  name: string;
  colour: string;
  /** host:port, separated by commas or new lines. */
  bootstrap: string;
  clientId: string;
  securityProtocol: SecurityProtocolName;
  saslMechanism: SaslMechanismName;
  username: string;
  password: string;
  oauthKind: OAuthKind;
  token: string;
  tokenEndpoint: string;
  oauthClientId: string;
  clientSecret: string;
  scope: string;
  /** Trust the system's CAs, or the PEM in `ca`. */
  caMode: 'system' | 'custom';
  ca: string;
  cert: string;
  key: string;
  skipVerify: boolean;
  readOnly: boolean;
}

/** What the host has stored for the edited connection (secrets are never sent back). */
export interface StoredSecrets {
  /** The SASL mechanism (and OAuth kind) whose password, token or client secret is stored; null: none. */
  sasl: { mechanism: SaslMechanismName; oauth: OAuthKind | null } | null;
  key: boolean;
}

export const NO_STORED_SECRETS: StoredSecrets = { sasl: null, key: false };

export type DraftField = 'name' | 'colour' | 'bootstrap' | 'clientId' | 'username' | 'password' | 'token' | 'tokenEndpoint' | 'oauthClientId' | 'clientSecret' | 'ca' | 'cert' | 'key';
export type DraftProblems = Partial<Record<DraftField, string>>;

export function emptyClusterDraft(colour: string = PRESET_COLOURS[2]): ClusterDraft {
  return {
    name: '',
    colour,
    bootstrap: '',
    clientId: DEFAULT_CLIENT_ID,
    securityProtocol: 'PLAINTEXT',
    saslMechanism: 'PLAIN',
    username: '',
    password: '',
    oauthKind: 'token',
    token: '',
    tokenEndpoint: '',
    oauthClientId: '',
    clientSecret: '',
    scope: '',
    caMode: 'system',
    ca: '',
    cert: '',
    key: '',
    skipVerify: false,
    readOnly: false,
  };
}

/** The draft of a saved connection (secrets left empty). */
export function draftOf(summary: ClusterConnectionSummary): ClusterDraft {
  const sasl = summary.sasl;
  return {
    ...emptyClusterDraft(summary.colour),
    name: summary.name,
    bootstrap: summary.bootstrapServers.join('\n'),
    clientId: summary.clientId,
    securityProtocol: summary.securityProtocol,
    saslMechanism: sasl?.mechanism ?? 'PLAIN',
    username: sasl?.username ?? '',
    oauthKind: sasl?.oauth ?? 'token',
    tokenEndpoint: sasl?.tokenEndpoint ?? '',
    oauthClientId: sasl?.oauthClientId ?? '',
    scope: sasl?.scope ?? '',
    caMode: summary.tls.ca === null ? 'system' : 'custom',
    ca: summary.tls.ca ?? '',
    cert: summary.tls.cert ?? '',
    skipVerify: summary.tls.skipVerify,
    readOnly: summary.readOnly,
  };
}

export function storedSecretsOf(summary: ClusterConnectionSummary | null): StoredSecrets {
  if (!summary) return NO_STORED_SECRETS;
  const sasl = summary.sasl?.hasSecret ? { mechanism: summary.sasl.mechanism, oauth: summary.sasl.oauth } : null;
  return { sasl, key: summary.tls.hasKey };
}

export const usesSasl = (protocol: SecurityProtocolName) => protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL';
export const usesTls = (protocol: SecurityProtocolName) => protocol === 'SSL' || protocol === 'SASL_SSL';

/** The stored SASL secret applies to what the draft asks for (same mechanism, same OAuth kind). */
export function saslSecretStored(draft: ClusterDraft, stored: StoredSecrets): boolean {
  if (!stored.sasl || stored.sasl.mechanism !== draft.saslMechanism) return false;
  return draft.saslMechanism !== 'OAUTHBEARER' || stored.sasl.oauth === draft.oauthKind;
}

/** `host:port` with a host name, an IPv4 address or a bracketed IPv6 address, and a port 1–65535. */
const HOST_PORT = /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})?)*\.?):(\d{1,5})$/;

export function splitServers(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((server) => server.trim())
    .filter((server) => server !== '');
}

export function bootstrapProblem(text: string): string | null {
  const servers = splitServers(text);
  if (servers.length === 0) return 'Enter at least one server as host:port.';
  if (servers.length > 50) return 'At most 50 servers.';
  for (const server of servers) {
    const match = HOST_PORT.exec(server);
    const port = match ? Number(match[1]) : 0;
    if (!match || port < 1 || port > 65535 || server.length > 300) return `"${server}" is not host:port (a port from 1 to 65535).`;
  }
  return null;
}

function urlProblem(text: string): string | null {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? null : 'An http:// or https:// address.';
  } catch {
    return 'A full address, like https://auth.example.com/oauth2/token.';
  }
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/;
const PEM_KEY = /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----[\s\S]+-----END (?:[A-Z]+ )?PRIVATE KEY-----/;

/** Every problem of the draft, by field; empty when it can be saved or tested. */
export function draftProblems(draft: ClusterDraft, stored: StoredSecrets): DraftProblems {
  const problems: DraftProblems = {};
  if (draft.name.trim() === '') problems.name = 'Give the connection a name.';
  else if (draft.name.trim().length > 100) problems.name = 'At most 100 characters.';
  if (!/^#[0-9a-fA-F]{6}$/.test(draft.colour)) problems.colour = 'A colour as #rrggbb.';
  const bootstrap = bootstrapProblem(draft.bootstrap);
  if (bootstrap) problems.bootstrap = bootstrap;
  if (draft.clientId.trim() === '') problems.clientId = 'A client id is needed (the default is eddy-console).';
  else if (draft.clientId.trim().length > 200) problems.clientId = 'At most 200 characters.';

  if (usesSasl(draft.securityProtocol)) {
    const secretStored = saslSecretStored(draft, stored);
    if (draft.saslMechanism !== 'OAUTHBEARER') {
      if (draft.username.trim() === '') problems.username = 'Enter the user name.';
      if (draft.password === '' && !secretStored) problems.password = 'Enter the password.';
    } else if (draft.oauthKind === 'token') {
      if (draft.token.trim() === '' && !secretStored) problems.token = 'Enter the token.';
    } else {
      const endpoint = urlProblem(draft.tokenEndpoint);
      if (endpoint) problems.tokenEndpoint = endpoint;
      if (draft.oauthClientId.trim() === '') problems.oauthClientId = 'Enter the client id.';
      if (draft.clientSecret === '' && !secretStored) problems.clientSecret = 'Enter the client secret.';
    }
  }

  if (usesTls(draft.securityProtocol)) {
    if (draft.caMode === 'custom' && !PEM_CERT.test(draft.ca)) problems.ca = 'Paste the CA certificate in PEM (-----BEGIN CERTIFICATE----- …).';
    if (draft.cert.trim() !== '' && !PEM_CERT.test(draft.cert)) problems.cert = 'Paste the client certificate in PEM (-----BEGIN CERTIFICATE----- …).';
    if (draft.key.trim() !== '' && !PEM_KEY.test(draft.key)) problems.key = 'Paste the private key in PEM (-----BEGIN PRIVATE KEY----- …).';
    if (draft.cert.trim() !== '' && draft.key.trim() === '' && !stored.key) problems.key = 'A client certificate needs its private key.';
    if (draft.cert.trim() === '' && draft.key.trim() !== '') problems.cert = 'A private key needs its client certificate.';
  }
  return problems;
}

/** An empty secret field: null keeps the stored one (on an edit), else what was typed. */
const secretOf = (typed: string, stored: boolean): string | null => (typed === '' && stored ? null : typed);

/** The draft as the contract takes it (call only when draftProblems is empty). */
export function inputOf(draft: ClusterDraft, stored: StoredSecrets): ClusterConnectionInput {
  const secretStored = saslSecretStored(draft, stored);
  let sasl: ClusterConnectionInput['sasl'] = null;
  if (usesSasl(draft.securityProtocol)) {
    if (draft.saslMechanism !== 'OAUTHBEARER') sasl = { mechanism: draft.saslMechanism, username: draft.username.trim(), password: secretOf(draft.password, secretStored) };
    else if (draft.oauthKind === 'token') sasl = { mechanism: 'OAUTHBEARER', kind: 'token', token: secretOf(draft.token.trim(), secretStored) };
    else
      sasl = {
        mechanism: 'OAUTHBEARER',
        kind: 'client-credentials',
        tokenEndpoint: draft.tokenEndpoint.trim(),
        clientId: draft.oauthClientId.trim(),
        clientSecret: secretOf(draft.clientSecret, secretStored),
        scope: draft.scope.trim() === '' ? null : draft.scope.trim(),
      };
  }
  const tls = usesTls(draft.securityProtocol);
  return {
    name: draft.name.trim(),
    colour: draft.colour.toLowerCase(),
    bootstrapServers: splitServers(draft.bootstrap),
    clientId: draft.clientId.trim(),
    securityProtocol: draft.securityProtocol,
    sasl,
    tls: {
      ca: tls && draft.caMode === 'custom' ? draft.ca.trim() : null,
      cert: tls && draft.cert.trim() !== '' ? draft.cert.trim() : null,
      key: tls ? secretOf(draft.key.trim(), stored.key) : null,
      skipVerify: tls && draft.skipVerify,
    },
    readOnly: draft.readOnly,
  };
}
