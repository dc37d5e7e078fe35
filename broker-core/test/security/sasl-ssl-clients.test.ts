/**
 * SASL_SSL with real clients: kcat (librdkafka 2.0.2), kafka-python 2.0.2 (SaslHandshake v0 and
 * raw tokens) and kafkajs produce and consume with SCRAM-SHA-256, PLAIN and SCRAM-SHA-512 (users
 * from sasl.users and from a users file); a wrong password gets an authentication error that says
 * so, and the broker keeps serving everyone else; connections show who authenticated.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel, type SASLOptions } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess, systemPython } from '../support/run-process';
import { startTempBroker, type TempBroker } from '../support/temp-broker';
import { makeTestCertificates, type TestCertificates } from '../support/test-certificates';

const SCRAM_256_FAILED = 'Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256';

const pythonScript = `
import json, sys
from kafka import KafkaProducer, KafkaConsumer, TopicPartition
bootstrap, topic, cafile, mechanism, user, password = sys.argv[1:7]
security = dict(bootstrap_servers=bootstrap, security_protocol='SASL_SSL', ssl_cafile=cafile, sasl_mechanism=mechanism, sasl_plain_username=user, sasl_plain_password=password)
producer = KafkaProducer(acks='all', **security)
offsets = [producer.send(topic, value=f'{mechanism} {i}'.encode()).get(timeout=20).offset for i in range(3)]
producer.close()
consumer = KafkaConsumer(group_id=None, enable_auto_commit=False, consumer_timeout_ms=3000, **security)
tp = TopicPartition(topic, 0)
consumer.assign([tp])
consumer.seek(tp, offsets[0])
print(json.dumps([m.value.decode() for m in consumer]))
`;

const pythonWrongPassword = `
import sys
from kafka import KafkaProducer
bootstrap, cafile = sys.argv[1:3]
try:
    KafkaProducer(bootstrap_servers=bootstrap, security_protocol='SASL_SSL', ssl_cafile=cafile, sasl_mechanism='SCRAM-SHA-256', sasl_plain_username='alice', sasl_plain_password='Wr0ng-P4ss', api_version_auto_timeout_ms=5000)
except Exception as error:
    print(type(error).__name__, error)
    sys.exit(3)
`;

describe('SASL_SSL with real clients', () => {
  let certificates: TestCertificates;
  let scratch: string;
  let temp: TempBroker;
  let bootstrap: string;
  const warnings: string[] = [];
  const kcatSecurity = (mechanism: string, user: string, password: string) => [
    '-X', 'security.protocol=SASL_SSL', '-X', `ssl.ca.location=${certificates.caFile}`,
    '-X', `sasl.mechanisms=${mechanism}`, '-X', `sasl.username=${user}`, '-X', `sasl.password=${password}`,
  ];
  const kafkajs = (sasl: SASLOptions) => new Kafka({ brokers: [bootstrap], ssl: { ca: [certificates.caPem] }, sasl, logLevel: logLevel.NOTHING, retry: { retries: 0 } });

  beforeAll(async () => {
    certificates = makeTestCertificates();
    scratch = mkdtempSync(join(tmpdir(), 'eddy-sasl-'));
    const usersFile = join(scratch, 'users.txt');
    writeFileSync(usersFile, '# SASL users\nbob:b0b,with:punctuation\n');
    temp = await startTempBroker({
      logger: { info() {}, warn: (line) => warnings.push(line), error: (line) => warnings.push(line) },
      config: {
        listeners: 'PLAINTEXT://:0,SASL_SSL://:0',
        'ssl.keystore.location': certificates.keyStore,
        'sasl.users': 'alice:alice-secret',
        'sasl.users.file': usersFile,
      },
    });
    bootstrap = `localhost:${temp.broker.endpoints!.find((listener) => listener.name === 'SASL_SSL')!.port}`;
    for (const topic of ['kcat-scram', 'python-sasl']) temp.broker.logs.createTopic(topic, { partitions: 1 });
  });
  afterAll(async () => {
    await temp?.stop();
    certificates?.remove();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('kcat produces and consumes with SCRAM-SHA-256, and lists with PLAIN (a user from the users file)', async () => {
    const produced = await runProcess('kcat', ['-P', '-b', bootstrap, '-t', 'kcat-scram', ...kcatSecurity('SCRAM-SHA-256', 'alice', 'alice-secret')], { timeoutMs: 30_000, input: 'one\ntwo\nthree\n' });
    expect(produced.code, produced.stderr).toBe(0);
    const consumed = await runProcess('kcat', ['-C', '-b', bootstrap, '-t', 'kcat-scram', '-o', 'beginning', '-e', '-q', ...kcatSecurity('SCRAM-SHA-256', 'alice', 'alice-secret')], { timeoutMs: 30_000 });
    expect(consumed.code, consumed.stderr).toBe(0);
    expect(consumed.stdout.trimEnd().split('\n')).toEqual(['one', 'two', 'three']);
    const listed = await runProcess('kcat', ['-L', '-b', bootstrap, ...kcatSecurity('PLAIN', 'bob', 'b0b,with:punctuation')], { timeoutMs: 30_000 });
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(`broker ${temp.broker.nodeId} at ${bootstrap}`);
  });

  it.each(['SCRAM-SHA-256', 'PLAIN'])('kafka-python produces and consumes with %s (SaslHandshake v0, raw tokens)', async (mechanism) => {
    const run = await runProcess(systemPython, ['-c', pythonScript, bootstrap, 'python-sasl', certificates.caFile, mechanism, 'alice', 'alice-secret'], { timeoutMs: 60_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([0, 1, 2].map((i) => `${mechanism} ${i}`));
  });

  it.each(['scram-sha-256', 'scram-sha-512'] as const)('kafkajs produces and consumes with %s, and connections show the principal', async (mechanism) => {
    const kafka = kafkajs({ mechanism, username: 'alice', password: 'alice-secret' });
    const topic = `kafkajs-${mechanism}`;
    temp.broker.logs.createTopic(topic, { partitions: 1 });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'authenticated' }] });
    expect(temp.broker.connections().some((connection) => connection.principal === 'User:alice' && connection.securityProtocol === 'SASL_SSL')).toBe(true);
    await producer.disconnect();
    const consumer = kafka.consumer({ groupId: `${mechanism}-readers` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const value = await new Promise<string>((resolve) => {
      void consumer.run({ eachMessage: async ({ message }) => resolve(message.value!.toString()) });
    });
    await consumer.disconnect();
    expect(value).toBe('authenticated');
  });

  it('a wrong SCRAM password: each client is told authentication failed, and the broker keeps serving', async () => {
    const kcat = await runProcess('kcat', ['-L', '-b', bootstrap, '-m', '3', ...kcatSecurity('SCRAM-SHA-256', 'alice', 'Wr0ng-P4ss')], { timeoutMs: 20_000 });
    expect(kcat.code).not.toBe(0);
    expect(kcat.stderr).toContain(`SASL authentication error: ${SCRAM_256_FAILED}`);

    const admin = kafkajs({ mechanism: 'scram-sha-256', username: 'alice', password: 'Wr0ng-P4ss' }).admin();
    await expect(admin.connect()).rejects.toThrow(SCRAM_256_FAILED);

    // kafka-python 2.0.2 authenticates with raw tokens (SaslHandshake v0), which carry no error
    // answer: the broker closes the connection, as Kafka does, so the client can only say that no
    // broker was available; the broker's log says why.
    const python = await runProcess(systemPython, ['-c', pythonWrongPassword, bootstrap, certificates.caFile], { timeoutMs: 60_000 });
    expect(python.code, python.stderr).toBe(3);
    expect(python.stdout).toContain('NoBrokersAvailable');
    expect(warnings.some((line) => /failed authentication with SASL\/SCRAM-SHA-256: .*invalid credentials for user "alice" \(wrong password\?\)/.test(line))).toBe(true);
    expect(warnings.join('\n')).not.toContain('Wr0ng-P4ss');

    const listed = await runProcess('kcat', ['-L', '-b', bootstrap, ...kcatSecurity('SCRAM-SHA-256', 'alice', 'alice-secret')], { timeoutMs: 20_000 });
    expect(listed.code, listed.stderr).toBe(0);
    const plaintext = await runProcess('kcat', ['-L', '-b', temp.bootstrap], { timeoutMs: 20_000 });
    expect(plaintext.code, plaintext.stderr).toBe(0);
  });
});
