/**
 * How to reach a remote cluster: what a user enters for a connection (the bootstrap servers,
 * client id, security protocol, SASL and TLS settings), with secrets as plain values. Where they
 * are kept (Electron's safeStorage, or a user-only file in serve mode) is the connections store's
 * business; this is what the Kafka client is given.
 */

export type SecurityProtocol = 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL';

export type SaslSettings =
  | { mechanism: 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512'; username: string; password: string }
  /** OAUTHBEARER with a token the user pasted. */
  | { mechanism: 'OAUTHBEARER'; token: string }
  /** OAUTHBEARER with a token fetched from an OAuth 2 token endpoint (client-credentials grant). */
  | { mechanism: 'OAUTHBEARER'; tokenEndpoint: string; clientId: string; clientSecret: string; scope?: string };

export interface TlsSettings {
  /** PEM of the CA(s) to trust instead of the system's; absent: the system CAs. */
  ca?: string;
  /** PEM client certificate and key, for clusters that ask for one (mutual TLS). */
  cert?: string;
  key?: string;
  /** Accept any server certificate (self-signed, expired, another host's): the UI warns. */
  skipVerify?: boolean;
}

export interface RemoteConnection {
  /** `host:port` pairs; any one reachable is enough to find the rest. */
  bootstrapServers: string[];
  clientId: string;
  securityProtocol: SecurityProtocol;
  /** Required for SASL_PLAINTEXT and SASL_SSL, ignored otherwise. */
  sasl?: SaslSettings;
  /** Used for SSL and SASL_SSL, ignored otherwise. */
  tls?: TlsSettings;
  /** Refuse every mutation (produce, delete, config change, offset reset, replay) in the host. */
  readOnly?: boolean;
  /** Connect and request timeouts, ms; defaults suit a cluster across a network. */
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
}

export const DEFAULT_CLIENT_ID = 'eddy-console';

/** `host:port` split, with a clear error for anything else (IPv6 in brackets: `[::1]:9092`). */
export function parseHostPort(server: string): { host: string; port: number } {
  const trimmed = server.trim();
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(trimmed);
  const plain = /^([^:\s]+):(\d+)$/.exec(trimmed);
  const match = bracketed ?? plain;
  if (!match) throw new Error(`"${server}" is not host:port (for example localhost:9092)`);
  const port = Number(match[2]);
  if (port < 1 || port > 65535) throw new Error(`"${server}" has port ${match[2]}, outside 1–65535`);
  return { host: match[1]!, port };
}

export const usesTls = (protocol: SecurityProtocol): boolean => protocol === 'SSL' || protocol === 'SASL_SSL';
export const usesSasl = (protocol: SecurityProtocol): boolean => protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL';
