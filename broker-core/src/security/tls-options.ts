/**
 * The TLS server options of the SSL and SASL_SSL listeners, from Kafka's `ssl.*` configs, loaded
 * and checked once at start (a key that does not decrypt or match its certificate fails the start,
 * not the first client).
 *
 * Key stores: `ssl.keystore.type=PEM` (the default here; Kafka's is JKS) with
 * `ssl.keystore.location`, one PEM file holding the private key and the certificate chain (server
 * certificate first), or the PEM text itself in `ssl.keystore.key` + `ssl.keystore.certificate.chain`;
 * `ssl.key.password` decrypts an encrypted key. `PKCS12` with `ssl.keystore.location` and
 * `ssl.keystore.password`. `JKS` is Java's own format, which Node cannot read: refused with the
 * keytool command that converts it.
 * Client certificates: `ssl.client.auth` none (default), requested or required, checked against
 * the PEM CA certificates of `ssl.truststore.location` or `ssl.truststore.certificates`.
 * TLS 1.2 and 1.3, as Kafka enables by default.
 */
import { readFileSync } from 'node:fs';
import { createSecureContext, type TlsOptions } from 'node:tls';
import { InvalidBrokerConfigError } from '../config/broker-config';
import type { BrokerConfig } from '../config/broker-config';

const privateKeyBlock = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?-----END \1PRIVATE KEY-----/g;
const certificateBlock = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

function readConfiguredFile(configName: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new InvalidBrokerConfigError(`cannot read ${configName} ${path}: ${reason}`);
  }
}

function pemKeyStore(config: BrokerConfig): { key: string; cert: string; source: string } {
  const location = config.get('ssl.keystore.location');
  const inlineKey = config.get('ssl.keystore.key');
  const inlineChain = config.get('ssl.keystore.certificate.chain');
  if (location !== '' && (inlineKey !== '' || inlineChain !== '')) {
    throw new InvalidBrokerConfigError('set either ssl.keystore.location or ssl.keystore.key with ssl.keystore.certificate.chain, not both');
  }
  const source = location !== '' ? `ssl.keystore.location ${location}` : 'ssl.keystore.key and ssl.keystore.certificate.chain';
  const keyText = location !== '' ? readConfiguredFile('ssl.keystore.location', location).toString('utf8') : inlineKey;
  const chainText = location !== '' ? keyText : inlineChain;
  const keys = keyText.match(privateKeyBlock) ?? [];
  const certificates = chainText.match(certificateBlock) ?? [];
  if (keys.length !== 1) throw new InvalidBrokerConfigError(`${source} must hold one PEM private key (-----BEGIN PRIVATE KEY-----), found ${keys.length}`);
  if (certificates.length === 0) throw new InvalidBrokerConfigError(`${source} holds no PEM certificate (-----BEGIN CERTIFICATE-----): the server certificate and its chain go with the key`);
  return { key: keys[0], cert: certificates.join('\n'), source };
}

function trustedCertificates(config: BrokerConfig): string | undefined {
  const type = config.get('ssl.truststore.type');
  const location = config.get('ssl.truststore.location');
  const inline = config.get('ssl.truststore.certificates');
  if (location === '' && inline === '') return undefined;
  if (type !== 'PEM') {
    throw new InvalidBrokerConfigError(`ssl.truststore.type ${type} is not supported: give the CA certificates as PEM (openssl pkcs12 -in truststore.p12 -nokeys -out ca.pem) with ssl.truststore.type=PEM`);
  }
  const text = location !== '' ? readConfiguredFile('ssl.truststore.location', location).toString('utf8') : inline;
  const certificates = text.match(certificateBlock) ?? [];
  if (certificates.length === 0) throw new InvalidBrokerConfigError(`${location !== '' ? `ssl.truststore.location ${location}` : 'ssl.truststore.certificates'} holds no PEM certificate`);
  return certificates.join('\n');
}

/** The options for `tls.createServer`; throws `InvalidBrokerConfigError` saying what to fix. */
export function loadTlsOptions(config: BrokerConfig): TlsOptions {
  const type = config.get('ssl.keystore.type');
  let options: TlsOptions;
  let source: string;
  if (type === 'JKS') {
    throw new InvalidBrokerConfigError(
      'ssl.keystore.type JKS cannot be read outside Java: convert the key store to PKCS12 (keytool -importkeystore -srckeystore server.keystore.jks -destkeystore server.keystore.p12 -deststoretype PKCS12) and set ssl.keystore.type=PKCS12, or use PEM',
    );
  } else if (type === 'PKCS12') {
    const location = config.get('ssl.keystore.location');
    if (location === '') throw new InvalidBrokerConfigError('ssl.keystore.type PKCS12 needs ssl.keystore.location (the .p12 file)');
    source = `ssl.keystore.location ${location}`;
    options = { pfx: readConfiguredFile('ssl.keystore.location', location), passphrase: config.get('ssl.keystore.password') };
  } else {
    if (config.get('ssl.keystore.location') === '' && config.get('ssl.keystore.key') === '') {
      throw new InvalidBrokerConfigError(
        'a TLS listener (SSL or SASL_SSL) needs a key store: set ssl.keystore.location (a PEM file with the private key and certificate chain, or a PKCS12 file with ssl.keystore.type=PKCS12), or ssl.keystore.key and ssl.keystore.certificate.chain',
      );
    }
    const pem = pemKeyStore(config);
    source = pem.source;
    const passphrase = config.get('ssl.key.password');
    options = { key: pem.key, cert: pem.cert, ...(passphrase !== '' ? { passphrase } : {}) };
  }
  const clientAuth = config.get('ssl.client.auth');
  const ca = trustedCertificates(config);
  options = { ...options, minVersion: 'TLSv1.2', ...(ca ? { ca } : {}), requestCert: clientAuth !== 'none', rejectUnauthorized: clientAuth === 'required' };
  try {
    createSecureContext(options);
  } catch (error) {
    throw new InvalidBrokerConfigError(`the TLS key store (${source}) cannot be used: ${(error as Error).message} (a wrong ssl.key.password or ssl.keystore.password, or a key that does not match the certificate?)`);
  }
  return options;
}
