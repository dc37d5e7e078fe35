/**
 * Captures the record fixtures of `broker-core/src/records/fixtures/` (issue 17): batches as real
 * clients wrote them with each codec, stored by our broker, and what each client was asked to
 * produce, so `stored-record-reader.test.ts` can check every record against it.
 *
 *   npm run capture-record-fixtures [-- --out DIR]
 *
 * 1. Starts Eddy in process (temp data dir) and creates one single-partition topic per fixture
 *    (`message.timestamp.type=LogAppendTime` where the fixture says so).
 * 2. Produces the fixture's records in rounds (each round flushed, so stored as its own batches):
 *    kcat (librdkafka; `-z CODEC`, keys with `-K`, headers with `-H`, `-Z` for nulls),
 *    confluent-kafka-python (librdkafka; idempotent), kafka-python (none and gzip: the codecs it has
 *    here), kafkajs (none and gzip: it has no other built-in codec). Debian's /usr/bin/python3.
 *    librdkafka 2.0.2 compresses with gzip, snappy or lz4 only where the broker advertises Produce
 *    v0 (Kafka 4 and Eddy start at v3; it sends those batches uncompressed), so its clients go
 *    through a `CaptureProxy` that advertises Produce from v0; they still send Produce v7.
 * 3. Reads the partition back with `LogManager.read` and checks that every record was stored and
 *    every batch has the fixture's codec (librdkafka stores a batch uncompressed when compression
 *    would not shrink it: the values are made compressible so that it does).
 * 4. Writes `<client>-<codec>[-variant].json`: the stored batches (base64, one per batch, as the
 *    log returned them) and the records produced (keys, values, headers, timestamps, expected
 *    offsets), plus a generated README.md saying how they were made.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompressionTypes, Kafka, logLevel } from 'kafkajs';
import { startBroker, type Broker, type CompressionCodec } from '../../broker-core/src/index';
import { ApiKey } from '../../broker-core/src/protocol/generated/index';
import { runProcess } from '../../broker-core/test/support/run-process';
import { CaptureProxy } from './capture-proxy';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../..');
const DEFAULT_OUT = join(REPO, 'broker-core/src/records/fixtures');
const PYTHON = '/usr/bin/python3';
const RECORD_PRODUCER = join(HERE, 'clients/record_producer.py');

/** A record as produced: text keys and values, null where the client sent null. */
export interface ProducedRecord {
  key: string | null;
  value: string | null;
  headers: Array<[string, string | null]>;
  /** The producer's timestamp; null when the client stamps it itself (kcat). */
  timestamp: number | null;
}

type ClientName = 'kcat' | 'confluent-kafka' | 'kafka-python' | 'kafkajs';

interface FixtureSpec {
  name: string;
  client: ClientName;
  codec: CompressionCodec;
  rounds: ProducedRecord[][];
  topicConfigs?: Record<string, string>;
  producerConfig?: Record<string, unknown>;
  idempotent?: boolean;
  notes: string;
}

const BASE_TIMESTAMP = 1_700_000_000_000;

function jsonValue(client: string, index: number): string {
  return JSON.stringify({ id: index, client, event: 'page_view', path: `/products/${1000 + (index % 13)}`, user: `user-${index % 7}`, note: 'the quick brown fox jumps over the lazy dog' });
}

/** Records with what each client can express: null keys and values, empty values, headers with null and empty values. */
function recordsFor(client: ClientName, round: number, count: number, first: number): ProducedRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const index = first + i;
    const record: ProducedRecord = { key: `key-${index % 5}`, value: jsonValue(client, index), headers: [], timestamp: client === 'kcat' ? null : BASE_TIMESTAMP + index * 1000 };
    if (index === 3) record.key = null;
    if (index === 5) record.value = null;
    if (index === 8 && client !== 'kcat') record.value = ''; // kcat -Z sends an empty line as null
    if (client === 'kcat') {
      // -H applies to every record of a run: headers in the first round, none in the second.
      if (round === 0) record.headers = [['trace-id', 'abc-123'], ['null-header', null], ['empty-header', '']];
    } else if (index % 3 === 0) {
      record.headers = [['trace-id', `trace-${index}`], ['ключ', 'значение ✓']];
    } else if (index % 3 === 1) {
      record.headers = [['retry', '1'], ['retry', '2']];
      // kafkajs and kafka-python cannot send a null header value.
      if (client !== 'kafkajs' && client !== 'kafka-python') record.headers.push(['null-header', null]);
    }
    return record;
  });
}

function rounds(client: ClientName): ProducedRecord[][] {
  return [recordsFor(client, 0, 25, 0), recordsFor(client, 1, 15, 25)];
}

const CODECS: CompressionCodec[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

const FIXTURES: FixtureSpec[] = [
  ...CODECS.map((codec) => ({ name: `kcat-${codec}`, client: 'kcat' as const, codec, rounds: rounds('kcat'), notes: `kcat -P -z ${codec} -K '\\t' -Z, headers with -H (first run only), timestamps set by librdkafka` })),
  ...CODECS.map((codec) => ({
    name: `confluent-kafka-${codec}`,
    client: 'confluent-kafka' as const,
    codec,
    rounds: rounds('confluent-kafka'),
    producerConfig: { 'enable.idempotence': true },
    idempotent: true,
    notes: `confluent-kafka-python, compression.type=${codec}, enable.idempotence=true, explicit timestamps`,
  })),
  ...(['none', 'lz4'] as const).map((codec) => ({
    name: `confluent-kafka-${codec}-logappendtime`,
    client: 'confluent-kafka' as const,
    codec,
    rounds: rounds('confluent-kafka'),
    topicConfigs: { 'message.timestamp.type': 'LogAppendTime' },
    notes: `confluent-kafka-python, compression.type=${codec}, to a topic with message.timestamp.type=LogAppendTime: the broker's append time replaces the producer's timestamps`,
  })),
  ...(['none', 'gzip'] as const).map((codec) => ({ name: `kafkajs-${codec}`, client: 'kafkajs' as const, codec, rounds: rounds('kafkajs'), notes: `kafkajs producer.send with compression ${codec}, explicit timestamps` })),
  ...(['none', 'gzip'] as const).map((codec) => ({ name: `kafka-python-${codec}`, client: 'kafka-python' as const, codec, rounds: rounds('kafka-python'), notes: `kafka-python KafkaProducer, compression_type=${codec === 'none' ? 'None' : codec}, explicit timestamps` })),
];

async function produceKcat(bootstrap: string, topic: string, spec: FixtureSpec): Promise<void> {
  for (const round of spec.rounds) {
    const headers = round[0].headers.flatMap(([name, value]) => ['-H', value === null ? name : `${name}=${value}`]);
    const input = round.map((record) => `${record.key ?? ''}\t${record.value ?? ''}\n`).join('');
    const run = await runProcess('kcat', ['-P', '-b', bootstrap, '-t', topic, '-p', '0', '-z', spec.codec, '-K', '\t', '-Z', ...headers, '-X', 'linger.ms=200'], { input, timeoutMs: 30_000 });
    if (run.code !== 0) throw new Error(`kcat failed for ${spec.name}: ${run.stderr}`);
  }
}

async function producePython(bootstrap: string, topic: string, spec: FixtureSpec): Promise<void> {
  const input = JSON.stringify({ rounds: spec.rounds, config: spec.producerConfig ?? {} });
  const run = await runProcess(PYTHON, [RECORD_PRODUCER, spec.client, spec.codec, bootstrap, topic], { input, timeoutMs: 60_000 });
  if (run.code !== 0) throw new Error(`${spec.client} failed for ${spec.name}: ${run.stdout}${run.stderr}`);
}

async function produceKafkajs(bootstrap: string, topic: string, spec: FixtureSpec): Promise<void> {
  const kafka = new Kafka({ clientId: 'record-fixtures', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();
  try {
    for (const round of spec.rounds) {
      await producer.send({
        topic,
        acks: -1,
        compression: spec.codec === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None,
        messages: round.map((record) => ({
          key: record.key,
          value: record.value,
          timestamp: String(record.timestamp),
          // kafkajs takes headers as an object: a repeated name is an array of values.
          headers: record.headers.reduce<Record<string, string[]>>((all, [name, value]) => ({ ...all, [name]: [...(all[name] ?? []), value ?? ''] }), {}),
        })),
      });
    }
  } finally {
    await producer.disconnect();
  }
}

/** Splits a read result into its batches (whole batches, as LogManager.read returns them). */
function splitBatches(bytes: Buffer): Buffer[] {
  const batches: Buffer[] = [];
  for (let position = 0; position < bytes.length; ) {
    const size = bytes.readInt32BE(position + 8) + 12;
    batches.push(bytes.subarray(position, position + size));
    position += size;
  }
  return batches;
}

function readPartition(broker: Broker, topic: string): Buffer[] {
  const batches: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const read = broker.logs.read(topic, 0, offset, 1024 * 1024);
    if (read.records.length === 0) return batches;
    batches.push(...splitBatches(read.records));
    offset = read.nextOffset;
  }
}

async function clientVersions(): Promise<Record<ClientName, string>> {
  const kcat = await runProcess('kcat', ['-V'], { timeoutMs: 10_000 });
  const kcatVersion = /Version (\S+) .*librdkafka (\S+)/.exec(kcat.stdout + kcat.stderr);
  const python = await runProcess(PYTHON, ['-c', 'import confluent_kafka, kafka; print(confluent_kafka.version()[0], confluent_kafka.libversion()[0], kafka.__version__)'], { timeoutMs: 20_000 });
  const [confluent, librdkafka, kafkaPython] = python.stdout.trim().split(' ');
  const kafkajs = (JSON.parse(readFileSync(join(REPO, 'node_modules/kafkajs/package.json'), 'utf8')) as { version: string }).version;
  return {
    kcat: kcatVersion ? `kcat ${kcatVersion[1]} (librdkafka ${kcatVersion[2]})` : 'kcat (version unknown)',
    'confluent-kafka': `confluent-kafka-python ${confluent} (librdkafka ${librdkafka})`,
    'kafka-python': `kafka-python ${kafkaPython}`,
    kafkajs: `kafkajs ${kafkajs}`,
  };
}

function codecOfBatch(batch: Buffer): CompressionCodec | 'unknown' {
  return CODECS[batch.readInt16BE(21) & 0x07] ?? 'unknown';
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const out = args[0] === '--out' && args[1] ? resolve(args[1]) : DEFAULT_OUT;
  const versions = await clientVersions();
  const dataDir = mkdtempSync(join(tmpdir(), 'eddy-record-fixtures-'));
  const broker = await startBroker({ port: 0, host: '127.0.0.1', dataDir });
  const bootstrap = `127.0.0.1:${broker.port}`;
  const written: Array<{ spec: FixtureSpec; batches: number; records: number; version: string }> = [];
  try {
    mkdirSync(out, { recursive: true });
    for (const spec of FIXTURES) {
      const topic = `records-${spec.name}`;
      broker.logs.createTopic(topic, { partitions: 1, configs: spec.topicConfigs ?? {} });
      const librdkafka = spec.client === 'kcat' || spec.client === 'confluent-kafka';
      const proxy = librdkafka ? new CaptureProxy({ upstreamHost: '127.0.0.1', upstreamPort: broker.port, floors: { [ApiKey.Produce]: 0 } }) : null;
      const target = proxy ? `127.0.0.1:${await proxy.start()}` : bootstrap;
      const producedFrom = Date.now();
      try {
        if (spec.client === 'kcat') await produceKcat(target, topic, spec);
        else if (spec.client === 'kafkajs') await produceKafkajs(target, topic, spec);
        else await producePython(target, topic, spec);
      } finally {
        await proxy?.stop();
      }
      const producedTo = Date.now();
      const batches = readPartition(broker, topic);
      const produced = spec.rounds.flat();
      const stored = batches.reduce((sum, batch) => sum + batch.readInt32BE(57), 0);
      if (stored !== produced.length) throw new Error(`${spec.name}: ${stored} records stored, ${produced.length} produced`);
      const codecs = [...new Set(batches.map(codecOfBatch))];
      if (codecs.length !== 1 || codecs[0] !== spec.codec) throw new Error(`${spec.name}: stored batches are ${codecs.join(', ')}, expected ${spec.codec}`);
      const logAppendTime = spec.topicConfigs?.['message.timestamp.type'] === 'LogAppendTime';
      const fixture = {
        name: spec.name,
        client: versions[spec.client],
        codec: spec.codec,
        notes: spec.notes,
        capturedWith: 'npm run capture-record-fixtures',
        topicConfigs: spec.topicConfigs ?? {},
        producerConfig: spec.producerConfig ?? {},
        expected: {
          timestampType: logAppendTime ? 'LogAppendTime' : 'CreateTime',
          /** When the client or the broker set the timestamps: the window they fall in. */
          timestampWindow: logAppendTime || produced.some((record) => record.timestamp === null) ? [producedFrom, producedTo] : null,
          idempotent: spec.idempotent ?? false,
          records: produced.map((record, offset) => ({ offset, ...record, timestamp: logAppendTime ? null : record.timestamp })),
        },
        batches: batches.map((batch) => batch.toString('base64')),
      };
      writeFileSync(join(out, `${spec.name}.json`), formatFixture(fixture));
      written.push({ spec, batches: batches.length, records: stored, version: versions[spec.client] });
      console.log(`${spec.name}: ${batches.length} batches, ${stored} records, ${batches.reduce((sum, batch) => sum + batch.length, 0)} bytes`);
    }
    writeFileSync(join(out, 'README.md'), readme(written));
    console.log(`\n${written.length} fixtures written to ${relative(REPO, out)}`);
  } finally {
    await broker.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Indented JSON with one line per expected record and per batch, so a diff shows which changed. */
function formatFixture(fixture: { expected: { records: object[] }; batches: string[] }): string {
  const lines = (items: unknown[], indent: string) => `[\n${items.map((item) => indent + JSON.stringify(item)).join(',\n')}\n${indent.slice(2)}]`;
  return (
    JSON.stringify({ ...fixture, expected: { ...fixture.expected, records: '@records' }, batches: '@batches' }, null, 2)
      .replace('"@records"', lines(fixture.expected.records, '      '))
      .replace('"@batches"', lines(fixture.batches, '    ')) + '\n'
  );
}

function readme(written: Array<{ spec: FixtureSpec; batches: number; records: number; version: string }>): string {
  return [
    '# Record fixtures: stored batches written by real clients',
    '',
    'Generated by `npm run capture-record-fixtures` (`tools/capture/capture-record-fixtures.ts`); do not edit',
    'by hand, re-run it. Read by `../stored-record-reader.test.ts`, which decodes every batch and checks every',
    'record against what was produced.',
    '',
    'How: the script starts Eddy in process, creates one single-partition topic per fixture, has the client',
    'produce the records in two rounds (each flushed, so each round is stored as its own batches), reads the',
    'partition back with `LogManager.read`, and checks that every record was stored and that every batch has',
    "the fixture's codec. The clients ran against our broker; the batches are exactly what they sent, with",
    'only the base offset and partition leader epoch set by the log (and, on the LogAppendTime topics, the',
    'timestamp type, max timestamp and CRC, as Kafka sets them).',
    '',
    'Each file: `batches` (base64, one per stored batch) and `expected`: the records produced, in offset order',
    '(key, value and header values as UTF-8 text, `null` where the client sent null), their timestamps (null',
    'where the client or the broker set them: `timestampWindow` then says between which wall-clock times),',
    'the timestamp type, and whether the producer was idempotent (producer id, epoch and sequences set).',
    '',
    'librdkafka 2.0.2 (kcat, confluent-kafka-python) compresses with gzip, snappy or lz4 only where the',
    'broker advertises Produce v0, which Kafka 4 and Eddy no longer do (it then sends those batches',
    'uncompressed; zstd is unaffected). Its clients therefore produced through `../../../../tools/capture/capture-proxy.ts`',
    'advertising Produce from v0; they still sent Produce v7, and the batches are their own bytes.',
    '',
    'What each client can express, and so what its fixtures hold: kcat sends one set of headers for every',
    'record of a run (`-H`; `-H name` is a null value) and, with `-Z`, an empty key or value as null, so its',
    'records have no empty values; kafkajs and kafka-python cannot send a null header value; kafka-python has only gzip here',
    '(no python-snappy, lz4 or zstandard); kafkajs has only gzip built in.',
    '',
    '| fixture | client | codec | batches | records | how |',
    '|---|---|---|---|---|---|',
    ...written.map(({ spec, batches, records, version }) => `| ${spec.name}.json | ${version} | ${spec.codec} | ${batches} | ${records} | ${spec.notes} |`),
    '',
  ].join('\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
