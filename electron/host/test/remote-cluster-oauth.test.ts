/**
 * The console's remote client with SASL/OAUTHBEARER against our broker's OAUTHBEARER (Kafka's
 * unsecured tokens) over real TCP: a pasted token, and a token from an OAuth 2 token endpoint
 * (client-credentials grant, a node:http server here) each list topics and fetch, authenticated as
 * the token's `sub`; an expired token is a ClusterError that says the token expired (the client
 * acknowledges the broker's RFC 7628 error, so the broker fails with its reason). "Test
 * connection" says the same: ok with a good token, authentication failed in words with an expired
 * one.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRecordBatch } from '../../../broker-core/src/index';
import { startTempBroker, type TempBroker } from '../../../broker-core/test/support/temp-broker';
import { ClusterError } from '../cluster/cluster-admin';
import { diagnoseConnection } from '../cluster/remote/connection-diagnosis';
import { connectRemoteCluster } from '../cluster/remote/remote-cluster';
import type { RemoteConnection, SaslSettings } from '../cluster/remote/remote-connection';
import { rejection } from './rejection';

const part = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const unsecuredJwt = (claims: Record<string, unknown>) => `${part({ alg: 'none' })}.${part(claims)}.`;
const nowSeconds = () => Math.floor(Date.now() / 1000);
const validToken = (sub: string) => unsecuredJwt({ sub, iat: nowSeconds(), exp: nowSeconds() + 3600 });
const expiredToken = () => unsecuredJwt({ sub: 'carol', iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 });

interface Grant {
  method: string | undefined;
  contentType: string | undefined;
  authorization: string | undefined;
  form: URLSearchParams;
}

describe('remote cluster with SASL/OAUTHBEARER against our broker', () => {
  let temp: TempBroker;
  let bootstrap: string;
  let endpoint: Server;
  let tokenEndpoint: string;
  const grants: Grant[] = [];

  const oauth = (sasl: SaslSettings): RemoteConnection => ({
    bootstrapServers: [bootstrap],
    clientId: 'remote-oauth-test',
    securityProtocol: 'SASL_PLAINTEXT',
    sasl,
    connectTimeoutMs: 10_000,
    requestTimeoutMs: 30_000,
  });

  beforeAll(async () => {
    temp = await startTempBroker({ config: { listeners: 'SASL_PLAINTEXT://:0', 'sasl.enabled.mechanisms': 'OAUTHBEARER' } });
    bootstrap = `localhost:${temp.broker.endpoints!.find((listener) => listener.name === 'SASL_PLAINTEXT')!.port}`;
    temp.broker.logs.createTopic('oauth-browse', { partitions: 1 });
    await temp.broker.logs.append('oauth-browse', 0, buildRecordBatch([{ value: Buffer.from('hello') }, { value: Buffer.from('bearer') }]), { acks: -1 });

    // An OAuth 2 token endpoint: the client-credentials grant of client "eddy-console" only.
    endpoint = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const grant: Grant = { method: request.method, contentType: request.headers['content-type'], authorization: request.headers.authorization, form: new URLSearchParams(body) };
        grants.push(grant);
        const basic = /^Basic (.+)$/.exec(grant.authorization ?? '');
        const [id, secret] = basic ? Buffer.from(basic[1]!, 'base64').toString('utf8').split(':').map((text) => decodeURIComponent(text.replace(/\+/g, ' '))) : [];
        if (grant.form.get('grant_type') !== 'client_credentials' || id !== 'eddy-console' || secret !== 's3cret/with:colon') {
          response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_client' }));
          return;
        }
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ access_token: validToken(`svc-${id}`), token_type: 'Bearer', expires_in: 3600 }));
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    tokenEndpoint = `http://127.0.0.1:${(endpoint.address() as { port: number }).port}/oauth2/token`;
  });
  afterAll(async () => {
    await temp?.stop();
    await new Promise<void>((resolve) => (endpoint ? endpoint.close(() => resolve()) : resolve()));
  });

  it('a pasted token lists topics and fetches, authenticated as its sub', async () => {
    const cluster = await connectRemoteCluster(oauth({ mechanism: 'OAUTHBEARER', token: validToken('alice') }));
    try {
      expect((await cluster.admin.listTopics()).map((topic) => topic.name)).toContain('oauth-browse');
      const fetched = await cluster.records.fetch('oauth-browse', 0, 0, 1 << 20);
      expect(fetched.batches.equals(temp.broker.logs.read('oauth-browse', 0, 0, 1 << 20).records)).toBe(true);
      expect(temp.broker.connections().some((connection) => connection.principal === 'User:alice')).toBe(true);
    } finally {
      await cluster.close();
    }
  });

  it('a token from a client-credentials token endpoint lists topics and fetches', async () => {
    grants.length = 0;
    const cluster = await connectRemoteCluster(oauth({ mechanism: 'OAUTHBEARER', tokenEndpoint, clientId: 'eddy-console', clientSecret: 's3cret/with:colon', scope: 'kafka read' }));
    try {
      expect((await cluster.admin.listTopics()).map((topic) => topic.name)).toContain('oauth-browse');
      expect((await cluster.records.fetch('oauth-browse', 0, 0, 1 << 20)).highWatermark).toBe(2);
      expect(temp.broker.connections().some((connection) => connection.principal === 'User:svc-eddy-console')).toBe(true);
    } finally {
      await cluster.close();
    }
    expect(grants.length).toBeGreaterThanOrEqual(1);
    for (const grant of grants) {
      expect(grant.method).toBe('POST');
      expect(grant.contentType).toBe('application/x-www-form-urlencoded');
      expect(grant.form.get('grant_type')).toBe('client_credentials');
      expect(grant.form.get('scope')).toBe('kafka read');
    }
  });

  it('wrong client credentials at the token endpoint are a ClusterError naming the endpoint and its answer', async () => {
    const error = await rejection(connectRemoteCluster(oauth({ mechanism: 'OAUTHBEARER', tokenEndpoint, clientId: 'eddy-console', clientSecret: 'wrong' })));
    expect(error).toBeInstanceOf(ClusterError);
    expect(error.message).toContain(`authentication failed: The SASL/OAUTHBEARER token provider threw an error: the token endpoint ${tokenEndpoint} answered 401: {"error":"invalid_client"}`);
  });

  it('an expired token is a ClusterError saying the broker refused it because it expired', async () => {
    const error = await rejection(connectRemoteCluster(oauth({ mechanism: 'OAUTHBEARER', token: expiredToken() })));
    expect(error).toBeInstanceOf(ClusterError);
    expect(error).toMatchObject({ code: 'SASL_AUTHENTICATION_FAILED' });
    expect(error.message).toContain('{"status":"invalid_token"}: the token has expired (The indicated time');
  });

  it('Test connection: ok with a good token, authentication failed in words with an expired one', async () => {
    const good = await diagnoseConnection(oauth({ mechanism: 'OAUTHBEARER', token: validToken('alice') }));
    expect(good.ok, JSON.stringify(good)).toBe(true);
    expect(good.steps.find((step) => step.step === 'authentication')).toMatchObject({ status: 'ok', detail: 'authenticated with SASL/OAUTHBEARER' });

    const fromEndpoint = await diagnoseConnection(oauth({ mechanism: 'OAUTHBEARER', tokenEndpoint, clientId: 'eddy-console', clientSecret: 's3cret/with:colon' }));
    expect(fromEndpoint.ok, JSON.stringify(fromEndpoint)).toBe(true);

    const expired = await diagnoseConnection(oauth({ mechanism: 'OAUTHBEARER', token: expiredToken() }));
    expect(expired.ok).toBe(false);
    const authentication = expired.steps.find((step) => step.step === 'authentication');
    expect(authentication?.status).toBe('failed');
    expect(authentication?.detail).toMatch(/^authentication failed: \{"status":"invalid_token"\}: the token has expired \(/);
    expect(expired.steps.find((step) => step.step === 'brokers')?.status).toBe('skipped');
  });
});
