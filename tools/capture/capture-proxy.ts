/**
 * A recording TCP proxy between a real Kafka client and a real broker.
 *
 * Every request frame and the response frame that answers it (matched by correlation id, in
 * order) is recorded as an `Exchange`: API key, version, correlation id, the raw bytes of both
 * frames (without their int32 size prefix), which client and which broker. What is recorded is
 * exactly what crossed the wire; what the client is sent may be rewritten:
 *
 * - `rewriteAddresses` (on by default): any response that names the upstream broker's port in a
 *   `host`/`port` pair (Metadata brokers, FindCoordinator, DescribeCluster, … found generically
 *   by walking the decoded response) is re-encoded to name the proxy instead, so a client that
 *   opens more connections after bootstrap keeps going through the proxy.
 * - `caps` (`{ apiKey: maxVersion }`): ApiVersions answers are rewritten to advertise at most that
 *   version of each capped API, so a client that negotiates (librdkafka, kafkajs,
 *   @platformatic/kafka) sends exactly that version. Capping ApiVersions itself answers a newer
 *   ApiVersions request with Kafka's v0-layout UNSUPPORTED_VERSION, so the client retries lower.
 * - `floors` (`{ apiKey: minVersion }`): ApiVersions answers advertise each such API from that
 *   version on (the versions below are never sent, since clients pick the highest they share).
 *   librdkafka before 2.10 compresses with gzip, snappy or lz4 only where the broker advertises
 *   Produce v0, which Kafka 4 and Eddy no longer do; the record capture advertises it.
 *
 * Re-encoding uses the broker's own codecs; a response they cannot decode is forwarded as is (and
 * the exchange says so). As a CLI:
 *
 *   npx tsx tools/capture/capture-proxy.ts --upstream HOST:PORT [--listen PORT] [--out FILE.json]
 *       [--client LABEL] [--broker LABEL] [--cap API=VERSION]…
 *
 * prints `listening on 127.0.0.1:PORT` and, on Ctrl-C, writes the exchanges as JSON (hex).
 */
import { writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { API_DEFINITIONS, ApiKey, getApiDefinition, type ApiVersionsResponse } from '../../broker-core/src/protocol/generated/index';
import { responseHeaderVersion, writeResponseHeader } from '../../broker-core/src/protocol/headers';
import { ProtocolWriter } from '../../broker-core/src/protocol/primitives/writer';
import { decodeResponseFrame } from '../../broker-core/test/fuzz/kafka-wire';

export interface Exchange {
  client: string;
  broker: string;
  /** Sequence number of the client connection through this proxy (1, 2, …). */
  connection: number;
  apiKey: number;
  apiName: string;
  apiVersion: number;
  correlationId: number;
  /** Request frame, without its size prefix. */
  request: Buffer;
  /** Response frame as the broker sent it, without its size prefix; null if none came. */
  response: Buffer | null;
  /** The layout the response decodes in (an ApiVersions downgrade answer is v0), or null if it does not decode. */
  responseLayoutVersion: number | null;
  /** Why the response did not decode with our codec, if it did not. */
  responseDecodeError?: string;
  /** The client was sent something else (addresses or versions rewritten). */
  rewritten: boolean;
}

export interface CaptureProxyOptions {
  upstreamHost: string;
  upstreamPort: number;
  listenPort?: number;
  client?: string;
  broker?: string;
  rewriteAddresses?: boolean;
  caps?: Record<number, number>;
  floors?: Record<number, number>;
}

class FrameSplitter {
  private buffer: Buffer = Buffer.alloc(0);
  push(chunk: Buffer): Buffer[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const frames: Buffer[] = [];
    while (this.buffer.length >= 4) {
      const size = this.buffer.readInt32BE(0);
      if (size < 0 || this.buffer.length < 4 + size) break;
      frames.push(Buffer.from(this.buffer.subarray(4, 4 + size)));
      this.buffer = this.buffer.subarray(4 + size);
    }
    return frames;
  }
}

function framed(body: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);
  return Buffer.concat([size, body]);
}

/** Finds `{host, port}` objects naming the upstream and points them at the proxy. */
function redirectAddresses(value: unknown, upstreamPort: number, proxyPort: number): boolean {
  let changed = false;
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== 'object' || Buffer.isBuffer(node)) return;
    const record = node as Record<string, unknown>;
    if (typeof record.host === 'string' && record.port === upstreamPort) {
      record.host = '127.0.0.1';
      record.port = proxyPort;
      changed = true;
    }
    for (const child of Object.values(record)) visit(child);
  };
  visit(value);
  return changed;
}

function encodeResponse(apiKey: number, layoutVersion: number, correlationId: number, body: unknown): Buffer {
  const w = new ProtocolWriter(256);
  writeResponseHeader(w, responseHeaderVersion(apiKey, layoutVersion), correlationId);
  getApiDefinition(apiKey)!.encodeResponse(w, layoutVersion, body);
  return Buffer.from(w.finish());
}

export class CaptureProxy {
  readonly exchanges: Exchange[] = [];
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private connections = 0;
  port = 0;

  constructor(private readonly options: CaptureProxyOptions) {}

  get client(): string {
    return this.options.client ?? 'client';
  }

  get broker(): string {
    return this.options.broker ?? 'broker';
  }

  async start(): Promise<number> {
    this.server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.options.listenPort ?? 0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as { port: number }).port;
    return this.port;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(clientSocket: Socket): void {
    const connectionId = ++this.connections;
    const upstream = connect({ host: this.options.upstreamHost, port: this.options.upstreamPort });
    this.sockets.add(clientSocket);
    this.sockets.add(upstream);
    clientSocket.setNoDelay(true);
    upstream.setNoDelay(true);
    const pending: Exchange[] = [];
    const fromClient = new FrameSplitter();
    const fromBroker = new FrameSplitter();
    const queued: Buffer[] = [];
    let upstreamReady = false;

    const closeBoth = () => {
      clientSocket.destroy();
      upstream.destroy();
      this.sockets.delete(clientSocket);
      this.sockets.delete(upstream);
    };
    clientSocket.on('error', closeBoth);
    upstream.on('error', closeBoth);
    clientSocket.on('close', closeBoth);
    upstream.on('close', closeBoth);
    upstream.on('connect', () => {
      upstreamReady = true;
      for (const chunk of queued.splice(0)) upstream.write(chunk);
    });

    clientSocket.on('data', (chunk: Buffer) => {
      for (const frame of fromClient.push(chunk)) {
        if (frame.length < 8) continue;
        const apiKey = frame.readInt16BE(0);
        const exchange: Exchange = {
          client: this.client,
          broker: this.broker,
          connection: connectionId,
          apiKey,
          apiName: getApiDefinition(apiKey)?.name ?? `api-${apiKey}`,
          apiVersion: frame.readInt16BE(2),
          correlationId: frame.readInt32BE(4),
          request: frame,
          response: null,
          responseLayoutVersion: null,
          rewritten: false,
        };
        this.exchanges.push(exchange);
        pending.push(exchange);
      }
      if (upstreamReady) upstream.write(chunk);
      else queued.push(chunk);
    });

    upstream.on('data', (chunk: Buffer) => {
      for (const frame of fromBroker.push(chunk)) {
        const correlationId = frame.length >= 4 ? frame.readInt32BE(0) : -1;
        const index = pending.findIndex((e) => e.correlationId === correlationId);
        if (index < 0) {
          clientSocket.write(framed(frame));
          continue;
        }
        const exchange = pending[index];
        pending.splice(0, index + 1);
        exchange.response = frame;
        clientSocket.write(framed(this.forClient(exchange, frame)));
      }
    });
  }

  /** Decodes the response (recording the layout), and rewrites what the client gets if asked to. */
  private forClient(exchange: Exchange, frame: Buffer): Buffer {
    let decoded: { correlationId: number; body: unknown; layoutVersion: number };
    try {
      decoded = decodeResponseFrame(frame, exchange.apiKey, exchange.apiVersion);
      exchange.responseLayoutVersion = decoded.layoutVersion;
    } catch (error) {
      exchange.responseDecodeError = (error as Error).message;
      return frame;
    }
    let changed = false;
    const body = decoded.body;
    let layout = decoded.layoutVersion;
    if (this.options.rewriteAddresses !== false) changed = redirectAddresses(body, this.options.upstreamPort, this.port);
    const caps = this.options.caps ?? {};
    const floors = this.options.floors ?? {};
    if (exchange.apiKey === ApiKey.ApiVersions && Object.keys(caps).length + Object.keys(floors).length > 0) {
      const response = body as ApiVersionsResponse;
      response.apiKeys = response.apiKeys
        .map((entry) => {
          const cap = caps[entry.apiKey];
          const floor = floors[entry.apiKey];
          const minVersion = floor === undefined ? entry.minVersion : Math.min(entry.minVersion, floor);
          return { ...entry, minVersion, maxVersion: cap === undefined ? entry.maxVersion : Math.min(entry.maxVersion, cap) };
        })
        .filter((entry) => entry.maxVersion >= entry.minVersion);
      changed = true;
      const ownCap = caps[ApiKey.ApiVersions];
      if (ownCap !== undefined && exchange.apiVersion > ownCap) {
        // Kafka's answer to a newer ApiVersions request than it serves: v0 layout, UNSUPPORTED_VERSION.
        response.errorCode = 35;
        layout = 0;
      }
    }
    if (!changed) return frame;
    exchange.rewritten = true;
    return encodeResponse(exchange.apiKey, layout, decoded.correlationId, body);
  }
}

/** Exchanges as JSON-friendly records (frames in hex). */
export function exchangesToJson(exchanges: readonly Exchange[]): object[] {
  return exchanges.map((e) => ({ ...e, request: e.request.toString('hex'), response: e.response?.toString('hex') ?? null }));
}

function parseCap(text: string): [number, number] {
  const [name, version] = text.split('=');
  const api = API_DEFINITIONS.find((a) => a.name === name || String(a.apiKey) === name);
  if (!api || !/^\d+$/.test(version ?? '')) throw new Error(`--cap wants API=VERSION (e.g. Metadata=4), not "${text}"`);
  return [api.apiKey, Number(version)];
}

async function main(argv: string[]): Promise<void> {
  const options: CaptureProxyOptions = { upstreamHost: '', upstreamPort: 0, caps: {} };
  let out: string | null = null;
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${name} needs a value`);
    if (name === '--upstream') {
      const at = value.lastIndexOf(':');
      options.upstreamHost = value.slice(0, at);
      options.upstreamPort = Number(value.slice(at + 1));
    } else if (name === '--listen') options.listenPort = Number(value);
    else if (name === '--out') out = value;
    else if (name === '--client') options.client = value;
    else if (name === '--broker') options.broker = value;
    else if (name === '--cap') {
      const [key, version] = parseCap(value);
      options.caps![key] = version;
    } else throw new Error(`unknown option ${name}`);
  }
  if (!options.upstreamHost || !options.upstreamPort) throw new Error('--upstream HOST:PORT is required');
  const proxy = new CaptureProxy(options);
  const port = await proxy.start();
  console.log(`listening on 127.0.0.1:${port}, forwarding to ${options.upstreamHost}:${options.upstreamPort}`);
  const finish = async () => {
    await proxy.stop();
    const json = JSON.stringify(exchangesToJson(proxy.exchanges), null, 2);
    if (out) writeFileSync(out, json);
    else console.log(json);
    console.error(`${proxy.exchanges.length} exchanges recorded`);
    process.exit(0);
  };
  process.on('SIGINT', finish);
  process.on('SIGTERM', finish);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(2);
  });
}
