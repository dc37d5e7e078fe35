/**
 * The capture proxy in front of a real (in-process) broker: it records exchanges byte for byte,
 * points address fields at itself, and caps advertised versions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type Broker } from '../../broker-core/src/index';
import { ApiKey, type ApiVersionsResponse, type MetadataResponse } from '../../broker-core/src/protocol/generated/index';
import { decodeResponseFrame, encodeRequestFrame, FrameConnection } from '../../broker-core/test/fuzz/kafka-wire';
import { CaptureProxy } from './capture-proxy';

describe('CaptureProxy', () => {
  let broker: Broker;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'eddy-proxy-test-'));
    broker = await startBroker({ port: 0, host: '127.0.0.1', dataDir });
  });
  afterAll(async () => {
    await broker.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function through(proxy: CaptureProxy, apiKey: number, version: number, body: unknown): Promise<Buffer> {
    const connection = await FrameConnection.open(proxy.port);
    try {
      connection.write(encodeRequestFrame(apiKey, version, 77, 'proxy-test', body));
      return await connection.readFrame(5000);
    } finally {
      connection.destroy();
    }
  }

  it('records request and response bytes as sent, and points brokers at itself', async () => {
    const proxy = new CaptureProxy({ upstreamHost: '127.0.0.1', upstreamPort: broker.port, client: 'test-client', broker: 'eddy' });
    await proxy.start();
    try {
      const forwarded = await through(proxy, ApiKey.Metadata, 1, { topics: [], allowAutoTopicCreation: true, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false });
      const seen = decodeResponseFrame(forwarded, ApiKey.Metadata, 1).body as MetadataResponse;
      expect(seen.brokers.map((b) => [b.host, b.port])).toEqual([['127.0.0.1', proxy.port]]);

      expect(proxy.exchanges).toHaveLength(1);
      const [exchange] = proxy.exchanges;
      expect(exchange).toMatchObject({ client: 'test-client', broker: 'eddy', apiKey: ApiKey.Metadata, apiName: 'Metadata', apiVersion: 1, correlationId: 77, responseLayoutVersion: 1, rewritten: true });
      expect(exchange.request.readInt16BE(0)).toBe(ApiKey.Metadata);
      const recorded = decodeResponseFrame(exchange.response!, ApiKey.Metadata, 1).body as MetadataResponse;
      expect(recorded.brokers.map((b) => b.port)).toEqual([broker.port]);
    } finally {
      await proxy.stop();
    }
  });

  it('caps advertised versions, and answers a too-new ApiVersions in the v0 layout', async () => {
    const proxy = new CaptureProxy({ upstreamHost: '127.0.0.1', upstreamPort: broker.port, caps: { [ApiKey.Metadata]: 5, [ApiKey.ApiVersions]: 2 } });
    await proxy.start();
    try {
      const v2 = decodeResponseFrame(await through(proxy, ApiKey.ApiVersions, 2, { clientSoftwareName: '', clientSoftwareVersion: '' }), ApiKey.ApiVersions, 2);
      const apis = (v2.body as ApiVersionsResponse).apiKeys;
      expect(apis.find((a) => a.apiKey === ApiKey.Metadata)?.maxVersion).toBe(5);
      expect(apis.find((a) => a.apiKey === ApiKey.ApiVersions)?.maxVersion).toBe(2);

      const v3 = decodeResponseFrame(await through(proxy, ApiKey.ApiVersions, 3, { clientSoftwareName: 'test', clientSoftwareVersion: '1.0' }), ApiKey.ApiVersions, 3);
      expect(v3.layoutVersion).toBe(0);
      expect((v3.body as ApiVersionsResponse).errorCode).toBe(35);

      // What the broker really said is what was recorded.
      const recorded = decodeResponseFrame(proxy.exchanges[1].response!, ApiKey.ApiVersions, 3);
      expect(recorded.layoutVersion).toBe(3);
      expect((recorded.body as ApiVersionsResponse).apiKeys.find((a) => a.apiKey === ApiKey.Metadata)?.maxVersion).toBe(12);
    } finally {
      await proxy.stop();
    }
  });
});
