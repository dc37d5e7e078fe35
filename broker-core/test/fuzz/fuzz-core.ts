/**
 * The fuzzer behind `fuzz-broker.ts` and `fuzz.test.ts`.
 *
 * It asks the broker (ApiVersions) what it serves, then for each iteration builds one case —
 * a valid request of a served (API, version) with random field values, usually mutated (see
 * `mutate.ts`) — and sends it on one of several connections, followed by a "sentinel"
 * (ApiVersions v0) whose answer says the broker has dealt with everything before it. Closing a
 * connection is a legitimate answer to garbage: the fuzzer reconnects.
 *
 * Checked (each failure is a violation: printed with the seed, the iteration and the request hex):
 * - no crash: no uncaught exception or unhandled rejection (in process), the broker stays up;
 * - no internal error: the broker never closes a connection because its own code threw
 *   (its log line says `internal error`), and never logs at error level;
 * - no hang: a control connection gets a valid ApiVersions answer within a bound, always; an
 *   in-process event loop that stops turning is caught by a watchdog thread;
 * - no stall: a request is answered, or its connection closed, within a bound — except the APIs
 *   that may legitimately wait (Produce acks=-1, Fetch, JoinGroup, SyncGroup);
 * - answers are well formed: each response matches a request by correlation id, in order, and
 *   decodes exactly with the codec for that request's (API, version); a well-formed request of a
 *   served version is answered, never met by a closed connection; only Produce (acks=0) may go
 *   unanswered on an open connection;
 * - memory stays bounded: heap + external after a forced GC grows by at most a stated bound over
 *   the run, and peak RSS stays under a stated bound.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startBroker, type Broker, type BrokerLogger } from '../../src/index';
import { ApiKey, ApiVersionsApi, type ApiVersionsResponse } from '../../src/protocol/generated/index';
import { decodeResponseFrame, encodeRequestFrame, fetchServedApis, FrameConnection, type ServedApi } from './kafka-wire';
import { buildCase, type CaseKind, type FuzzCase } from './mutate';
import { Random } from './prng';
import { HangWatchdog } from './watchdog';

export interface FuzzOptions {
  iterations: number;
  seed: number;
  /** Target a running broker instead of starting one in process. */
  port?: number;
  host?: string;
  /** With `port`: the broker's process id, to sample its RSS from /proc (Linux). */
  pid?: number;
  connections?: number;
  /** The broker's socket.request.max.bytes (known in process; Kafka's default otherwise). */
  maxRequestBytes?: number;
  /** A request neither answered nor closed within this is a stall. */
  stallTimeoutMs?: number;
  controlTimeoutMs?: number;
  controlIntervalMs?: number;
  maxHeapGrowthMb?: number;
  maxRssMb?: number;
  /** In process: the event loop blocked this long is a hang (watchdog thread). */
  hangMs?: number;
  /** Replay only these iterations (same seed), printing each exchange. */
  replay?: number[];
  /** Stop after this many violations. */
  maxViolations?: number;
  /** Progress and replay output. */
  log?: (line: string) => void;
}

export type ViolationKind =
  | 'uncaught-exception'
  | 'internal-error'
  | 'broker-error-log'
  | 'control-timeout'
  | 'control-closed'
  | 'control-bad-answer'
  | 'broker-down'
  | 'stall'
  | 'malformed-response'
  | 'unmatched-response'
  | 'silent-drop'
  | 'closed-on-valid'
  | 'bad-size-not-closed'
  | 'memory'
  | 'rss';

export interface Violation {
  kind: ViolationKind;
  message: string;
  /** How many times this violation (same kind and message, numbers aside) happened. */
  count?: number;
  /** Further occurrences (up to two). */
  samples?: Array<{ iteration: number; description?: string; requestHex?: string }>;
  iteration?: number;
  description?: string;
  requestHex?: string;
  responseHex?: string;
  stack?: string;
}

interface Counts {
  cases: number;
  frames: number;
  responses: number;
  closes: number;
  parked: number;
  stalls: number;
  abandoned: number;
}

export interface FuzzReport {
  seed: number;
  iterations: number;
  target: string;
  served: ServedApi[];
  connections: number;
  durationMs: number;
  totals: Counts & { sentinels: number; connects: number };
  byKind: Record<string, Counts>;
  byApi: Record<string, Counts>;
  brokerCloseReasons: Record<string, number>;
  brokerLogLines: number;
  generatorErrors: Record<string, number>;
  control: { probes: number; maxLatencyMs: number; p99LatencyMs: number; timeoutMs: number };
  memory: {
    measured: boolean;
    baselineMb: number;
    finalMb: number;
    peakMb: number;
    growthBoundMb: number;
    peakRssMb: number | null;
    rssBoundMb: number;
  };
  violations: Violation[];
}

const SENTINEL_BASE = 0x60000000;
/** Violations after which the run stops at once (the broker can no longer be trusted). */
const FATAL = new Set<ViolationKind>(['uncaught-exception', 'control-timeout', 'broker-down', 'memory', 'rss']);
/** APIs whose requests may wait legitimately (long-poll, flush, rebalance). */
const MAY_PARK = new Set<number>([ApiKey.Produce, ApiKey.Fetch, ApiKey.JoinGroup, ApiKey.SyncGroup]);
/** Only Produce (acks=0) may go unanswered on a connection that stays open. */
const MAY_SKIP = new Set<number>([ApiKey.Produce]);
const KAFKA_DEFAULT_MAX_REQUEST_BYTES = 104857600;
/** Bytes we are willing to send to complete a frame whose size field claims more than was sent. */
const MAX_PADDING = 64 * 1024;
const MB = 1024 * 1024;

/** One frame the broker will cut from the bytes we send, as it will read it. */
interface PlannedFrame {
  apiKey: number;
  version: number;
  correlationId: number;
  sentinel: boolean;
  wellFormed: boolean;
}

interface StreamPlan {
  frames: PlannedFrame[];
  padding: Buffer | null;
  /** The broker must close: a frame size below 8 bytes or above the maximum. */
  expectClose: boolean;
  /** The last frame claims more bytes than we will send: the broker rightly waits. */
  abandon: boolean;
}

/** Cuts `bytes` into frames the way a Kafka broker does (int32 size, then that many bytes). */
export function planStream(bytes: Buffer, maxRequestBytes: number, wellFormed: boolean, rnd: Random): StreamPlan {
  const frames: PlannedFrame[] = [];
  let at = 0;
  let data = bytes;
  let padding: Buffer | null = null;
  for (;;) {
    if (at === data.length) return { frames, padding, expectClose: false, abandon: false };
    if (data.length - at < 4) {
      // An incomplete size field: complete it with zeros (a size of 0..2^24-1).
      const pad = Buffer.alloc(4 - (data.length - at));
      padding = padding ? Buffer.concat([padding, pad]) : pad;
      data = Buffer.concat([data, pad]);
    }
    const size = data.readInt32BE(at);
    if (size < 8 || size > maxRequestBytes) return { frames, padding, expectClose: true, abandon: false };
    const missing = at + 4 + size - data.length;
    if (missing > 0) {
      if (missing > MAX_PADDING) return { frames, padding, expectClose: false, abandon: true };
      const pad = rnd.bytes(missing);
      padding = padding ? Buffer.concat([padding, pad]) : pad;
      data = Buffer.concat([data, pad]);
    }
    frames.push({
      apiKey: data.readInt16BE(at + 4),
      version: data.readInt16BE(at + 6),
      correlationId: data.readInt32BE(at + 8),
      sentinel: false,
      wellFormed,
    });
    at += 4 + size;
  }
}

function emptyCounts(): Counts {
  return { cases: 0, frames: 0, responses: 0, closes: 0, parked: 0, stalls: 0, abandoned: 0 };
}

/** Sorts a broker's "closing connection …: <reason>" log line by its reason. */
function classifyCloseReason(line: string): string {
  if (line.includes(': internal error')) return 'INTERNAL ERROR';
  if (line.includes(': malformed request header')) return 'malformed request header';
  if (/: malformed \S+ v-?\d+ request/.test(line)) return 'malformed request body';
  if (line.includes(': unknown API key')) return 'unknown API key';
  if (line.includes('is not served yet')) return 'API not served';
  if (line.includes(': unsupported version')) return 'unsupported version';
  if (line.includes('larger than socket.request.max.bytes')) return 'frame too large';
  if (line.includes('too small to hold a request header')) return 'frame too small';
  return `other: ${line.replace(/^closing connection \S+/, '').replace(/\d+/g, 'N').slice(0, 60)}`;
}

function loadGc(): (() => void) | null {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as (() => void) | undefined;
    return typeof gc === 'function' ? gc : null;
  } catch {
    return null;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

function sentinelFrame(id: number): Buffer {
  return encodeRequestFrame(ApiVersionsApi.apiKey, 0, id, 'eddy-fuzz-sentinel', { clientSoftwareName: '', clientSoftwareVersion: '' });
}

function procRssMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status) ?? /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

type Outcome = 'done' | 'closed' | 'stalled' | 'abandoned';

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const log = options.log ?? (() => {});
  const seed = options.seed >>> 0;
  const host = options.host ?? '127.0.0.1';
  const connectionsWanted = options.replay ? 1 : Math.max(1, options.connections ?? 4);
  const stallTimeoutMs = options.stallTimeoutMs ?? 2000;
  const controlTimeoutMs = options.controlTimeoutMs ?? 2000;
  const controlIntervalMs = options.controlIntervalMs ?? 100;
  const growthBoundMb = options.maxHeapGrowthMb ?? 64;
  const rssBoundMb = options.maxRssMb ?? 1536;
  const maxViolations = options.maxViolations ?? 25;
  const inProcess = options.port === undefined;
  const started = Date.now();

  const violations: Violation[] = [];
  /** Violations by signature (kind + message with numbers blanked): count, first samples kept. */
  const seen = new Map<string, Violation>();
  let stopping = false;
  const violate = (v: Violation) => {
    const signature = `${v.kind}|${v.message.replace(/\d+/g, 'N')}|${(v.stack ?? '').split('\n')[0].replace(/\d+/g, 'N')}`;
    const known = seen.get(signature);
    if (known) {
      known.count = (known.count ?? 1) + 1;
      if ((known.samples ?? []).length < 2 && v.iteration !== undefined) (known.samples ??= []).push({ iteration: v.iteration, description: v.description, requestHex: v.requestHex });
      return;
    }
    const entry = { ...v, count: 1 };
    seen.set(signature, entry);
    violations.push(entry);
    if (violations.length >= maxViolations || FATAL.has(v.kind)) stopping = true;
  };
  /** The connections' workers (filled below); read by the crash and hang reports. */
  let workers: Array<{ current: FuzzCase | null }> = [];

  // ------------------------------------------------------------------ the broker
  const brokerCloseReasons: Record<string, number> = {};
  let brokerLogLines = 0;
  /** Our socket's local port → the worker using it, to pin a broker log line on a request. */
  const workerByLocalPort = new Map<number, Worker>();
  let broker: Broker | null = null;
  let dataDir: string | null = null;
  let port = options.port ?? 0;
  let maxRequestBytes = options.maxRequestBytes ?? KAFKA_DEFAULT_MAX_REQUEST_BYTES;

  const logger: BrokerLogger = {
    info() {},
    warn(message: string) {
      brokerLogLines++;
      const match = /^closing connection [^\s]+:(\d+)/.exec(message);
      if (!match) {
        const key = `other: ${message.replace(/\d+/g, 'N').slice(0, 50)}`;
        brokerCloseReasons[key] = (brokerCloseReasons[key] ?? 0) + 1;
        return;
      }
      const kind = classifyCloseReason(message);
      brokerCloseReasons[kind] = (brokerCloseReasons[kind] ?? 0) + 1;
      if (kind === 'INTERNAL ERROR') {
        const worker = workerByLocalPort.get(Number(match[1]));
        const c = worker?.current;
        violate({
          kind: 'internal-error',
          message: 'the broker closed a connection because its own code threw',
          iteration: c?.iteration,
          description: c?.description,
          requestHex: c?.bytes.toString('hex'),
          stack: message.slice(message.indexOf('internal error')),
        });
      }
    },
    error(message: string) {
      brokerLogLines++;
      violate({ kind: 'broker-error-log', message: `broker logged an error: ${message}` });
    },
  };

  const onUncaught = (error: unknown) => {
    const inflight = workers.filter((w) => w.current).map((w) => `iteration ${w.current!.iteration} (${w.current!.description}): ${w.current!.bytes.toString('hex')}`);
    violate({
      kind: 'uncaught-exception',
      message: `uncaught ${error instanceof Error ? error.name : typeof error}; would have crashed the broker process. In flight: ${inflight.join(' | ') || 'none'}`,
      stack: error instanceof Error ? error.stack : String(error),
    });
    stopping = true;
  };

  if (inProcess) {
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onUncaught);
    dataDir = mkdtempSync(join(tmpdir(), 'eddy-fuzz-'));
    broker = await startBroker({ port: 0, host: '127.0.0.1', dataDir, logger });
    port = broker.port;
    maxRequestBytes = Number(broker.config['socket.request.max.bytes'] ?? maxRequestBytes);
  }
  const target = inProcess ? `broker in process (127.0.0.1:${port})` : `broker at ${host}:${port}`;

  const gc = inProcess ? loadGc() : null;
  const liveMb = () => {
    gc?.();
    const m = process.memoryUsage();
    return (m.heapUsed + m.external) / MB;
  };

  const served = await fetchServedApis(port, host, controlTimeoutMs);
  log(`fuzz: seed ${seed}, ${options.replay ? `replaying ${options.replay.join(', ')}` : `${options.iterations} iterations`}, ${connectionsWanted} connection(s), ${target}`);
  log(`served: ${served.map((s) => `${s.name} ${s.minVersion}-${s.maxVersion}`).join(', ')}`);

  // ------------------------------------------------------------------ stats
  const totals = { ...emptyCounts(), sentinels: 0, connects: 0 };
  const byKind: Record<string, Counts> = {};
  const byApi: Record<string, Counts> = {};
  const generatorErrors: Record<string, number> = {};
  const bump = (c: FuzzCase, field: keyof Counts, n = 1) => {
    totals[field] += n;
    (byKind[c.kind] ??= emptyCounts())[field] += n;
    (byApi[c.apiName] ??= emptyCounts())[field] += n;
  };

  // ------------------------------------------------------------------ watchdog, control, memory
  const watchdog = inProcess && !options.replay ? new HangWatchdog(seed, options.hangMs ?? 10_000) : null;

  const latencies: number[] = [];
  let controlProbes = 0;
  let controlDone = false;
  const controlLoop = (async () => {
    let connection: FrameConnection | null = null;
    let correlationId = 1;
    while (!controlDone && !stopping) {
      try {
        connection ??= await FrameConnection.open(port, host, controlTimeoutMs);
      } catch (error) {
        violate({ kind: 'broker-down', message: `control connection cannot connect: ${(error as Error).message}` });
        stopping = true;
        break;
      }
      const sentAt = performance.now();
      const id = correlationId++;
      connection.write(sentinelFrame(id));
      try {
        const frame = await connection.readFrame(controlTimeoutMs);
        const latency = performance.now() - sentAt;
        latencies.push(latency);
        controlProbes++;
        const decoded = decodeResponseFrame(frame, ApiVersionsApi.apiKey, 0);
        const body = decoded.body as ApiVersionsResponse;
        if (decoded.correlationId !== id || body.errorCode !== 0 || !body.apiKeys.some((k) => k.apiKey === ApiVersionsApi.apiKey)) {
          violate({ kind: 'control-bad-answer', message: `control ApiVersions answer: correlation ${decoded.correlationId} (sent ${id}), error ${body.errorCode}`, responseHex: frame.toString('hex') });
        }
      } catch (error) {
        const closed = connection.closed;
        violate({
          kind: closed ? 'control-closed' : 'control-timeout',
          message: closed ? 'the broker closed the control connection' : `no ApiVersions answer on the control connection within ${controlTimeoutMs} ms (${(error as Error).message})`,
          description: workers.filter((w) => w.current).map((w) => `iteration ${w.current!.iteration}: ${w.current!.description}`).join(' | '),
        });
        connection.destroy();
        connection = null;
        if (!closed) stopping = true;
      }
      await new Promise((resolve) => setTimeout(resolve, controlIntervalMs));
    }
    connection?.destroy();
  })();

  let baselineMb = -1;
  let peakMb = 0;
  let finalMb = 0;
  let lastMemorySample = Date.now();
  const sampleMemory = (final = false) => {
    if (!inProcess) return;
    const mb = liveMb();
    peakMb = Math.max(peakMb, mb);
    if (final) finalMb = mb;
    if (baselineMb >= 0 && mb - baselineMb > growthBoundMb) {
      violate({ kind: 'memory', message: `heap+external after GC grew by ${(mb - baselineMb).toFixed(1)} MB (from ${baselineMb.toFixed(1)} to ${mb.toFixed(1)} MB), over the ${growthBoundMb} MB bound` });
      stopping = true;
    }
  };
  const peakRss = (): number | null => {
    if (inProcess) return process.resourceUsage().maxRSS / 1024;
    return options.pid ? procRssMb(options.pid) : null;
  };

  // ------------------------------------------------------------------ workers
  let sentinelCounter = 0;
  let doneCases = 0;
  

  class Worker {
    connection: FrameConnection | null = null;
    current: FuzzCase | null = null;
    private pending: PlannedFrame[] = [];
    private finish: ((outcome: Outcome) => void) | null = null;
    private responsesForCase = 0;
    private replayLines: string[] = [];

    constructor(readonly index: number) {}

    private async connect(): Promise<FrameConnection> {
      const connection = await FrameConnection.open(port, host, controlTimeoutMs);
      this.connection = connection;
      totals.connects++;
      const localPort = connection.socket.localPort;
      if (localPort !== undefined) workerByLocalPort.set(localPort, this);
      connection.onFrame = (frame) => this.onResponse(frame);
      connection.onClose = () => {
        if (localPort !== undefined) setTimeout(() => workerByLocalPort.delete(localPort), 1000).unref();
        if (this.connection === connection) this.finish?.('closed');
      };
      return connection;
    }

    private onResponse(frame: Buffer): void {
      const c = this.current;
      if (!c) return;
      if (frame.length < 4) {
        violate({ kind: 'malformed-response', message: `a ${frame.length}-byte response frame`, iteration: c.iteration, description: c.description, requestHex: c.bytes.toString('hex'), responseHex: frame.toString('hex') });
        return;
      }
      const correlationId = frame.readInt32BE(0);
      const index = this.pending.findIndex((p) => p.correlationId === correlationId);
      if (index < 0) {
        violate({
          kind: 'unmatched-response',
          message: `response with correlation id ${correlationId} matches no request still waiting (out of order, or invented)`,
          iteration: c.iteration,
          description: c.description,
          requestHex: c.bytes.toString('hex'),
          responseHex: frame.subarray(0, 512).toString('hex'),
        });
        return;
      }
      for (const skipped of this.pending.slice(0, index)) {
        if (!MAY_SKIP.has(skipped.apiKey)) {
          violate({
            kind: 'silent-drop',
            message: `request (API key ${skipped.apiKey} v${skipped.version}, correlation id ${skipped.correlationId}) got no response while a later one did, on a connection left open`,
            iteration: c.iteration,
            description: c.description,
            requestHex: c.bytes.toString('hex'),
          });
        }
      }
      const request = this.pending[index];
      this.pending = this.pending.slice(index + 1);
      if (request.sentinel) {
        totals.sentinels++;
        if (options.replay) this.replayLines.push(`  sentinel answered (correlation id ${correlationId})`);
        this.finish?.('done');
        return;
      }
      this.responsesForCase++;
      bump(c, 'responses');
      try {
        const decoded = decodeResponseFrame(frame, request.apiKey, request.version);
        if (options.replay) this.replayLines.push(`  response to API key ${request.apiKey} v${request.version} (layout v${decoded.layoutVersion}): ${JSON.stringify(decoded.body, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)).slice(0, 400)}`);
      } catch (error) {
        violate({
          kind: 'malformed-response',
          message: `response to API key ${request.apiKey} v${request.version} does not decode: ${(error as Error).message}`,
          iteration: c.iteration,
          description: c.description,
          requestHex: c.bytes.toString('hex'),
          responseHex: frame.subarray(0, 2048).toString('hex'),
        });
      }
    }

    async run(c: FuzzCase): Promise<void> {
      const rnd = new Random(seed ^ 0x5eed5eed, c.iteration);
      const plan = planStream(c.bytes, maxRequestBytes, c.wellFormed, rnd);
      const parts = [c.bytes];
      if (plan.padding) parts.push(plan.padding);
      const sentinel = !plan.expectClose && !plan.abandon;
      if (sentinel) {
        const id = SENTINEL_BASE + (sentinelCounter++ % 0x1fffffff);
        parts.push(sentinelFrame(id));
        plan.frames.push({ apiKey: ApiVersionsApi.apiKey, version: 0, correlationId: id, sentinel: true, wellFormed: true });
      }
      const bytes = Buffer.concat(parts);

      if (!this.connection || this.connection.closed) {
        this.connection = null;
        this.connection = await this.connect();
      }
      const connection = this.connection;
      this.current = c;
      this.pending = plan.frames;
      this.responsesForCase = 0;
      bump(c, 'cases');
      bump(c, 'frames', plan.frames.filter((f) => !f.sentinel).length || 1);
      watchdog?.inFlight(this.index, c.iteration, c.description, c.bytes);

      const outcome = new Promise<Outcome>((resolve) => {
        const timer = setTimeout(() => resolve(plan.abandon ? 'abandoned' : 'stalled'), plan.abandon ? 20 : plan.expectClose ? stallTimeoutMs : stallTimeoutMs);
        this.finish = (o) => {
          clearTimeout(timer);
          resolve(o);
        };
      });
      if (c.chunked && bytes.length > 1) {
        const cuts = new Set<number>();
        const n = rnd.int(1, Math.min(8, bytes.length - 1));
        for (let i = 0; i < n; i++) cuts.add(rnd.int(1, bytes.length - 1));
        let from = 0;
        for (const cut of [...cuts].sort((a, b) => a - b)) {
          connection.write(bytes.subarray(from, cut));
          from = cut;
          await new Promise((resolve) => setImmediate(resolve));
        }
        connection.write(bytes.subarray(from));
      } else {
        connection.write(bytes);
      }
      const result = await outcome;
      this.finish = null;

      if (options.replay) {
        log(`iteration ${c.iteration}: ${c.description}`);
        log(`  request hex ${c.bytes.toString('hex')}${plan.padding ? ` (+ ${plan.padding.length} padding bytes)` : ''}`);
        for (const line of this.replayLines) log(line);
        log(`  outcome: ${result}`);
        this.replayLines = [];
      }

      if (result === 'closed') {
        bump(c, 'closes');
        const first = this.pending[0];
        if (first && first.wellFormed && !plan.expectClose) {
          violate({
            kind: 'closed-on-valid',
            message: first.sentinel
              ? 'the broker closed the connection at the sentinel ApiVersions v0 request, after answering the case'
              : `the broker closed the connection on a well-formed ${c.apiName} v${c.version} request instead of answering it`,
            iteration: c.iteration,
            description: c.description,
            requestHex: c.bytes.toString('hex'),
          });
        }
      } else if (result === 'stalled') {
        connection.destroy();
        const first = this.pending[0];
        if (plan.expectClose) {
          bump(c, 'stalls');
          violate({ kind: 'bad-size-not-closed', message: `a frame size below 8 bytes or above ${maxRequestBytes} left the connection open for ${stallTimeoutMs} ms`, iteration: c.iteration, description: c.description, requestHex: c.bytes.toString('hex') });
        } else if (first && MAY_PARK.has(first.apiKey)) {
          bump(c, 'parked');
        } else {
          bump(c, 'stalls');
          violate({
            kind: 'stall',
            message: `no answer and no close within ${stallTimeoutMs} ms (first unanswered: API key ${first?.apiKey} v${first?.version}${first?.sentinel ? ', the sentinel' : ''})`,
            iteration: c.iteration,
            description: c.description,
            requestHex: c.bytes.toString('hex'),
          });
        }
      } else if (result === 'abandoned') {
        bump(c, 'abandoned');
        connection.destroy();
      }
      this.current = null;
      doneCases++;
      if (doneCases === warmup && baselineMb < 0 && inProcess) baselineMb = liveMb();
      if (Date.now() - lastMemorySample > 1000) {
        lastMemorySample = Date.now();
        sampleMemory();
        const rss = peakRss();
        if (rss !== null && rss > rssBoundMb) {
          violate({ kind: 'rss', message: `peak RSS ${rss.toFixed(0)} MB is over the ${rssBoundMb} MB bound` });
          stopping = true;
        }
      }
    }

    close(): void {
      this.connection?.destroy();
    }
  }

  const pool = Array.from({ length: connectionsWanted }, (_, i) => new Worker(i));
  workers = pool;
  let lastProgress = Date.now();
  const iterationList = options.replay ?? null;
  const total = iterationList ? iterationList.length : options.iterations;
  const warmup = Math.min(Math.max(200, Math.floor(total * 0.05)), total);

  await Promise.all(
    pool.map(async (worker, w) => {
      for (let k = w; k < total && !stopping; k += pool.length) {
        const iteration = iterationList ? iterationList[k] : k;
        let c: FuzzCase;
        try {
          c = buildCase(iteration, Random.forIteration(seed, iteration), served);
        } catch (error) {
          const key = `${(error as Error).message}`.slice(0, 100);
          generatorErrors[key] = (generatorErrors[key] ?? 0) + 1;
          continue;
        }
        try {
          await worker.run(c);
        } catch (error) {
          if (!stopping) violate({ kind: 'broker-down', message: `cannot reach the broker: ${(error as Error).message}`, iteration: c.iteration, description: c.description, requestHex: c.bytes.toString('hex') });
          stopping = true;
        }
        if (Date.now() - lastProgress > 5000 && w === 0) {
          lastProgress = Date.now();
          log(`  … ${doneCases}/${total} cases, ${totals.closes} closes, ${violations.length} violations, ${((doneCases / (Date.now() - started)) * 1000).toFixed(0)} cases/s`);
        }
      }
    }),
  );

  controlDone = true;
  await controlLoop;
  for (const worker of pool) worker.close();
  sampleMemory(true);
  const rss = peakRss();
  if (rss !== null && rss > rssBoundMb) violate({ kind: 'rss', message: `peak RSS ${rss.toFixed(0)} MB is over the ${rssBoundMb} MB bound` });
  await watchdog?.stop();
  if (broker) await broker.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (inProcess) {
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onUncaught);
  }

  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    seed,
    iterations: total,
    target,
    served,
    connections: connectionsWanted,
    durationMs: Date.now() - started,
    totals,
    byKind,
    byApi,
    brokerCloseReasons,
    brokerLogLines,
    generatorErrors,
    control: { probes: controlProbes, maxLatencyMs: sorted.length ? sorted[sorted.length - 1] : 0, p99LatencyMs: percentile(sorted, 0.99), timeoutMs: controlTimeoutMs },
    memory: {
      measured: inProcess,
      baselineMb: Math.max(0, baselineMb),
      finalMb,
      peakMb,
      growthBoundMb,
      peakRssMb: rss,
      rssBoundMb,
    },
    violations,
  };
}

function table(header: string[], rows: (string | number)[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: (string | number)[]) => cells.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

const KIND_ORDER: CaseKind[] = ['valid', 'mutated', 'wrong-header-version', 'random-api', 'garbage'];

export function formatReport(report: FuzzReport): string {
  const out: string[] = [];
  const seconds = report.durationMs / 1000;
  const countRow = (name: string, c: Counts) => [name, c.cases, c.frames, c.responses, c.closes, c.parked, c.stalls, c.abandoned];
  const header = ['', 'cases', 'frames', 'responses', 'closes', 'parked', 'stalls', 'abandoned'];
  out.push(`\nfuzz summary: seed ${report.seed}, ${report.iterations} iterations, ${report.connections} connections, ${report.target}`);
  out.push(`served: ${report.served.map((s) => `${s.name} ${s.minVersion}-${s.maxVersion}`).join(', ')}\n`);
  out.push(
    table(header, [
      ...KIND_ORDER.filter((k) => report.byKind[k]).map((k) => countRow(k, report.byKind[k])),
      countRow('total', report.totals),
    ]),
  );
  out.push('');
  out.push(table(['by API (before mutation)', 'cases', 'frames', 'responses', 'closes', 'parked', 'stalls', 'abandoned'], Object.entries(report.byApi).sort((a, b) => b[1].cases - a[1].cases).map(([name, c]) => countRow(name, c))));
  const reasons = Object.entries(report.brokerCloseReasons).sort((a, b) => b[1] - a[1]);
  if (reasons.length > 0) {
    out.push('');
    out.push(table(['broker closes by reason (its log)', 'count'], reasons));
  }
  const genErrors = Object.entries(report.generatorErrors);
  if (genErrors.length > 0) {
    out.push('');
    out.push(table(['cases the generator could not build', 'count'], genErrors));
  }
  out.push('');
  out.push(`throughput: ${report.totals.frames} requests + ${report.totals.sentinels} sentinels in ${seconds.toFixed(1)} s = ${((report.totals.frames + report.totals.sentinels) / seconds).toFixed(0)} req/s (${(report.totals.cases / seconds).toFixed(0)} cases/s), ${report.totals.connects} connections opened`);
  out.push(`control: ${report.control.probes} ApiVersions probes, latency p99 ${report.control.p99LatencyMs.toFixed(1)} ms, max ${report.control.maxLatencyMs.toFixed(1)} ms (bound ${report.control.timeoutMs} ms)`);
  const m = report.memory;
  const rss = m.peakRssMb === null ? 'peak RSS n/a (pass --pid)' : `peak RSS ${m.peakRssMb.toFixed(0)} MB (bound ${m.rssBoundMb} MB)`;
  out.push(
    m.measured
      ? `memory: heap+external after GC ${m.baselineMb.toFixed(1)} MB after warm-up → ${m.finalMb.toFixed(1)} MB at the end (growth ${(m.finalMb - m.baselineMb).toFixed(1)} MB, bound ${m.growthBoundMb} MB), peak ${m.peakMb.toFixed(1)} MB; ${rss}`
      : `memory: ${rss}`,
  );
  if (report.violations.length === 0) {
    out.push('violations: none');
  } else {
    out.push(`\nVIOLATIONS: ${report.violations.length} distinct, ${report.violations.reduce((n, v) => n + (v.count ?? 1), 0)} in all`);
    for (const v of report.violations) {
      out.push(`- ${v.kind}${(v.count ?? 1) > 1 ? ` (×${v.count})` : ''}: ${v.message}`);
      if (v.iteration !== undefined) out.push(`  iteration ${v.iteration}: ${v.description}`);
      if (v.requestHex) out.push(`  request bytes (hex, int32 size prefix included): ${v.requestHex}`);
      if (v.responseHex) out.push(`  response hex: ${v.responseHex}`);
      if (v.stack) out.push(`  ${v.stack.split('\n').join('\n  ')}`);
      if (v.iteration !== undefined) out.push(`  reproduce: npx tsx broker-core/test/fuzz/fuzz-broker.ts --seed ${report.seed} --replay ${v.iteration}`);
      for (const sample of v.samples ?? []) out.push(`  also iteration ${sample.iteration}: ${sample.description}\n    ${sample.requestHex}`);
    }
  }
  return out.join('\n');
}
