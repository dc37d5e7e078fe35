/**
 * SASL/OAUTHBEARER with Kafka's unsecured tokens and real clients: kcat (librdkafka 2.0.2 makes
 * its own unsecured JWT from sasl.oauthbearer.config) over SASL_PLAINTEXT and SASL_SSL, kafkajs
 * with a token it is given. A valid token authenticates as its `sub` (connections show
 * `User:alice`); an expired token, or one without a required scope (per-listener JAAS config, as
 * Kafka configures it), fails the authentication: librdkafka completes RFC 7628's error exchange
 * and reports the broker's reason; kafkajs 2.2 does not acknowledge the error, so the broker closes
 * its connection and its log says why.
 */
import { Kafka, logLevel, type SASLOptions } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from '../support/run-process';
import { startTempBroker, type TempBroker } from '../support/temp-broker';
import { makeTestCertificates, type TestCertificates } from '../support/test-certificates';

const part = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
/** An unsecured JWS as Kafka's OAuthBearerUnsecuredLoginCallbackHandler makes one. */
const unsecuredJwt = (claims: Record<string, unknown>) => `${part({ alg: 'none' })}.${part(claims)}.`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('SASL/OAUTHBEARER with unsecured tokens and real clients', () => {
  let certificates: TestCertificates;
  let temp: TempBroker;
  let plaintext: string;
  let ssl: string;
  const warnings: string[] = [];
  const kcatOAuth = (config: string) => ['-X', 'sasl.mechanism=OAUTHBEARER', '-X', 'enable.sasl.oauthbearer.unsecure.jwt=true', '-X', `sasl.oauthbearer.config=${config}`];
  const kcatPlaintext = (config = 'principal=alice') => ['-b', plaintext, '-X', 'security.protocol=SASL_PLAINTEXT', ...kcatOAuth(config)];
  const kcatSsl = (config: string) => ['-b', ssl, '-X', 'security.protocol=SASL_SSL', '-X', `ssl.ca.location=${certificates.caFile}`, ...kcatOAuth(config)];
  const kafkajs = (sasl: SASLOptions) => new Kafka({ brokers: [plaintext], sasl, logLevel: logLevel.NOTHING, retry: { retries: 0 }, connectionTimeout: 10_000 });
  const bearer = (value: string): SASLOptions => ({ mechanism: 'oauthbearer', oauthBearerProvider: async () => ({ value }) });

  beforeAll(async () => {
    certificates = makeTestCertificates();
    temp = await startTempBroker({
      logger: { info() {}, warn: (line) => warnings.push(line), error: (line) => warnings.push(line) },
      config: {
        listeners: 'SASL_PLAINTEXT://:0,SASL_SSL://:0',
        'ssl.keystore.location': certificates.keyStore,
        'sasl.enabled.mechanisms': 'OAUTHBEARER',
        'listener.name.sasl_ssl.oauthbearer.sasl.jaas.config':
          'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required unsecuredValidatorRequiredScope="kafka" unsecuredValidatorAllowableClockSkewMs="5000";',
      },
    });
    const port = (name: string) => temp.broker.endpoints!.find((listener) => listener.name === name)!.port;
    plaintext = `localhost:${port('SASL_PLAINTEXT')}`;
    ssl = `localhost:${port('SASL_SSL')}`;
    for (const topic of ['kcat-oauth', 'kcat-oauth-ssl']) temp.broker.logs.createTopic(topic, { partitions: 1 });
  });
  afterAll(async () => {
    await temp?.stop();
    certificates?.remove();
  });

  it('kcat produces and consumes with sasl.oauthbearer.config=principal=alice, authenticated as User:alice', async () => {
    const produced = await runProcess('kcat', ['-P', '-t', 'kcat-oauth', ...kcatPlaintext()], { timeoutMs: 30_000, input: 'one\ntwo\nthree\n' });
    expect(produced.code, produced.stderr).toBe(0);
    const principals = new Set<string>();
    const watch = setInterval(() => {
      for (const connection of temp.broker.connections()) if (connection.securityProtocol === 'SASL_PLAINTEXT' && connection.principal) principals.add(connection.principal);
    }, 5);
    const consumed = await runProcess('kcat', ['-C', '-t', 'kcat-oauth', '-o', 'beginning', '-e', '-q', ...kcatPlaintext()], { timeoutMs: 30_000 }).finally(() => clearInterval(watch));
    expect(consumed.code, consumed.stderr).toBe(0);
    expect(consumed.stdout.trimEnd().split('\n')).toEqual(['one', 'two', 'three']);
    expect([...principals]).toEqual(['User:alice']);
  });

  it('over SASL_SSL with a required scope (the listener’s JAAS config): a token with the scope works, one without is refused saying so', async () => {
    const produced = await runProcess('kcat', ['-P', '-t', 'kcat-oauth-ssl', ...kcatSsl('principal=alice scope=kafka,other')], { timeoutMs: 30_000, input: 'secure\n' });
    expect(produced.code, produced.stderr).toBe(0);
    const consumed = await runProcess('kcat', ['-C', '-t', 'kcat-oauth-ssl', '-o', 'beginning', '-e', '-q', ...kcatSsl('principal=alice scope=kafka')], { timeoutMs: 30_000 });
    expect(consumed.code, consumed.stderr).toBe(0);
    expect(consumed.stdout.trim()).toBe('secure');

    const refused = await runProcess('kcat', ['-L', '-m', '3', ...kcatSsl('principal=alice scope=other')], { timeoutMs: 30_000 });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`{"status":"insufficient_scope", "scope":"[kafka]"}: the token's scope lacks kafka`);
    // The PLAINTEXT listener has no required scope (Kafka's defaults).
    const listed = await runProcess('kcat', ['-L', ...kcatPlaintext('principal=alice scope=other')], { timeoutMs: 30_000 });
    expect(listed.code, listed.stderr).toBe(0);
  });

  it('kcat with a token the validator refuses gets the broker’s reason (librdkafka acknowledges the error challenge)', async () => {
    // librdkafka makes its token valid for lifeSeconds from now; a token without the principal claim
    // the broker wants (azp instead of sub) takes the same refusal path as an expired one.
    const refused = await runProcess('kcat', ['-L', '-m', '3', ...kcatPlaintext('principal=alice principalClaimName=azp')], { timeoutMs: 30_000 });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('{"status":"invalid_token"}: the token has no sub claim (No principal name in JWT claim: sub)');
  });

  it('kafkajs produces and consumes with a token from oauthBearerProvider; connections show the principal', async () => {
    const kafka = kafkajs(bearer(unsecuredJwt({ sub: 'bob', iat: nowSeconds(), exp: nowSeconds() + 3600, scope: 'kafka' })));
    const topic = 'kafkajs-oauth';
    temp.broker.logs.createTopic(topic, { partitions: 1 });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'with a bearer token' }] });
    expect(temp.broker.connections().some((connection) => connection.principal === 'User:bob' && connection.securityProtocol === 'SASL_PLAINTEXT')).toBe(true);
    await producer.disconnect();
    const consumer = kafka.consumer({ groupId: 'oauth-readers' });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const value = await new Promise<string>((resolve) => {
      void consumer.run({ eachMessage: async ({ message }) => resolve(message.value!.toString()) });
    });
    await consumer.disconnect();
    expect(value).toBe('with a bearer token');
  });

  it('kafkajs with an expired token fails, and the broker logs that the token expired', async () => {
    warnings.length = 0;
    const admin = kafkajs(bearer(unsecuredJwt({ sub: 'bob', iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 }))).admin();
    const failure = await admin.connect().then(
      () => admin.listTopics().then(() => null, (error: unknown) => error),
      (error: unknown) => error,
    );
    await admin.disconnect();
    // kafkajs takes the error challenge for success and sends its next request, so all it can say is
    // that the broker closed the connection (as against Kafka); the broker's log has the reason.
    expect(String(failure)).toBe('KafkaJSConnectionClosedError: Closed connection');
    expect(warnings.some((line) => /failed authentication with SASL\/OAUTHBEARER: invalid token: the token has expired: The indicated time/.test(line)), warnings.join('\n')).toBe(true);
  });
});
