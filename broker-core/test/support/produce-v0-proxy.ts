/**
 * A TCP proxy for tests that need librdkafka before 2.10 (Debian's kcat and confluent-kafka use
 * 2.0.2) to really compress with gzip, snappy or lz4: it does so only where the broker advertises
 * Produce v0, which Kafka 4 and Eddy no longer do (it sends those batches uncompressed instead).
 *
 * Rewrites two responses, passes everything else through byte for byte:
 * - ApiVersions: Produce advertised from v0 (the client still picks the highest shared version);
 * - Metadata: every broker's port is the proxy's, so the client's later connections come through
 *   here too (and see the same ApiVersions).
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { ApiKey, getApiDefinition, type ApiVersionsResponse, type MetadataResponse } from '../../src/protocol/generated/index';
import { responseHeaderVersion, writeResponseHeader } from '../../src/protocol/headers';
import { ProtocolWriter } from '../../src/protocol/primitives/writer';
import { decodeResponseFrame } from '../fuzz/kafka-wire';

/** Splits a byte stream into size-prefixed frames (returned without their prefix). */
function frameSplitter(onFrame: (frame: Buffer) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
      onFrame(pending.subarray(4, 4 + pending.readInt32BE(0)));
      pending = pending.subarray(4 + pending.readInt32BE(0));
    }
  };
}

function sizePrefixed(frame: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeInt32BE(frame.length);
  return Buffer.concat([size, frame]);
}

export class ProduceV0Proxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly upstreamPort: number, private readonly upstreamHost = '127.0.0.1') {}

  async start(): Promise<string> {
    this.server = createServer((client) => this.relay(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return `127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private relay(client: Socket): void {
    const upstream = connect(this.upstreamPort, this.upstreamHost);
    this.sockets.add(client).add(upstream);
    const inFlight = new Map<number, { apiKey: number; apiVersion: number }>();
    client.on('data', frameSplitter((frame) => {
      inFlight.set(frame.readInt32BE(4), { apiKey: frame.readInt16BE(0), apiVersion: frame.readInt16BE(2) });
      upstream.write(sizePrefixed(frame));
    }));
    upstream.on('data', frameSplitter((frame) => {
      const correlationId = frame.readInt32BE(0);
      const request = inFlight.get(correlationId);
      inFlight.delete(correlationId);
      client.write(sizePrefixed(request ? this.rewrite(frame, request.apiKey, request.apiVersion) : frame));
    }));
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  }

  private rewrite(frame: Buffer, apiKey: number, apiVersion: number): Buffer {
    if (apiKey !== ApiKey.ApiVersions && apiKey !== ApiKey.Metadata) return frame;
    const { correlationId, body, layoutVersion } = decodeResponseFrame(frame, apiKey, apiVersion);
    if (apiKey === ApiKey.ApiVersions) {
      for (const entry of (body as ApiVersionsResponse).apiKeys) if (entry.apiKey === ApiKey.Produce) entry.minVersion = 0;
    } else {
      for (const broker of (body as MetadataResponse).brokers) {
        broker.host = '127.0.0.1';
        broker.port = this.port;
      }
    }
    const writer = new ProtocolWriter(256);
    writeResponseHeader(writer, responseHeaderVersion(apiKey, layoutVersion), correlationId);
    getApiDefinition(apiKey)!.encodeResponse(writer, layoutVersion, body as ApiVersionsResponse | MetadataResponse);
    return Buffer.from(writer.finish());
  }
}
