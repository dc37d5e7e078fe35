/**
 * "Test connection" against real brokers over real TCP: our broker (PLAINTEXT, SASL_PLAINTEXT,
 * SSL with a self-signed CA, a certificate for another host, mutual TLS, an unreachable
 * advertised listener) and librdkafka's mock cluster (Kafka 2.x versions without administration,
 * and set to offer too old a Fetch); each failure is told in words by the step where it happens,
 * and later steps are skipped.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockCluster, type MockCluster } from '../../../broker-core/test/support/mock-cluster';
import { startTempBroker, type TempBroker } from '../../../broker-core/test/support/temp-broker';
import { makeTestCertificates, type TestCertificates } from '../../../broker-core/test/support/test-certificates';
import { getApiDefinition } from '../../../broker-core/src/protocol/index';
import { judgeApiVersions } from '../cluster/remote/diagnosis-api-versions';
import { diagnoseConnection, type ConnectionDiagnosis, type DiagnosisStepName } from '../cluster/remote/connection-diagnosis';
import type { RemoteConnection } from '../cluster/remote/remote-connection';

const quiet = { info() {}, warn() {}, error() {} };

const connection = (bootstrap: string | string[], extra: Partial<RemoteConnection> = {}): RemoteConnection => ({
  bootstrapServers: Array.isArray(bootstrap) ? bootstrap : [bootstrap],
  clientId: 'eddy-diagnosis-test',
  securityProtocol: 'PLAINTEXT',
  ...extra,
});

function step(diagnosis: ConnectionDiagnosis, name: DiagnosisStepName) {
  const found = diagnosis.steps.find((candidate) => candidate.step === name);
  if (!found) throw new Error(`no step ${name} in ${JSON.stringify(diagnosis)}`);
  return found;
}

function statuses(diagnosis: ConnectionDiagnosis): string[] {
  return diagnosis.steps.map(({ step: name, status }) => `${name}:${status}`);
}

function listenerPort(temp: TempBroker, name: string): number {
  const found = temp.broker.endpoints?.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no listener ${name}`);
  return found.port;
}

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A key store (key and certificate, PEM) whose certificate, signed by the test CA for localhost,
 * expired on 2 January 2020: `openssl ca` takes explicit start and end dates, which Debian 12's
 * OpenSSL 3.0 `x509 -req` does not.
 */
function expiredKeyStore(certificates: TestCertificates): string {
  const dir = certificates.dir;
  const openssl = (args: string[]) => execFileSync('/usr/bin/openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  writeFileSync(
    join(dir, 'expired-ca.cnf'),
    '[ca]\ndefault_ca = test_ca\n[test_ca]\ndatabase = expired-index.txt\nnew_certs_dir = .\nserial = expired-serial.txt\ndefault_md = sha256\npolicy = any_name\nunique_subject = no\n[any_name]\ncommonName = supplied\n',
  );
  writeFileSync(join(dir, 'expired-index.txt'), '');
  writeFileSync(join(dir, 'expired-serial.txt'), '1000\n');
  writeFileSync(join(dir, 'expired.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'expired.key', '-out', 'expired.csr', '-subj', '/CN=expired']);
  openssl(['ca', '-batch', '-config', 'expired-ca.cnf', '-keyfile', 'ca.key', '-cert', 'ca.pem', '-in', 'expired.csr', '-out', 'expired.crt', '-notext',
    '-startdate', '20200101000000Z', '-enddate', '20200102000000Z', '-extfile', 'expired.ext']);
  const keyStore = join(dir, 'expired.pem');
  writeFileSync(keyStore, readFileSync(join(dir, 'expired.key'), 'utf8') + readFileSync(join(dir, 'expired.crt'), 'utf8'));
  return keyStore;
}

describe('judging an ApiVersions answer', () => {
  /** A current Kafka: every API at every version of Kafka's message definitions. */
  const current = () =>
    Array.from({ length: 100 }, (_, key) => getApiDefinition(key))
      .filter((api) => api !== undefined)
      .map((api) => ({ key: api.apiKey, min: api.validVersions.min, max: api.validVersions.max }));

  it('a current cluster suits; one that lists no versions, or only its ApiVersions range, is refused in words', () => {
    const verdict = judgeApiVersions({ errorCode: 0, apis: current() }, { sasl: false });
    expect(verdict).toMatchObject({ ok: true, tooOld: [], limited: [] });
    expect(verdict.detail).toMatch(/^The cluster's protocol versions suit this console \(Metadata up to v12, Fetch up to v17, Produce up to v11; \d+ APIs offered\)\.$/);
    expect(judgeApiVersions({ errorCode: 35, apis: [] }, { sasl: false })).toMatchObject({ ok: false, detail: expect.stringContaining('without saying which versions') });
    expect(judgeApiVersions({ errorCode: 35, apis: [{ key: 18, min: 3, max: 4 }] }, { sasl: false }).detail).toContain('it takes ApiVersions v3–v4 only');
  });

  it('what browsing needs, too old or missing, fails the check naming each API and the Kafka release', () => {
    const verdict = judgeApiVersions({ errorCode: 0, apis: [{ key: 18, min: 0, max: 2 }, { key: 3, min: 0, max: 0 }, { key: 1, min: 0, max: 3 }] }, { sasl: false });
    expect(verdict.ok).toBe(false);
    expect(verdict.detail).toMatch(/^The cluster's Kafka version is too old for this console \(it reads Kafka 0\.11 and later\): /);
    expect(verdict.tooOld).toEqual([
      'the cluster offers Metadata v0–v0; this console needs v1 or later (Kafka 0.10.0 or later)',
      'the cluster does not offer ListOffsets at all',
      'the cluster offers Fetch v0–v3; this console needs v4 or later (Kafka 0.11 or later)',
    ]);
  });

  it("a Kafka-protocol cluster without administration APIs (librdkafka's mock) is browsed; each feature it cannot serve is named, with why", () => {
    // librdkafka 2.0.2's mock cluster, as it answers ApiVersions.
    const apis = [[0, 0, 7], [1, 0, 11], [2, 0, 5], [3, 0, 2], [8, 0, 7], [9, 0, 5], [10, 0, 2], [11, 0, 5], [12, 0, 3], [13, 0, 1], [14, 0, 3], [18, 0, 2], [22, 0, 4]].map(([key, min, max]) => ({ key: key!, min: min!, max: max! }));
    const verdict = judgeApiVersions({ errorCode: 0, apis }, { sasl: false });
    expect(verdict.ok).toBe(true);
    expect(verdict.detail).toContain('(Metadata up to v2, Fetch up to v11, Produce up to v7; 13 APIs offered)');
    expect(verdict.limited).toEqual([
      'topic configs: the cluster does not offer DescribeConfigs at all',
      'creating topics: the cluster does not offer CreateTopics at all',
      'deleting topics: the cluster does not offer DeleteTopics at all',
      'adding partitions: the cluster does not offer CreatePartitions at all',
      'changing configs: the cluster does not offer IncrementalAlterConfigs at all',
      'deleting records: the cluster does not offer DeleteRecords at all',
      'listing consumer groups: the cluster does not offer ListGroups at all',
      'describing consumer groups: the cluster does not offer DescribeGroups at all',
      'deleting groups: the cluster does not offer DeleteGroups at all',
    ]);
    expect(verdict.limited.some((text) => text.startsWith('producing'))).toBe(false);
  });

  it('SASL APIs count when the connection uses SASL', () => {
    const apis = current().filter((api) => api.key !== 17);
    expect(judgeApiVersions({ errorCode: 0, apis }, { sasl: false }).ok).toBe(true);
    const sasl = judgeApiVersions({ errorCode: 0, apis }, { sasl: true });
    expect(sasl.ok).toBe(false);
    expect(sasl.tooOld).toEqual(['the cluster does not offer SaslHandshake at all; SASL needs v1 or later']);
  });
});

describe('diagnoseConnection against our broker', () => {
  let plain: TempBroker;
  let advertised: TempBroker;
  let sasl: TempBroker;

  beforeAll(async () => {
    [plain, advertised, sasl] = await Promise.all([
      startTempBroker({ logger: quiet }),
      startTempBroker({ logger: quiet, config: { listeners: 'PLAINTEXT://:0', 'advertised.listeners': 'PLAINTEXT://kafka-internal.invalid:9092' } }),
      startTempBroker({ logger: quiet, config: { listeners: 'PLAINTEXT://:0,SASL_PLAINTEXT://:0', 'sasl.users': 'alice:alice-secret' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([plain?.stop(), advertised?.stop(), sasl?.stop()]);
  });

  it('PLAINTEXT: every step ok, one broker reachable', async () => {
    const result = await diagnoseConnection(connection(plain.bootstrap));
    expect(statuses(result)).toEqual(['bootstrap:ok', 'tls:skipped', 'api-versions:ok', 'authentication:skipped', 'brokers:ok']);
    expect(result.ok).toBe(true);
    expect(result.summary).toBe('Connected: 1 broker, Kafka protocol versions OK.');
    expect(step(result, 'api-versions').detail).toMatch(/protocol versions suit this console \(Metadata up to v\d+, Fetch up to v\d+, Produce up to v\d+; \d+ APIs offered\)\.$/);
    expect(step(result, 'brokers').detail).toBe(`1 broker reachable: localhost:${plain.broker.port} (node ${plain.broker.nodeId})`);
  });

  it('bootstrap: a closed port is "connection refused", and one reachable server is enough', async () => {
    const port = await closedPort();
    const refused = await diagnoseConnection(connection(`127.0.0.1:${port}`), { timeoutMs: 3000 });
    expect(refused.ok).toBe(false);
    expect(statuses(refused)).toEqual(['bootstrap:failed', 'tls:skipped', 'api-versions:skipped', 'authentication:skipped', 'brokers:skipped']);
    expect(step(refused, 'bootstrap').detail).toBe(
      `the bootstrap server is not reachable: 127.0.0.1:${port} (connection refused: nothing listens on that port (is the broker running, and is this its port?))`,
    );
    expect(refused.summary).toMatch(/^The bootstrap server is not reachable: .*connection refused/);

    const mixed = await diagnoseConnection(connection([`127.0.0.1:${port}`, plain.bootstrap]), { timeoutMs: 3000 });
    expect(mixed.ok).toBe(true);
    expect(step(mixed, 'bootstrap').detail).toBe(`${plain.bootstrap} reachable over TCP; not reachable: 127.0.0.1:${port} (connection refused: nothing listens on that port (is the broker running, and is this its port?))`);
  });

  it('bootstrap: a host name that does not resolve is "host name not found", each server named', async () => {
    const port = await closedPort();
    const result = await diagnoseConnection(connection(['nonexistent.invalid:9092', `127.0.0.1:${port}`]), { timeoutMs: 3000 });
    expect(result.ok).toBe(false);
    const detail = step(result, 'bootstrap').detail;
    expect(detail).toMatch(/^no bootstrap server is reachable: /);
    expect(detail).toContain('nonexistent.invalid:9092 (host name not found: DNS has no address for nonexistent.invalid)');
    expect(detail).toContain(`127.0.0.1:${port} (connection refused`);
  });

  it('brokers: an advertised listener this machine cannot reach is named, with the advertised.listeners advice', async () => {
    const result = await diagnoseConnection(connection(advertised.bootstrap), { timeoutMs: 3000 });
    expect(statuses(result)).toEqual(['bootstrap:ok', 'tls:skipped', 'api-versions:ok', 'authentication:skipped', 'brokers:failed']);
    expect(result.ok).toBe(false);
    const detail = step(result, 'brokers').detail;
    expect(detail).toBe(
      'bootstrap works but the brokers advertise addresses this machine cannot reach: kafka-internal.invalid:9092 (host name not found: DNS has no address for kafka-internal.invalid). ' +
        "The cluster's advertised.listeners probably name a host inside Docker or a private network; set advertised.listeners to an address clients can reach.",
    );
    expect(result.summary).toBe(`B${detail.slice(1)}`);
  });

  it('SASL_PLAINTEXT with SCRAM: the right password authenticates; a wrong one fails with the server\'s message', async () => {
    const bootstrap = `localhost:${listenerPort(sasl, 'SASL_PLAINTEXT')}`;
    const good = await diagnoseConnection(connection(bootstrap, { securityProtocol: 'SASL_PLAINTEXT', sasl: { mechanism: 'SCRAM-SHA-256', username: 'alice', password: 'alice-secret' } }));
    expect(statuses(good)).toEqual(['bootstrap:ok', 'tls:skipped', 'api-versions:ok', 'authentication:ok', 'brokers:ok']);
    expect(step(good, 'authentication').detail).toBe('authenticated as alice with SASL/SCRAM-SHA-256');
    expect(good.summary).toBe('Connected: 1 broker, Kafka protocol versions OK.');

    const wrong = await diagnoseConnection(connection(bootstrap, { securityProtocol: 'SASL_PLAINTEXT', sasl: { mechanism: 'SCRAM-SHA-256', username: 'alice', password: 'Wr0ng-P4ss' } }));
    expect(statuses(wrong)).toEqual(['bootstrap:ok', 'tls:skipped', 'api-versions:ok', 'authentication:failed', 'brokers:skipped']);
    expect(step(wrong, 'authentication').detail).toBe(
      'authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256',
    );
    expect(wrong.summary).toBe('Authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256.');
  });

  it("SASL PLAIN with a wrong password: the server's message, without saying authentication failed twice", async () => {
    const bootstrap = `localhost:${listenerPort(sasl, 'SASL_PLAINTEXT')}`;
    const result = await diagnoseConnection(connection(bootstrap, { securityProtocol: 'SASL_PLAINTEXT', sasl: { mechanism: 'PLAIN', username: 'alice', password: 'nope' } }));
    expect(step(result, 'authentication').status).toBe('failed');
    expect(step(result, 'authentication').detail).toMatch(/^authentication failed: (?!authentication failed)/i);
  });

  it('SASL: a mechanism the broker does not offer lists the ones it does', async () => {
    const bootstrap = `localhost:${listenerPort(sasl, 'SASL_PLAINTEXT')}`;
    const result = await diagnoseConnection(connection(bootstrap, { securityProtocol: 'SASL_PLAINTEXT', sasl: { mechanism: 'OAUTHBEARER', token: 'a.b.c' } }));
    expect(step(result, 'authentication').status).toBe('failed');
    expect(step(result, 'authentication').detail).toMatch(/^authentication failed: the broker does not offer SASL mechanism OAUTHBEARER; it offers (?=.*PLAIN)(?=.*SCRAM-SHA-256)(?=.*SCRAM-SHA-512)/);
  });

  it('OAUTHBEARER from a token endpoint: the token is fetched (client credentials), then the broker is asked; a refused grant is an authentication failure', async () => {
    const grants: Array<{ authorization: string | undefined; body: string }> = [];
    const endpoint = createHttpServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        grants.push({ authorization: request.headers.authorization, body });
        const good = request.headers.authorization === `Basic ${Buffer.from('console:s3cret').toString('base64')}`;
        response.writeHead(good ? 200 : 401, { 'content-type': 'application/json' });
        response.end(JSON.stringify(good ? { access_token: 'header.payload.signature', token_type: 'bearer' } : { error: 'invalid_client' }));
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    const tokenEndpoint = `http://127.0.0.1:${(endpoint.address() as { port: number }).port}/token`;
    try {
      const bootstrap = `localhost:${listenerPort(sasl, 'SASL_PLAINTEXT')}`;
      const granted = await diagnoseConnection(
        connection(bootstrap, { securityProtocol: 'SASL_PLAINTEXT', sasl: { mechanism: 'OAUTHBEARER', tokenEndpoint, clientId: 'console', clientSecret: 's3cret', scope: 'kafka' } }),
      );
      expect(grants[0]).toEqual({ authorization: `Basic ${Buffer.from('console:s3cret').toString('base64')}`, body: 'grant_type=client_credentials&scope=kafka' });
      // Our broker serves no OAUTHBEARER: the token got as far as the broker, which lists what it does serve.
      expect(step(granted, 'authentication').detail).toMatch(/^authentication failed: the broker does not offer SASL mechanism OAUTHBEARER; it offers /);

      const refused = await diagnoseConnection(
        connection(bootstrap, { securityProtocol: 'SASL_PLAINTEXT', sasl: { mechanism: 'OAUTHBEARER', tokenEndpoint, clientId: 'console', clientSecret: 'wrong' } }),
      );
      expect(step(refused, 'authentication').detail).toBe(`authentication failed: the token endpoint ${tokenEndpoint} answered HTTP 401: {"error":"invalid_client"}`);
    } finally {
      await new Promise<void>((resolve) => endpoint.close(() => resolve()));
    }
  });

  it('a PLAINTEXT connection to the SASL listener authenticates nothing: metadata is refused, in words', async () => {
    const result = await diagnoseConnection(connection(`localhost:${listenerPort(sasl, 'SASL_PLAINTEXT')}`), { timeoutMs: 5000 });
    expect(result.ok).toBe(false);
    expect(step(result, 'api-versions').status).toBe('ok');
    expect(step(result, 'brokers').status).toBe('failed');
    expect(step(result, 'brokers').detail).toMatch(/^asking the cluster for its brokers failed: /);
  });
});

describe('diagnoseConnection over TLS against our broker', () => {
  let certificates: TestCertificates;
  let tls: TempBroker;
  let wrongHost: TempBroker;
  let mutual: TempBroker;
  let expired: TempBroker;
  let sslBootstrap: string;

  beforeAll(async () => {
    certificates = makeTestCertificates();
    [tls, wrongHost, mutual, expired] = await Promise.all([
      startTempBroker({ logger: quiet, config: { listeners: 'PLAINTEXT://:0,SSL://:0', 'ssl.keystore.location': certificates.keyStore } }),
      startTempBroker({ logger: quiet, config: { listeners: 'SSL://:0', 'ssl.keystore.location': certificates.wrongHostKeyStore } }),
      startTempBroker({
        logger: quiet,
        config: { listeners: 'SSL://:0', 'ssl.keystore.location': certificates.keyStore, 'ssl.client.auth': 'required', 'ssl.truststore.location': certificates.caFile },
      }),
      startTempBroker({ logger: quiet, config: { listeners: 'SSL://:0', 'ssl.keystore.location': expiredKeyStore(certificates) } }),
    ]);
    sslBootstrap = `localhost:${listenerPort(tls, 'SSL')}`;
  });
  afterAll(async () => {
    await Promise.all([tls?.stop(), wrongHost?.stop(), mutual?.stop(), expired?.stop()]);
    certificates?.remove();
  });

  it('with the CA: every step ok', async () => {
    const result = await diagnoseConnection(connection(sslBootstrap, { securityProtocol: 'SSL', tls: { ca: certificates.caPem } }));
    expect(statuses(result)).toEqual(['bootstrap:ok', 'tls:ok', 'api-versions:ok', 'authentication:skipped', 'brokers:ok']);
    expect(step(result, 'tls').detail).toMatch(new RegExp(`^TLS handshake with ${sslBootstrap} ok \\(TLSv1\\.[23]\\); certificate CN=server issued by CN=Eddy Test CA, valid until \\d{4}-`));
    expect(step(result, 'tls').detail).not.toContain('verification is off');
    expect(result.summary).toBe('Connected: 1 broker, Kafka protocol versions OK.');
  });

  it('without the CA: a self-signed or unknown CA, add its PEM', async () => {
    const result = await diagnoseConnection(connection(sslBootstrap, { securityProtocol: 'SSL' }));
    expect(statuses(result)).toEqual(['bootstrap:ok', 'tls:failed', 'api-versions:skipped', 'authentication:skipped', 'brokers:skipped']);
    expect(step(result, 'tls').detail).toMatch(
      /^the server's certificate is signed by an unknown CA \(self-signed or private\) \(certificate CN=server issued by CN=Eddy Test CA, .*\); this connection has no CA certificate and the system does not trust it: add the CA's PEM to the connection$/,
    );
  });

  it('with skipVerify: ok, with a note that verification is off and what it would have said', async () => {
    const result = await diagnoseConnection(connection(sslBootstrap, { securityProtocol: 'SSL', tls: { skipVerify: true } }));
    expect(result.ok).toBe(true);
    expect(step(result, 'tls').status).toBe('ok');
    expect(step(result, 'tls').detail).toMatch(/Note: certificate verification is off for this connection, so the server's identity is not checked \(it would fail: UNABLE_TO_VERIFY_LEAF_SIGNATURE\)$/);
  });

  it('a certificate for another host: names the names it is for', async () => {
    const result = await diagnoseConnection(connection(`localhost:${listenerPort(wrongHost, 'SSL')}`, { securityProtocol: 'SSL', tls: { ca: certificates.caPem } }));
    expect(step(result, 'tls').status).toBe('failed');
    expect(step(result, 'tls').detail).toBe(
      "the server's certificate is for other names: other.example, not localhost; connect with one of those names, or the cluster needs a certificate that names localhost",
    );
  });

  it('an expired certificate: says so, with the date it expired', async () => {
    const result = await diagnoseConnection(connection(`localhost:${listenerPort(expired, 'SSL')}`, { securityProtocol: 'SSL', tls: { ca: certificates.caPem } }));
    expect(statuses(result)).toEqual(['bootstrap:ok', 'tls:failed', 'api-versions:skipped', 'authentication:skipped', 'brokers:skipped']);
    expect(step(result, 'tls').detail).toBe(
      "the server's certificate has expired: it was valid until 2020-01-02T00:00:00Z (CN=expired); the cluster needs a new certificate (or turn verification off to connect anyway)",
    );
    expect(result.summary).toBe("The server's certificate has expired: it was valid until 2020-01-02T00:00:00Z (CN=expired); the cluster needs a new certificate (or turn verification off to connect anyway).");
  });

  it('SSL to a PLAINTEXT port: the port does not speak TLS', async () => {
    const result = await diagnoseConnection(connection(tls.bootstrap, { securityProtocol: 'SSL', tls: { ca: certificates.caPem } }), { timeoutMs: 5000 });
    expect(step(result, 'tls').status).toBe('failed');
    const detail = `${tls.bootstrap} does not speak TLS: it answers plaintext Kafka requests, so it is a PLAINTEXT or SASL_PLAINTEXT listener; use PLAINTEXT or SASL_PLAINTEXT for this port, or the port of the cluster's SSL listener`;
    expect(step(result, 'tls').detail).toBe(detail);
    expect(result.summary).toBe(`${detail}.`);
  });

  it('PLAINTEXT to an SSL port: the api-versions step says the port expects TLS', async () => {
    const result = await diagnoseConnection(connection(sslBootstrap), { timeoutMs: 3000 });
    expect(step(result, 'api-versions').status).toBe('failed');
    expect(step(result, 'api-versions').detail).toBe(
      `${sslBootstrap} closed the connection without answering Kafka's ApiVersions request: if this port is a TLS listener, use SSL or SASL_SSL; otherwise it is not a Kafka port`,
    );
  });

  it('mutual TLS: without a client certificate the server asks for one; with it, ok', async () => {
    const bootstrap = `localhost:${listenerPort(mutual, 'SSL')}`;
    const without = await diagnoseConnection(connection(bootstrap, { securityProtocol: 'SSL', tls: { ca: certificates.caPem } }));
    expect(statuses(without)).toEqual(['bootstrap:ok', 'tls:failed', 'api-versions:skipped', 'authentication:skipped', 'brokers:skipped']);
    expect(step(without, 'tls').detail).toMatch(/^the server asks for a client certificate \(mutual TLS\) and this connection has none: add the client certificate and its key \(PEM\) to the connection/);

    const withCertificate = await diagnoseConnection(
      connection(bootstrap, { securityProtocol: 'SSL', tls: { ca: certificates.caPem, cert: certificates.clientCertificate, key: certificates.clientKey } }),
    );
    expect(withCertificate.ok).toBe(true);
  });
});

describe("diagnoseConnection against librdkafka's mock cluster (Kafka 2.x versions, no administration)", () => {
  let mock: MockCluster;
  beforeAll(async () => {
    mock = await startMockCluster(1);
  });
  afterAll(() => mock?.stop());

  it('every step ok; the api-versions step names each feature that will not work and why', async () => {
    const result = await diagnoseConnection(connection(mock.bootstrap));
    expect(statuses(result)).toEqual(['bootstrap:ok', 'tls:skipped', 'api-versions:ok', 'authentication:skipped', 'brokers:ok']);
    expect(result.summary).toBe('Connected: 1 broker, Kafka protocol versions OK for browsing; some features are not available on this cluster (see API versions).');
    const detail = step(result, 'api-versions').detail;
    expect(detail).toMatch(/^The cluster's protocol versions suit this console \(Metadata up to v2, Fetch up to v11, Produce up to v7; \d+ APIs offered\)\. Some features will not work: /);
    expect(detail).toContain('creating topics: the cluster does not offer CreateTopics at all');
    expect(detail).toContain('deleting records: the cluster does not offer DeleteRecords at all');
    expect(detail).toContain('listing consumer groups: the cluster does not offer ListGroups at all');
  });

  it('a cluster too old to browse (Fetch only up to v3, as Kafka 0.10): the api-versions step fails, naming the API', async () => {
    await mock.setApiVersions(1, 0, 3);
    const result = await diagnoseConnection(connection(mock.bootstrap));
    expect(statuses(result)).toEqual(['bootstrap:ok', 'tls:skipped', 'api-versions:failed', 'authentication:skipped', 'brokers:skipped']);
    const detail = step(result, 'api-versions').detail;
    expect(detail).toBe("The cluster's Kafka version is too old for this console (it reads Kafka 0.11 and later): the cluster offers Fetch v0–v3; this console needs v4 or later (Kafka 0.11 or later).");
    expect(result.summary).toBe(detail);
  });
});
