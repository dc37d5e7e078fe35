/**
 * Captures the golden-bytes fixtures of `broker-core/test/golden/fixtures/` (issue 5):
 *
 *   npx tsx tools/capture/capture-fixtures.ts [--out DIR] [--timeout-ms 12000]
 *
 * 1. Starts two brokers: librdkafka's mock cluster (through confluent-kafka-python, the reference
 *    broker) and Eddy (in process, temp data dir).
 * 2. Runs every client scenario (`clients.ts`: kcat, confluent-kafka, kafka-python, kafkajs,
 *    @platformatic/kafka — metadata, produce, consume in a consumer group with commits, topic and
 *    group admin) against each, through a recording `CaptureProxy`.
 * 3. For every (API, version) Eddy advertises (asked at run time) that no client sent yet, runs
 *    again the scenarios that sent that API, with the proxy capping the advertised version, so the
 *    client negotiates exactly that version — against Eddy, and against the mock where the mock
 *    serves the version.
 * 4. Where a client's request reached Eddy but the mock still has no answer for it (no client
 *    sent that version to the mock), sends that same request to the mock and records its answer.
 * 5. Keeps, per (API, version, client, broker), one exchange (the largest request up to 16 KiB
 *    whose response decodes, if any), and writes the frames as hex with `index.json` and a
 *    generated `README.md` saying where each came from. Prints what is still missing.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startBroker, BROKER_VERSION } from '../../broker-core/src/index';
import { ApiKey, getApiDefinition } from '../../broker-core/src/protocol/generated/index';
import { readRequestHeader } from '../../broker-core/src/protocol/headers';
import { ProtocolReader } from '../../broker-core/src/protocol/primitives/reader';
import { decodeResponseFrame, fetchServedApis, FrameConnection, type ServedApi } from '../../broker-core/test/fuzz/kafka-wire';
import { CaptureProxy, type Exchange } from './capture-proxy';
import { SCENARIOS, type Scenario } from './clients';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../..');
const DEFAULT_OUT = join(REPO, 'broker-core/test/golden/fixtures');
const MAX_REQUEST_BYTES = 16 * 1024;
const TOPIC = 'golden-a';

type BrokerName = 'librdkafka-mock' | 'eddy';

interface BrokerTarget {
  name: BrokerName;
  host: string;
  port: number;
  served: ServedApi[];
  info: Record<string, unknown>;
}

interface Recorded extends Exchange {
  scenario: string;
  clientId: string;
  caps: Record<string, number>;
  /** 'live': the client's own exchange; 'replayed': the request was captured against Eddy, then sent to the mock as is. */
  responseSource: 'live' | 'replayed';
}

function parseArgs(argv: string[]): { out: string; timeoutMs: number } {
  const options = { out: DEFAULT_OUT, timeoutMs: 12_000 };
  for (let i = 0; i < argv.length; i += 2) {
    if (argv[i] === '--out') options.out = resolve(argv[i + 1]);
    else if (argv[i] === '--timeout-ms') options.timeoutMs = Number(argv[i + 1]);
    else throw new Error(`unknown option ${argv[i]}; usage: capture-fixtures.ts [--out DIR] [--timeout-ms N]`);
  }
  return options;
}

interface MockInfo {
  host: string;
  port: number;
  node_id: number;
  cluster_id: string;
  controller_id: number;
  librdkafka: string;
}

async function startMock(): Promise<MockInfo & { process: ChildProcessWithoutNullStreams }> {
  const child = spawn('/usr/bin/python3', [join(HERE, 'clients/mock_cluster.py')], { stdio: ['pipe', 'pipe', 'pipe'] });
  const line = await new Promise<string>((resolveLine, reject) => {
    const timer = setTimeout(() => reject(new Error('the librdkafka mock cluster did not start within 20 s')), 20_000);
    createInterface({ input: child.stdout }).once('line', (text) => {
      clearTimeout(timer);
      resolveLine(text);
    });
    child.once('exit', (code) => reject(new Error(`mock_cluster.py exited with ${code}`)));
  });
  const info = JSON.parse(line) as MockInfo;
  return { process: child, ...info };
}

function versionsOf(served: readonly ServedApi[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const api of served) for (let v = api.minVersion; v <= api.maxVersion; v++) out.push([api.apiKey, v]);
  return out;
}

function knownVersion(e: Exchange): boolean {
  const api = getApiDefinition(e.apiKey);
  return api !== undefined && e.apiVersion >= api.validVersions.min && e.apiVersion <= api.validVersions.max;
}

/** Why our codec cannot decode a request (header and body, to the last byte), or null if it can. */
function requestDecodeError(e: Exchange): string | null {
  try {
    const reader = new ProtocolReader(e.request);
    readRequestHeader(reader);
    getApiDefinition(e.apiKey)!.decodeRequest(reader, e.apiVersion);
    return reader.remaining === 0 ? null : `${reader.remaining} bytes left over`;
  } catch (error) {
    return (error as Error).message;
  }
}

async function main(): Promise<void> {
  const { out, timeoutMs } = parseArgs(process.argv.slice(2));
  const log = (line: string) => console.log(line);
  const dataDir = mkdtempSync(join(tmpdir(), 'eddy-capture-'));
  const eddy = await startBroker({ port: 0, host: '127.0.0.1', dataDir });
  const mock = await startMock();
  const recorded: Recorded[] = [];
  try {
    const targets: BrokerTarget[] = [
      {
        name: 'librdkafka-mock',
        host: mock.host,
        port: mock.port,
        served: await fetchServedApis(mock.port, mock.host),
        info: {
          software: `librdkafka ${mock.librdkafka} mock cluster (test.mock.num.brokers=1, via confluent-kafka-python)`,
          // As librdkafka itself parsed them from the mock's metadata, for the golden test's spot checks.
          nodeId: mock.node_id,
          clusterId: mock.cluster_id,
          controllerId: mock.controller_id,
        },
      },
      { name: 'eddy', host: '127.0.0.1', port: eddy.port, served: await fetchServedApis(eddy.port), info: { software: `Eddy broker-core ${BROKER_VERSION}`, nodeId: eddy.nodeId, clusterId: eddy.clusterId, controllerId: eddy.nodeId, advertisedHost: eddy.advertisedHost } },
    ];
    const [mockTarget, eddyTarget] = targets;
    log(`eddy serves: ${eddyTarget.served.map((s) => `${s.name} ${s.minVersion}-${s.maxVersion}`).join(', ')}`);
    log(`mock serves: ${mockTarget.served.map((s) => `${s.name} ${s.minVersion}-${s.maxVersion}`).join(', ')}`);

    const runScenario = async (scenario: Scenario, target: BrokerTarget, caps: Record<number, number>) => {
      const proxy = new CaptureProxy({ upstreamHost: target.host, upstreamPort: target.port, client: scenario.client, broker: target.name, caps });
      const port = await proxy.start();
      const started = Date.now();
      await scenario.run(`127.0.0.1:${port}`, TOPIC, timeoutMs);
      await proxy.stop();
      const capNames = Object.fromEntries(Object.entries(caps).map(([key, v]) => [getApiDefinition(Number(key))?.name ?? key, v]));
      for (const e of proxy.exchanges) recorded.push({ ...e, scenario: scenario.name, clientId: scenario.clientId, caps: capNames, responseSource: 'live' });
      const seen = [...new Set(proxy.exchanges.map((e) => `${e.apiName} v${e.apiVersion}`))].join(', ');
      log(`  ${scenario.client} ${scenario.name} → ${target.name}${Object.keys(caps).length ? ` (caps ${JSON.stringify(capNames)})` : ''}: ${seen || 'nothing'} [${Date.now() - started} ms]`);
    };

    const has = (broker: BrokerName, apiKey: number, version: number, needResponse: boolean) =>
      recorded.some((e) => e.broker === broker && e.apiKey === apiKey && e.apiVersion === version && (!needResponse || e.responseLayoutVersion !== null));

    // 1-2: every scenario against both brokers, as the clients choose.
    for (const target of targets) {
      log(`\nscenarios against ${target.name}`);
      for (const scenario of SCENARIOS) await runScenario(scenario, target, {});
    }

    // 3: versions nobody sent yet, by capping what the broker advertises.
    const mockServes = (apiKey: number, v: number) => mockTarget.served.some((s) => s.apiKey === apiKey && v >= s.minVersion && v <= s.maxVersion);
    for (const target of targets) {
      log(`\ncapped runs against ${target.name}`);
      for (const [apiKey, version] of versionsOf(eddyTarget.served)) {
        if (target === mockTarget && !mockServes(apiKey, version)) continue;
        if (has(target.name, apiKey, version, target === mockTarget)) continue;
        // Scenarios that sent this API at a higher version (to any broker) may negotiate down to it.
        const candidates = SCENARIOS.filter((s) => recorded.some((e) => e.client === s.client && e.scenario === s.name && e.apiKey === apiKey && e.apiVersion > version));
        for (const scenario of candidates) {
          await runScenario(scenario, target, { [apiKey]: version });
          if (has(target.name, apiKey, version, target === mockTarget)) break;
        }
      }
    }

    // 4: the mock's answers to real clients' requests that reached only Eddy.
    log('\nreplaying to the mock');
    for (const [apiKey, version] of versionsOf(eddyTarget.served)) {
      if (!mockServes(apiKey, version) || has('librdkafka-mock', apiKey, version, true)) continue;
      const source = recorded.find((e) => e.broker === 'eddy' && e.apiKey === apiKey && e.apiVersion === version);
      if (!source) continue;
      const connection = await FrameConnection.open(mock.port, mock.host);
      try {
        const size = Buffer.alloc(4);
        size.writeInt32BE(source.request.length);
        connection.write(Buffer.concat([size, source.request]));
        const response = await connection.readFrame(5000);
        let layout: number | null = null;
        let decodeError: string | undefined;
        try {
          layout = decodeResponseFrame(response, apiKey, version).layoutVersion;
        } catch (error) {
          decodeError = (error as Error).message;
        }
        recorded.push({ ...source, broker: 'librdkafka-mock', response, responseLayoutVersion: layout, responseDecodeError: decodeError, rewritten: false, responseSource: 'replayed' });
        log(`  ${source.apiName} v${version} from ${source.client}: ${layout === null ? `answer does not decode (${decodeError})` : 'answered'}`);
      } catch (error) {
        log(`  ${source.apiName} v${version} from ${source.client}: ${(error as Error).message}`);
      } finally {
        connection.destroy();
      }
    }

    // 5: choose and write.
    const chosen = new Map<string, Recorded>();
    const score = (e: Recorded) => (requestDecodeError(e) === null ? 1e7 : 0) + (e.responseLayoutVersion !== null ? 1e6 : 0) + (e.responseSource === 'live' ? 1e5 : 0) + e.request.length;
    for (const e of recorded) {
      if (!knownVersion(e) || e.request.length > MAX_REQUEST_BYTES) continue;
      const key = `${e.apiName}|${e.apiVersion}|${e.client}|${e.broker}`;
      const current = chosen.get(key);
      if (!current || score(e) > score(current)) chosen.set(key, e);
    }
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const hex = (bytes: Buffer) => (bytes.toString('hex').match(/.{1,64}/g) ?? ['']).join('\n') + '\n';
    const fixtures = [...chosen.values()]
      .sort((a, b) => a.apiKey - b.apiKey || a.apiVersion - b.apiVersion || a.client.localeCompare(b.client) || a.broker.localeCompare(b.broker))
      .map((e) => {
        const base = `${e.apiName}/v${e.apiVersion}/${e.client}@${e.broker}`;
        mkdirSync(join(out, dirname(base)), { recursive: true });
        writeFileSync(join(out, `${base}.request.hex`), hex(e.request));
        const hasResponse = e.response !== null && e.responseLayoutVersion !== null;
        if (hasResponse) writeFileSync(join(out, `${base}.response.hex`), hex(e.response!));
        const decodeError = requestDecodeError(e);
        if (decodeError) log(`note: ${e.client}'s ${e.apiName} v${e.apiVersion} request does not decode with our codec: ${decodeError}`);
        return {
          ...(decodeError ? { requestDecodeError: decodeError } : {}),
          api: e.apiName,
          apiKey: e.apiKey,
          version: e.apiVersion,
          client: e.client,
          clientId: e.clientId,
          scenario: e.scenario,
          caps: e.caps,
          broker: e.broker,
          correlationId: e.correlationId,
          request: `${base}.request.hex`,
          response: hasResponse ? `${base}.response.hex` : null,
          responseLayoutVersion: hasResponse ? e.responseLayoutVersion : null,
          responseSource: hasResponse ? e.responseSource : null,
          ...(e.response !== null && !hasResponse ? { responseNotKept: `does not decode with our codec: ${e.responseDecodeError}` } : {}),
          topic: TOPIC,
        };
      });
    const brokers = Object.fromEntries(targets.map((t) => [t.name, { ...t.info, host: t.host, port: t.port, served: Object.fromEntries(t.served.map((s) => [s.name, `${s.minVersion}-${s.maxVersion}`])) }]));
    const tools = { kcat: 'librdkafka 2.0.2', 'confluent-kafka': 'confluent-kafka-python 1.7 / librdkafka 2.0.2', 'kafka-python': '2.0.2', kafkajs: packageVersion('kafkajs'), platformatic: `@platformatic/kafka ${packageVersion('@platformatic/kafka')}` };
    writeFileSync(join(out, 'index.json'), JSON.stringify({ capturedWith: 'npx tsx tools/capture/capture-fixtures.ts', topic: TOPIC, brokers, clients: tools, fixtures }, null, 2) + '\n');
    writeFileSync(join(out, 'README.md'), sourcesMarkdown(fixtures, brokers, tools));

    // What is still missing, for the allow-list (broker-core/test/golden/uncovered.json).
    log(`\n${fixtures.length} fixtures written to ${relative(REPO, out)}`);
    const missingRequests: string[] = [];
    const missingResponses: string[] = [];
    for (const [apiKey, version] of versionsOf(eddyTarget.served)) {
      const name = getApiDefinition(apiKey)!.name;
      if (!fixtures.some((f) => f.apiKey === apiKey && f.version === version && !f.requestDecodeError)) missingRequests.push(`${name} v${version}`);
      if (!fixtures.some((f) => f.apiKey === apiKey && f.version === version && f.broker === 'librdkafka-mock' && f.response)) missingResponses.push(`${name} v${version}${mockServes(apiKey, version) ? '' : ' (the mock does not serve it)'}`);
    }
    log(`served (API, version) without a real client's request: ${missingRequests.join(', ') || 'none'}`);
    log(`served (API, version) without a reference (mock) response: ${missingResponses.join(', ') || 'none'}`);
    if (recorded.some((e) => e.apiKey === ApiKey.ApiVersions && e.broker === 'librdkafka-mock' && e.apiVersion > 2)) {
      log('note: the mock answers ApiVersions v3 with bytes that decode in neither the v3 nor the v0 layout; not kept as a fixture');
    }
  } finally {
    mock.process.stdin.end();
    mock.process.kill();
    await eddy.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(REPO, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function sourcesMarkdown(
  fixtures: Array<{ api: string; version: number; client: string; broker: string; scenario: string; caps: Record<string, number>; response: string | null; responseSource: string | null; responseNotKept?: string }>,
  brokers: Record<string, unknown>,
  tools: Record<string, string>,
): string {
  const lines = [
    '# Golden-bytes fixtures: where each came from',
    '',
    'Generated by `npx tsx tools/capture/capture-fixtures.ts` — do not edit by hand; re-run it instead.',
    'Read by `broker-core/test/golden/golden.test.ts`; see `../README.md` for what is checked.',
    '',
    'Each fixture is one request frame a real client sent (`<API>/v<version>/<client>@<broker>.request.hex`)',
    'and, where kept, the frame the broker answered with (`….response.hex`): hex, without the int32 size',
    'prefix, header included. `index.json` says, for each, the client and its client.id, the scenario',
    'it ran, the broker, the correlation id, and the layout the response is in.',
    '',
    'How they were captured: a recording proxy (`tools/capture/capture-proxy.ts`) sat between each',
    'client and each broker. Versions a client does not pick by itself were obtained by having the',
    'proxy advertise a lower maximum for that API in the ApiVersions answer (the "cap" column), so',
    'the client negotiated exactly that version; the bytes kept are those that crossed the wire.',
    'Requests sent to the mock and to Eddy by the same client are kept for both.',
    '',
    'Brokers:',
    '- `librdkafka-mock` is the reference broker: its responses are the golden answers. It serves',
    '  few versions (ApiVersions ≤ v2, Metadata ≤ v2, no admin APIs; of the consumer-group APIs only',
    '  the classic protocol at low versions: FindCoordinator ≤ v2, JoinGroup ≤ v5, SyncGroup ≤ v3,',
    '  Heartbeat ≤ v3, LeaveGroup ≤ v1, OffsetCommit ≤ v7, OffsetFetch ≤ v5, and no ListGroups,',
    '  DescribeGroups, DeleteGroups or OffsetDelete); for versions it lacks only the request side',
    "  exists (a real client's request against Eddy), and `../uncovered.json` says so.",
    '  Its answer to an ApiVersions v3 request decodes in neither the v3 nor the v0 layout (a',
    '  librdkafka 2.0.2 mock quirk; Kafka answers in the v0 layout), so it is not kept.',
    "- `eddy` is our own broker: its responses are kept too, but only as regression fixtures for",
    '  the codec — they are not a reference.',
    '',
    ...Object.entries(brokers).map(([name, info]) => `- \`${name}\`: ${(info as { software: string }).software}`),
    '',
    'Clients:',
    ...Object.entries(tools).map(([name, version]) => `- \`${name}\`: ${version}`),
    '',
    '| API | version | client (scenario, caps) | broker | response |',
    '|---|---|---|---|---|',
    ...fixtures.map(
      (f) =>
        `| ${f.api} | ${f.version} | ${f.client} (${f.scenario}${Object.keys(f.caps).length ? `, cap ${Object.entries(f.caps).map(([k, v]) => `${k}≤${v}`).join(' ')}` : ''}) | ${f.broker} | ${f.response ? (f.responseSource === 'replayed' ? "the mock's answer to this request, sent again as captured" : 'live') : f.responseNotKept ? 'not kept: ' + f.responseNotKept.slice(0, 80) : 'none'} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
