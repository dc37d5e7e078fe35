/**
 * TLS listeners with a self-signed CA, against real clients: kcat (librdkafka) and kafkajs are
 * accepted when they trust the CA, refused with their certificate-verify error when they do not,
 * and accepted when told to skip verification; a certificate for another host name is refused by
 * name. A PLAINTEXT listener beside the TLS one keeps working, and each listener advertises its
 * own port in Metadata. Client certificates are required when configured. PEM with an encrypted
 * key and PKCS12 key stores load.
 */
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrokerEndpoint } from '../../src/index';
import { runProcess } from '../support/run-process';
import { startTempBroker, type TempBroker } from '../support/temp-broker';
import { makeTestCertificates, type TestCertificates } from '../support/test-certificates';

function endpoint(temp: TempBroker, name: string): BrokerEndpoint {
  const found = temp.broker.endpoints?.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no listener ${name}`);
  return found;
}

async function kafkajsTopics(config: Omit<KafkaConfig, 'logLevel'>): Promise<string[]> {
  const admin = new Kafka({ ...config, logLevel: logLevel.NOTHING, retry: { retries: 0 }, connectionTimeout: 5000 }).admin();
  await admin.connect();
  try {
    return await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}

describe('TLS listeners', () => {
  let certificates: TestCertificates;
  let temp: TempBroker;
  let sslBootstrap: string;

  beforeAll(async () => {
    certificates = makeTestCertificates();
    temp = await startTempBroker({ config: { listeners: 'PLAINTEXT://:0,SSL://:0', 'ssl.keystore.location': certificates.keyStore } });
    sslBootstrap = `localhost:${endpoint(temp, 'SSL').port}`;
    temp.broker.logs.createTopic('over-tls', { partitions: 1 });
  });
  afterAll(async () => {
    await temp?.stop();
    certificates?.remove();
  });

  it('lists both listeners; Broker.port is the PLAINTEXT one', () => {
    expect(temp.broker.endpoints?.map(({ name, securityProtocol, advertisedHost }) => [name, securityProtocol, advertisedHost])).toEqual([
      ['PLAINTEXT', 'PLAINTEXT', 'localhost'],
      ['SSL', 'SSL', 'localhost'],
    ]);
    expect(temp.broker.port).toBe(endpoint(temp, 'PLAINTEXT').port);
    expect(endpoint(temp, 'SSL').port).not.toBe(temp.broker.port);
  });

  it('kcat trusting the CA connects, and Metadata advertises the TLS listener it came through', async () => {
    const result = await runProcess('kcat', ['-L', '-b', sslBootstrap, '-X', 'security.protocol=SSL', '-X', `ssl.ca.location=${certificates.caFile}`, '-m', '10'], { timeoutMs: 20_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`broker ${temp.broker.nodeId} at localhost:${endpoint(temp, 'SSL').port}`);
    expect(result.stdout).toContain('topic "over-tls" with 1 partitions');
  });

  it('kcat without the CA (the system trust store only) is refused with its certificate-verify error', async () => {
    const result = await runProcess('kcat', ['-L', '-b', sslBootstrap, '-X', 'security.protocol=SSL', '-m', '3'], { timeoutMs: 20_000 });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/certificate verify failed/);
  });

  it('kcat skipping verification connects', async () => {
    const result = await runProcess('kcat', ['-L', '-b', sslBootstrap, '-X', 'security.protocol=SSL', '-X', 'enable.ssl.certificate.verification=false', '-m', '10'], { timeoutMs: 20_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('topic "over-tls"');
  });

  it('kafkajs produces and consumes over TLS trusting the CA', async () => {
    const kafka = new Kafka({ brokers: [sslBootstrap], ssl: { ca: [certificates.caPem] }, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'over-tls', messages: [{ key: 'k', value: 'sealed' }] });
    await producer.disconnect();
    const consumer = kafka.consumer({ groupId: 'tls-readers' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'over-tls', fromBeginning: true });
    const value = await new Promise<string>((resolve) => {
      void consumer.run({ eachMessage: async ({ message }) => resolve(message.value!.toString()) });
    });
    await consumer.disconnect();
    expect(value).toBe('sealed');
  });

  it('kafkajs without the CA is refused (the chain ends at an unknown CA), and with rejectUnauthorized false connects', async () => {
    await expect(kafkajsTopics({ brokers: [sslBootstrap], ssl: true })).rejects.toThrow(/unable to verify the first certificate/);
    expect(await kafkajsTopics({ brokers: [sslBootstrap], ssl: { rejectUnauthorized: false } })).toContain('over-tls');
  });

  it('the PLAINTEXT listener beside it keeps working and advertises its own port', async () => {
    const result = await runProcess('kcat', ['-L', '-b', temp.bootstrap, '-m', '10'], { timeoutMs: 20_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`broker ${temp.broker.nodeId} at localhost:${temp.broker.port}`);
  });

  it('a certificate for another host name is refused by name, even with the CA trusted', async () => {
    const other = await startTempBroker({ config: { listeners: 'SSL://:0', 'ssl.keystore.location': certificates.wrongHostKeyStore } });
    try {
      await expect(kafkajsTopics({ brokers: [`localhost:${other.broker.port}`], ssl: { ca: [certificates.caPem] } })).rejects.toThrow(/Hostname\/IP does not match certificate's altnames/);
    } finally {
      await other.stop();
    }
  });

  it('with ssl.client.auth=required, takes a client certificate the trust store vouches for and refuses a client without one', async () => {
    const mtls = await startTempBroker({
      config: { listeners: 'SSL://:0', 'ssl.keystore.location': certificates.keyStore, 'ssl.client.auth': 'required', 'ssl.truststore.location': certificates.caFile },
    });
    try {
      const brokers = [`localhost:${mtls.broker.port}`];
      expect(await kafkajsTopics({ brokers, ssl: { ca: [certificates.caPem], cert: certificates.clientCertificate, key: certificates.clientKey } })).toEqual([]);
      await expect(kafkajsTopics({ brokers, ssl: { ca: [certificates.caPem] } })).rejects.toThrow();
    } finally {
      await mtls.stop();
    }
  });

  it('loads an encrypted PEM key with ssl.key.password and a PKCS12 key store, and refuses a wrong password at start', async () => {
    const keyStores: Array<Record<string, string>> = [
      { 'ssl.keystore.location': certificates.encryptedKeyStore, 'ssl.key.password': certificates.keyPassword },
      { 'ssl.keystore.type': 'PKCS12', 'ssl.keystore.location': certificates.pkcs12KeyStore, 'ssl.keystore.password': certificates.keyPassword },
    ];
    for (const config of keyStores) {
      const broker = await startTempBroker({ config: { listeners: 'SSL://:0', ...config } });
      try {
        expect(await kafkajsTopics({ brokers: [`localhost:${broker.broker.port}`], ssl: { ca: [certificates.caPem] } })).toEqual([]);
      } finally {
        await broker.stop();
      }
    }
    await expect(startTempBroker({ config: { listeners: 'SSL://:0', 'ssl.keystore.location': certificates.encryptedKeyStore, 'ssl.key.password': 'wrong' } })).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
      message: expect.stringContaining(`the TLS key store (ssl.keystore.location ${certificates.encryptedKeyStore}) cannot be used`),
    });
  });
});
