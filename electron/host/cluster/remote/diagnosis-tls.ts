/**
 * The TLS handshake of a connection test, and its failures in words: an expired certificate (with
 * its date), a self-signed certificate or an unknown CA (add the CA's PEM), a certificate for
 * other host names (listed), a port that does not speak TLS, a server that wants a client
 * certificate, and a client certificate or key that does not load.
 */
import { isIP } from 'node:net';
import { checkServerIdentity, connect, type ConnectionOptions, type PeerCertificate, type TLSSocket } from 'node:tls';
import type { TlsSettings } from './remote-connection';
import { socketReady } from './socket-ready';

/** What node:tls is given for `host`: the configured CA (or the system's), client cert and key, SNI, verification. */
export function tlsConnectOptions(host: string, port: number, settings: TlsSettings | undefined, verify = !settings?.skipVerify): ConnectionOptions {
  return {
    host,
    port,
    // SNI must be a host name: RFC 6066 does not allow an IP address there.
    ...(isIP(host) === 0 ? { servername: host } : {}),
    ...(settings?.ca ? { ca: settings.ca } : {}),
    ...(settings?.cert ? { cert: settings.cert } : {}),
    ...(settings?.key ? { key: settings.key } : {}),
    rejectUnauthorized: verify,
  };
}

/** Opens a TLS connection; resolves after the handshake (the caller ends the socket). */
export function openTls(options: ConnectionOptions, timeoutMs: number): Promise<TLSSocket> {
  let socket: TLSSocket;
  try {
    socket = connect(options);
  } catch (error) {
    // A CA, certificate or key that does not load fails here, before any connection.
    return Promise.reject(error as Error);
  }
  return socketReady(socket, 'secureConnect', timeoutMs, () => {
    const error: NodeJS.ErrnoException = new Error(`the TLS handshake did not finish within ${timeoutMs} ms`);
    error.code = 'ETIMEDOUT';
    return error;
  });
}

/** The server's certificate, with verification off (to say what is wrong with it), or undefined when even that fails. */
export async function peekServerCertificate(options: ConnectionOptions, timeoutMs: number): Promise<PeerCertificate | undefined> {
  try {
    const socket = await openTls({ ...options, rejectUnauthorized: false }, timeoutMs);
    const certificate = socket.getPeerCertificate();
    socket.destroy();
    return certificate && Object.keys(certificate).length > 0 ? certificate : undefined;
  } catch {
    return undefined;
  }
}

/** The names a certificate is valid for: its subjectAltName entries, else its CN. */
export function certificateNames(certificate: PeerCertificate): string[] {
  const alt = certificate.subjectaltname
    ?.split(',')
    .map((entry) => entry.trim().replace(/^(DNS|IP Address):/, ''))
    .filter((entry) => entry !== '');
  if (alt && alt.length > 0) return alt;
  const cn = certificate.subject?.CN;
  return cn ? [String(cn)] : [];
}

const subjectOf = (certificate: PeerCertificate): string => (certificate.subject?.CN ? `CN=${String(certificate.subject.CN)}` : 'no CN');
const issuerOf = (certificate: PeerCertificate): string => (certificate.issuer?.CN ? `CN=${String(certificate.issuer.CN)}` : 'an unnamed issuer');
const isoDate = (text: string): string => {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toISOString().replace('.000Z', 'Z');
};

/** One line about the certificate a handshake got: subject, issuer, validity. */
export function describeCertificate(certificate: PeerCertificate): string {
  return `certificate ${subjectOf(certificate)} issued by ${issuerOf(certificate)}, valid until ${isoDate(certificate.valid_to)}`;
}

/** The server sent TLS alerts that mean "I want (another) client certificate". */
const CLIENT_CERTIFICATE_ALERTS = new Set([
  'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
  'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
  'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN',
  'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
  'ERR_SSL_TLSV1_ALERT_ACCESS_DENIED',
]);

/** Whether an error from a TLS socket is a TLS alert about the client's certificate. */
export function isClientCertificateAlert(error: NodeJS.ErrnoException | undefined): boolean {
  return error?.code !== undefined && CLIENT_CERTIFICATE_ALERTS.has(error.code);
}

/** The server's TLS alert about the client certificate, in words. */
export function describeClientCertificateAlert(error: NodeJS.ErrnoException, settings: TlsSettings | undefined): string {
  const hasCertificate = Boolean(settings?.cert);
  if (error.code === 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE' && !hasCertificate) {
    // TLS 1.2's answer to a missing client certificate, but also to no TLS version or cipher in common.
    return `the server ended the TLS handshake (handshake failure): it probably asks for a client certificate (mutual TLS) and this connection has none, so add the client certificate and its key (PEM); otherwise the server and this machine share no TLS version or cipher (server said: ${error.message})`;
  }
  if (!hasCertificate) {
    return `the server asks for a client certificate (mutual TLS) and this connection has none: add the client certificate and its key (PEM) to the connection (server said: ${error.message})`;
  }
  if (error.code === 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA') {
    return `the server does not trust this connection's client certificate (unknown CA): it must be signed by a CA in the broker's ssl.truststore (server said: ${error.message})`;
  }
  return `the server refused this connection's client certificate (server said: ${error.message})`;
}

export interface TlsFailureContext {
  host: string;
  port: number;
  settings: TlsSettings | undefined;
  /** The certificate the server presents, read with verification off, when it could be. */
  certificate?: PeerCertificate;
}

/** A handshake error in words: what is wrong and what to do. */
export function describeTlsError(error: NodeJS.ErrnoException, context: TlsFailureContext): string {
  const { host, port, settings, certificate } = context;
  const code = error.code ?? '';
  const about = certificate ? ` (${describeCertificate(certificate)})` : '';
  const caHint = settings?.ca ? 'the CA certificate in this connection did not sign it' : 'this connection has no CA certificate and the system does not trust it';
  switch (code) {
    case 'CERT_HAS_EXPIRED':
      return `the server's certificate has expired: it was valid until ${certificate ? isoDate(certificate.valid_to) : 'a date already past'}${certificate ? ` (${subjectOf(certificate)})` : ''}; the cluster needs a new certificate (or turn verification off to connect anyway)`;
    case 'CERT_NOT_YET_VALID':
      return `the server's certificate is not valid yet: it starts ${certificate ? isoDate(certificate.valid_from) : 'later'}; check this machine's clock`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return `the server's certificate is self-signed${about}: add it (or the CA that made it) as PEM to the connection's CA certificate`;
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_GET_ISSUER_CERT':
      return `the server's certificate is signed by an unknown CA (self-signed or private)${about}; ${caHint}: add the CA's PEM to the connection`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID': {
      const names = certificate ? certificateNames(certificate) : [];
      return `the server's certificate is for other names: ${names.length > 0 ? names.join(', ') : 'not this host'}, not ${host}; connect with one of those names, or the cluster needs a certificate that names ${host}`;
    }
    case 'ERR_OSSL_X509_KEY_VALUES_MISMATCH':
      return "the connection's client certificate and key do not belong together (the key does not match the certificate)";
    case 'ERR_OSSL_PEM_NO_START_LINE':
    case 'ERR_OSSL_PEM_BAD_BASE64_DECODE':
    case 'ERR_OSSL_UNSUPPORTED':
      return `a certificate or key in this connection is not valid PEM (${error.message}): paste the text between and including the -----BEGIN …----- and -----END …----- lines`;
    case 'ECONNRESET':
      return `${host}:${port} closed the connection during the TLS handshake: the port probably does not speak TLS`;
    case 'ETIMEDOUT':
      return `${error.message}: the port probably does not speak TLS, or something between drops it`;
  }
  if (isClientCertificateAlert(error)) return describeClientCertificateAlert(error, settings);
  if (/wrong version number|packet length too long|record layer failure|unknown protocol|http request/i.test(error.message) || code === 'EPROTO') {
    return `${host}:${port} does not speak TLS (the handshake failed: ${error.message.trim()}): use PLAINTEXT or SASL_PLAINTEXT for this port, or the port of the cluster's SSL listener`;
  }
  return `the TLS handshake with ${host}:${port} failed: ${error.message}${code ? ` (${code})` : ''}`;
}

/** What an accepted handshake says about the server, and a warning when verification is off. */
export function describeHandshake(socket: TLSSocket, host: string, port: number, skipVerify: boolean): string {
  const certificate = socket.getPeerCertificate();
  const about = certificate && Object.keys(certificate).length > 0 ? `; ${describeCertificate(certificate)}` : '';
  const base = `TLS handshake with ${host}:${port} ok (${socket.getProtocol() ?? 'TLS'})${about}`;
  if (!skipVerify) return base;
  const problems: string[] = [];
  if (socket.authorizationError) problems.push(String(socket.authorizationError));
  if (certificate && Object.keys(certificate).length > 0 && checkServerIdentity(host, certificate)) problems.push(`the certificate is not for ${host}`);
  const unverified = problems.length > 0 ? ` (it would fail: ${problems.join('; ')})` : '';
  return `${base}. Note: certificate verification is off for this connection, so the server's identity is not checked${unverified}`;
}
