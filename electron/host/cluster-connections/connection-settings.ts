/**
 * Turns stored connections into what the others need: the summary the UI lists (no secrets, only
 * whether each is stored) and the RemoteConnection the Kafka client is given (secrets filled in).
 * The embedded broker's entry is made here too, so the list has one shape.
 */
import { EMBEDDED_CLUSTER_ID, type ClusterConnectionInput, type ClusterConnectionSummary } from '../../contract';
import type { RemoteConnection, SaslSettings } from '../cluster/remote/remote-connection';
import type { ConnectionSecrets, StoredConnection } from './connection-store';

export const EMBEDDED_COLOUR = '#3b82f6';

export function embeddedSummary(bootstrap: string | null): ClusterConnectionSummary {
  return {
    id: EMBEDDED_CLUSTER_ID,
    kind: 'embedded',
    name: 'Local broker',
    colour: EMBEDDED_COLOUR,
    bootstrapServers: bootstrap ? [bootstrap] : [],
    clientId: '',
    securityProtocol: 'PLAINTEXT',
    sasl: null,
    tls: { ca: null, cert: null, hasKey: false, skipVerify: false },
    readOnly: false,
    fromCommandLine: false,
  };
}

export function toSummary(stored: StoredConnection, secrets: ConnectionSecrets): ClusterConnectionSummary {
  const { settings } = stored;
  const sasl = settings.sasl;
  return {
    id: stored.id,
    kind: 'remote',
    name: settings.name,
    colour: settings.colour,
    bootstrapServers: settings.bootstrapServers,
    clientId: settings.clientId,
    securityProtocol: settings.securityProtocol,
    sasl: sasl
      ? {
          mechanism: sasl.mechanism,
          username: sasl.mechanism === 'OAUTHBEARER' ? null : sasl.username,
          oauth: sasl.mechanism === 'OAUTHBEARER' ? sasl.kind : null,
          tokenEndpoint: sasl.mechanism === 'OAUTHBEARER' && sasl.kind === 'client-credentials' ? sasl.tokenEndpoint : null,
          oauthClientId: sasl.mechanism === 'OAUTHBEARER' && sasl.kind === 'client-credentials' ? sasl.clientId : null,
          scope: sasl.mechanism === 'OAUTHBEARER' && sasl.kind === 'client-credentials' ? sasl.scope : null,
          hasSecret: secrets.sasl !== null,
        }
      : null,
    tls: { ca: settings.tls.ca, cert: settings.tls.cert, hasKey: secrets.key !== null, skipVerify: settings.tls.skipVerify },
    readOnly: settings.readOnly,
    fromCommandLine: stored.fromCommandLine,
  };
}

/** Why these settings cannot be used as they are (a SASL protocol without SASL settings, a missing secret), or null. */
export function settingsProblem(settings: ClusterConnectionInput, secrets: ConnectionSecrets): string | null {
  const sasl = settings.securityProtocol === 'SASL_PLAINTEXT' || settings.securityProtocol === 'SASL_SSL';
  if (sasl && !settings.sasl) return `${settings.securityProtocol} needs a SASL mechanism and its credentials`;
  if (sasl && settings.sasl && secrets.sasl === null) {
    const what = settings.sasl.mechanism !== 'OAUTHBEARER' ? 'password' : settings.sasl.kind === 'token' ? 'token' : 'client secret';
    return `the SASL ${what} is missing: enter it in the connection`;
  }
  if (settings.tls.cert && secrets.key === null) return 'the client certificate has no key: enter the key (PEM) in the connection';
  return null;
}

function saslSettings(settings: ClusterConnectionInput, secret: string): SaslSettings | undefined {
  const sasl = settings.sasl;
  if (!sasl) return undefined;
  if (sasl.mechanism !== 'OAUTHBEARER') return { mechanism: sasl.mechanism, username: sasl.username, password: secret };
  if (sasl.kind === 'token') return { mechanism: 'OAUTHBEARER', token: secret };
  return { mechanism: 'OAUTHBEARER', tokenEndpoint: sasl.tokenEndpoint, clientId: sasl.clientId, clientSecret: secret, ...(sasl.scope ? { scope: sasl.scope } : {}) };
}

/** What the Kafka client is given; throws the settings problem in words if there is one. */
export function toRemoteConnection(settings: ClusterConnectionInput, secrets: ConnectionSecrets): RemoteConnection {
  const problem = settingsProblem(settings, secrets);
  if (problem) throw new Error(problem);
  const usesSasl = settings.securityProtocol === 'SASL_PLAINTEXT' || settings.securityProtocol === 'SASL_SSL';
  const usesTls = settings.securityProtocol === 'SSL' || settings.securityProtocol === 'SASL_SSL';
  const sasl = usesSasl && secrets.sasl !== null ? saslSettings(settings, secrets.sasl) : undefined;
  return {
    bootstrapServers: settings.bootstrapServers,
    clientId: settings.clientId,
    securityProtocol: settings.securityProtocol,
    ...(sasl ? { sasl } : {}),
    ...(usesTls
      ? { tls: { ...(settings.tls.ca ? { ca: settings.tls.ca } : {}), ...(settings.tls.cert ? { cert: settings.tls.cert } : {}), ...(secrets.key ? { key: secrets.key } : {}), skipVerify: settings.tls.skipVerify } }
      : {}),
    readOnly: settings.readOnly,
  };
}
