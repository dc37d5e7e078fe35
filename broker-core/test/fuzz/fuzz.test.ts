/**
 * The protocol fuzzer in `npm test` (integration tier): a few thousand mutated requests against a
 * broker in process, plus checks that the fuzzer itself is deterministic and that it does catch
 * a broker that misbehaves (a fake broker that answers garbage, one that never answers, one that
 * closes on a valid request). The long run is `npx tsx broker-core/test/fuzz/fuzz-broker.ts`.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiVersionsApi, getApiDefinition, responseHeaderVersion } from '../../src/protocol/generated/index';
import { readRequestHeader, writeResponseHeader } from '../../src/protocol/headers';
import { ProtocolReader } from '../../src/protocol/primitives/reader';
import { ProtocolWriter } from '../../src/protocol/primitives/writer';
import { formatReport, planStream, runFuzz } from './fuzz-core';
import { buildCase, validRequest } from './mutate';
import { Random } from './prng';

const SERVED = [
  { apiKey: 18, name: 'ApiVersions', minVersion: 0, maxVersion: 3 },
  { apiKey: 3, name: 'Metadata', minVersion: 0, maxVersion: 12 },
];

describe('fuzzing the broker', () => {
  it('survives 4,000 mutated requests: no crash, no hang, no internal error, well-formed answers, bounded memory', async () => {
    const report = await runFuzz({ iterations: 4000, seed: 20_250_501, connections: 4, maxHeapGrowthMb: 64 });
    expect(report.violations, formatReport(report)).toEqual([]);
    expect(report.totals.cases).toBe(4000);
    expect(report.served.some((api) => api.apiKey === ApiVersionsApi.apiKey)).toBe(true);
    // Both kinds of answer to garbage happen, and valid requests are answered.
    expect(report.totals.closes).toBeGreaterThan(100);
    // Valid requests are answered (all but acks=0 Produce), never met by a closed connection.
    expect(report.byKind.valid.closes).toBe(0);
    expect(report.byKind.valid.responses).toBeGreaterThan(report.byKind.valid.cases * 0.8);
    expect(report.control.probes).toBeGreaterThan(0);
    expect(report.memory.measured).toBe(true);
  }, 60_000);
});

describe('the fuzzer itself', () => {
  it('builds the same bytes for the same seed and iteration, whatever else was built before', () => {
    const a = [5, 17, 400].map((i) => buildCase(i, Random.forIteration(7, i), SERVED).bytes.toString('hex'));
    buildCase(3, Random.forIteration(8, 3), SERVED);
    const b = [5, 17, 400].map((i) => buildCase(i, Random.forIteration(7, i), SERVED).bytes.toString('hex'));
    expect(b).toEqual(a);
    expect(buildCase(5, Random.forIteration(8, 5), SERVED).bytes.equals(buildCase(5, Random.forIteration(7, 5), SERVED).bytes)).toBe(false);
  });

  it('builds valid requests that the codec decodes back, for every served version', () => {
    for (const api of SERVED) {
      for (let version = api.minVersion; version <= api.maxVersion; version++) {
        const { frame, lengths } = validRequest(api.apiKey, version, 42, new Random(1, version));
        expect(frame.readInt32BE(0)).toBe(frame.length - 4);
        const reader = new ProtocolReader(frame, 4);
        const header = readRequestHeader(reader);
        expect([header.apiKey, header.apiVersion, header.correlationId]).toEqual([api.apiKey, version, 42]);
        getApiDefinition(api.apiKey)!.decodeRequest(reader, version);
        expect(reader.remaining).toBe(0);
        expect(lengths.length).toBeGreaterThan(0);
      }
    }
  });

  it('cuts a byte stream into frames as a broker does, padding short frames and spotting bad sizes', () => {
    const rnd = new Random(1);
    const frame = (size: number, body: number[]) => Buffer.concat([Buffer.from([0, 0, 0, size]), Buffer.from(body)]);
    const twelve = [0, 3, 0, 1, 0, 0, 0, 9, 0, 0, 0, 0];
    expect(planStream(frame(12, twelve), 1000, true, rnd)).toMatchObject({ frames: [{ apiKey: 3, version: 1, correlationId: 9 }], padding: null, expectClose: false, abandon: false });
    const short = planStream(frame(20, twelve), 1000, false, rnd);
    expect(short.padding?.length).toBe(8);
    expect(planStream(frame(7, [1, 2, 3, 4, 5, 6, 7]), 1000, false, rnd).expectClose).toBe(true);
    expect(planStream(Buffer.from([0x7f, 0xff, 0xff, 0xff]), 1000, false, rnd).expectClose).toBe(true);
    expect(planStream(Buffer.from([0, 0x10, 0, 0]), 10_000_000, false, rnd).abandon).toBe(true);
  });
});

/**
 * A fake broker: answers ApiVersions v0 (ApiVersions 0-0 and Metadata 0-0); what it does with a
 * Metadata v0 request is up to the test. `onMetadata` returning 'stuck' stops it answering
 * anything more on that connection (a handler that never finishes, holding the response order).
 */
function fakeBroker(onMetadata: (socket: Socket, correlationId: number) => void | 'stuck'): Promise<Server> {
  const server = createServer((socket) => {
    let buffered = Buffer.alloc(0);
    let stuck = false;
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      if (stuck) return;
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 4 && buffered.length >= 4 + buffered.readInt32BE(0)) {
        const size = buffered.readInt32BE(0);
        if (size < 8) {
          socket.destroy();
          return;
        }
        const frame = buffered.subarray(4, 4 + size);
        buffered = buffered.subarray(4 + size);
        const apiKey = frame.readInt16BE(0);
        const version = frame.readInt16BE(2);
        const correlationId = frame.readInt32BE(4);
        if (apiKey === 18 && version === 0) {
          const w = new ProtocolWriter();
          const mark = w.beginSizePrefix();
          writeResponseHeader(w, responseHeaderVersion(18, 0), correlationId);
          ApiVersionsApi.encodeResponse(w, 0, {
            errorCode: 0,
            apiKeys: [
              { apiKey: 3, minVersion: 0, maxVersion: 0 },
              { apiKey: 18, minVersion: 0, maxVersion: 0 },
            ],
            throttleTimeMs: 0,
            supportedFeatures: [],
            finalizedFeaturesEpoch: -1n,
            finalizedFeatures: [],
            zkMigrationReady: false,
          });
          w.endSizePrefix(mark);
          socket.write(w.finish());
        } else if (apiKey === 3 && version === 0) {
          if (onMetadata(socket, correlationId) === 'stuck') {
            stuck = true;
            return;
          }
        } else {
          socket.destroy();
          return;
        }
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('the fuzzer catches a misbehaving broker', () => {
  let server: Server | null = null;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = null;
  });

  const fuzzFake = async () =>
    runFuzz({ iterations: 300, seed: 3, port: (server!.address() as { port: number }).port, connections: 2, stallTimeoutMs: 300, controlTimeoutMs: 1000, maxViolations: 1 });

  it('a response that does not decode', async () => {
    server = await fakeBroker((socket, correlationId) => {
      const bytes = Buffer.alloc(10);
      bytes.writeInt32BE(6, 0);
      bytes.writeInt32BE(correlationId, 4);
      socket.write(bytes); // header, then 2 bytes: not a Metadata v0 response
    });
    const report = await fuzzFake();
    expect(report.violations.map((v) => v.kind)).toContain('malformed-response');
  }, 30_000);

  it('a request never answered, holding up the connection', async () => {
    server = await fakeBroker(() => 'stuck');
    const report = await fuzzFake();
    expect(report.violations.map((v) => v.kind)).toContain('stall');
  }, 30_000);

  it('a request skipped while a later one is answered', async () => {
    server = await fakeBroker(() => {});
    const report = await fuzzFake();
    expect(report.violations.map((v) => v.kind)).toContain('silent-drop');
  }, 30_000);

  it('a valid request met by a closed connection', async () => {
    server = await fakeBroker((socket) => {
      socket.destroy();
    });
    const report = await fuzzFake();
    expect(report.violations.map((v) => v.kind)).toContain('closed-on-valid');
    expect(report.violations.find((v) => v.kind === 'closed-on-valid')?.requestHex).toMatch(/^[0-9a-f]+$/);
  }, 30_000);

  it('a broker that stops answering the control connection', async () => {
    let calls = 0;
    server = await fakeBroker(() => {});
    // After discovery, swallow everything: ApiVersions probes on the control connection go unanswered.
    server.on('connection', (socket: Socket) => {
      if (++calls > 1) socket.removeAllListeners('data');
    });
    const report = await fuzzFake();
    expect(report.violations.map((v) => v.kind)).toContain('control-timeout');
  }, 30_000);
});
