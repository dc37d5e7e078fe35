/**
 * Throwaway TLS material for security tests, made with /usr/bin/openssl in a temp directory: a
 * self-signed CA, a server certificate it signs for `localhost` and 127.0.0.1 (as a PEM key store
 * holding key and chain, as an encrypted key, and as PKCS12), and one signed for another host
 * name only, and a client certificate. Removed by `remove()`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificates {
  dir: string;
  /** The CA certificate (PEM): what a client trusts. */
  caFile: string;
  caPem: string;
  /** Key and certificate chain in one PEM file: `ssl.keystore.location`. */
  keyStore: string;
  /** The same key encrypted with `keyPassword`, and its certificate, in one PEM file. */
  encryptedKeyStore: string;
  keyPassword: string;
  /** PKCS12 of the same key and certificate, password `keyPassword`. */
  pkcs12KeyStore: string;
  /** A key store whose certificate names only `other.example`. */
  wrongHostKeyStore: string;
  /** A client certificate the CA signed, and its key (PEM text), for ssl.client.auth. */
  clientCertificate: string;
  clientKey: string;
  remove(): void;
}

const openssl = (args: string[], cwd: string) => execFileSync('/usr/bin/openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

function signedKeyStore(dir: string, name: string, subjectAltName: string): string {
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`], dir);
  writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${subjectAltName}\n`);
  openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '2', '-extfile', `${name}.ext`], dir);
  const keyStore = join(dir, `${name}.pem`);
  writeFileSync(keyStore, readFileSync(join(dir, `${name}.key`), 'utf8') + readFileSync(join(dir, `${name}.crt`), 'utf8'));
  return keyStore;
}

export function makeTestCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'eddy-tls-'));
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Eddy Test CA'], dir);
  const keyStore = signedKeyStore(dir, 'server', 'DNS:localhost,IP:127.0.0.1,IP:::1');
  const wrongHostKeyStore = signedKeyStore(dir, 'other', 'DNS:other.example');
  signedKeyStore(dir, 'client', 'DNS:client.example');
  const keyPassword = 'key-password';
  openssl(['pkey', '-in', 'server.key', '-aes256', '-passout', `pass:${keyPassword}`, '-out', 'server-encrypted.key'], dir);
  const encryptedKeyStore = join(dir, 'server-encrypted.pem');
  writeFileSync(encryptedKeyStore, readFileSync(join(dir, 'server-encrypted.key'), 'utf8') + readFileSync(join(dir, 'server.crt'), 'utf8'));
  openssl(['pkcs12', '-export', '-in', 'server.crt', '-inkey', 'server.key', '-certfile', 'ca.pem', '-out', 'server.p12', '-passout', `pass:${keyPassword}`], dir);
  const caFile = join(dir, 'ca.pem');
  return {
    dir,
    caFile,
    caPem: readFileSync(caFile, 'utf8'),
    keyStore,
    encryptedKeyStore,
    keyPassword,
    pkcs12KeyStore: join(dir, 'server.p12'),
    wrongHostKeyStore,
    clientCertificate: readFileSync(join(dir, 'client.crt'), 'utf8'),
    clientKey: readFileSync(join(dir, 'client.key'), 'utf8'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
