/**
 * Every request gets its answer (issue 15), held under load: several real clients at once, each
 * to its own topic, record sizes from 10 B to just under `message.max.bytes`, all five codecs,
 * acks 0, 1 and -1:
 * - librdkafka (confluent-kafka-python) with its default window of 1,000,000 requests in flight:
 *   zstd acks=all, lz4 acks=1, snappy acks=0, 100,000 small records (~90 B) to 4 partitions, and a
 *   burst of 1,000 records of 10 KB then 800 of 500 KB to one partition, one per request, so more
 *   requests are in flight on one connection than the broker holds (the stall of issue 15);
 * - kafkajs: gzip, acks=all and acks=1 alternating, many sends in flight;
 * - kafka-python: uncompressed, acks=1.
 * librdkafka 2.0.2 compresses with gzip, snappy or lz4 only where the broker advertises Produce v0
 * (Eddy, like Kafka 4, starts at v3; it then sends those uncompressed), so the snappy and lz4
 * producers go through a proxy that advertises v0 (produce-v0-proxy.ts): their batches really are
 * compressed, and the test checks the stored codecs.
 * Log writes are paced with low thresholds (BrokerOptions.writePacing) so that they move to the
 * thread pool and back many times during the run, as they do on a busy disk.
 * Then: every acknowledged record is stored exactly once (per topic, records in the log = records
 * sent; kcat reads them all back with the same total of value bytes), no delivery failed, nothing
 * was left unanswered (no producer's flush timed out), and the broker logged no stalled request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompressionTypes, Kafka, logLevel } from 'kafkajs';
import { readStoredRecords } from '../../src/index';
import { ProduceV0Proxy } from '../support/produce-v0-proxy';
import { runProcess, systemPython, type ProcessResult } from '../support/run-process';
import { startTempBroker, type TempBroker } from '../support/temp-broker';

/** Just under the broker's message.max.bytes (1,048,588) and librdkafka's own limit (1,000,000), with room for the record's framing. */
const LARGEST_VALUE = 999_000;

/** The value size of record `i`: mostly small, every 5th 10 KB, every 23rd 100 KB, every 97th just under the limit. */
const sizeOfRecord = (i: number): number => {
  if (i % 97 === 0) return LARGEST_VALUE;
  if (i % 23 === 0) return 100_000 + (i % 1000);
  if (i % 5 === 0) return 10_000 + (i % 100);
  return 10 + ((i * 37) % 2000);
};

const pythonSizeOfRecord = `
def compressible(i, size):
    # Different for every record, and compressible (random bytes would be sent uncompressed)
    return ((b'%08d|' % i) * (size // 9 + 1))[:size]
def size_of_record(i):
    if i % 97 == 0: return ${LARGEST_VALUE}
    if i % 23 == 0: return 100000 + i % 1000
    if i % 5 == 0: return 10000 + i % 100
    return 10 + (i * 37) % 2000
`;

/** A librdkafka producer with its defaults (1,000,000 requests in flight); prints {sent, ok, errors, bytes, remaining}. */
const librdkafkaProducer = `
import json, random, sys
from confluent_kafka import Producer
${pythonSizeOfRecord}
bootstrap, topic, count, compression, acks, shape = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
producer = Producer({'bootstrap.servers': bootstrap, 'compression.type': compression, 'acks': acks, 'log_level': 3})
outcome = {'sent': 0, 'ok': 0, 'errors': [], 'bytes': 0}
def report(err, msg):
    if err is None:
        outcome['ok'] += 1
    elif len(outcome['errors']) < 10:
        outcome['errors'].append(str(err))
# sized: size_of_record(i), any partition; small: ~90 B, any partition;
# burst: the first 1,000 of 10 KB, then 500 KB each (one record per request), all to partition 0
for i in range(count):
    if shape == 'small':
        value = b'%08d' % i + b'.' * 80
    elif shape == 'burst':
        value = (b'%08d' % i) * (1250 if i < 1000 else 62500)
    else:
        value = compressible(i, size_of_record(i))
    while True:
        try:
            producer.produce(topic, value=value, key=str(i).encode(), on_delivery=report, **({'partition': 0} if shape == 'burst' else {}))
            break
        except BufferError:
            producer.poll(0.05)
    outcome['sent'] += 1
    outcome['bytes'] += len(value)
    producer.poll(0)
outcome['remaining'] = producer.flush(60)
print(json.dumps(outcome))
`;

/** kafka-python, uncompressed, acks=1; prints {sent, ok, errors, bytes, remaining}. */
const kafkaPythonProducer = `
import json, random, sys
from kafka import KafkaProducer
${pythonSizeOfRecord}
bootstrap, topic, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
producer = KafkaProducer(bootstrap_servers=bootstrap, acks=1, max_request_size=1048576, linger_ms=5)
outcome = {'sent': 0, 'ok': 0, 'errors': [], 'bytes': 0}
def failed(error):
    if len(outcome['errors']) < 10:
        outcome['errors'].append(repr(error))
def delivered(metadata):
    outcome['ok'] += 1
for i in range(count):
    value = compressible(i, size_of_record(i))
    producer.send(topic, value=value, key=str(i).encode()).add_callback(delivered).add_errback(failed)
    outcome['sent'] += 1
    outcome['bytes'] += len(value)
producer.flush(timeout=60)
outcome['remaining'] = outcome['sent'] - outcome['ok'] - len(outcome['errors'])
producer.close()
print(json.dumps(outcome))
`;

interface ProducerOutcome {
  sent: number;
  ok: number;
  errors: string[];
  bytes: number;
  remaining: number;
}

function outcomeOf(run: ProcessResult): ProducerOutcome {
  expect(run.timedOut, `timed out: ${run.stderr.slice(-2000)}`).toBe(false);
  expect(run.code, run.stderr.slice(-2000)).toBe(0);
  return JSON.parse(run.stdout.trim().split('\n').pop()!);
}

/**
 * kafkajs: gzip, acks=all and acks=1 alternating, up to 8 sends in flight, each of up to 20
 * records and at most ~1 MB (kafkajs puts a send's records in one batch, which the broker would
 * refuse as larger than message.max.bytes).
 */
async function kafkajsProducer(bootstrap: string, topic: string, count: number): Promise<ProducerOutcome> {
  const kafka = new Kafka({ clientId: 'stress-kafkajs', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const outcome: ProducerOutcome = { sent: 0, ok: 0, errors: [], bytes: 0, remaining: 0 };
  try {
    const sends: Array<Promise<void>> = [];
    for (let next = 0, sendIndex = 0; next < count; sendIndex++) {
      const messages: Array<{ key: string; value: Buffer }> = [];
      let batchBytes = 0;
      while (next < count && messages.length < 20 && (messages.length === 0 || batchBytes + sizeOfRecord(next) <= LARGEST_VALUE)) {
        const value = Buffer.alloc(sizeOfRecord(next), `${String(next).padStart(8, '0')}|`);
        messages.push({ key: String(next), value });
        batchBytes += value.length;
        next++;
      }
      outcome.bytes += batchBytes;
      outcome.sent += messages.length;
      const acks = sendIndex % 2 === 0 ? -1 : 1;
      sends.push(
        producer.send({ topic, messages, acks, compression: CompressionTypes.GZIP, timeout: 60_000 }).then(
          () => void (outcome.ok += messages.length),
          (error: Error) => void (outcome.errors.length < 10 && outcome.errors.push(error.message)),
        ),
      );
      if (sends.length >= 8) await sends.shift();
    }
    await Promise.all(sends);
  } finally {
    await producer.disconnect();
  }
  return outcome;
}

/** Reads a topic back to its end with kcat: how many records, and their value bytes. */
async function readBack(bootstrap: string, topic: string): Promise<{ records: number; bytes: number }> {
  const run = await runProcess('kcat', ['-C', '-b', bootstrap, '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%S\\n'], { timeoutMs: 120_000 });
  expect(run.code, run.stderr).toBe(0);
  const sizes = run.stdout.split('\n').filter((line) => line !== '');
  return { records: sizes.length, bytes: sizes.reduce((sum, size) => sum + Number(size), 0) };
}

describe('every request answered, under several real clients at once', () => {
  let temp: TempBroker;
  const warnings: string[] = [];
  beforeAll(async () => {
    const logger = { info() {}, warn: (message: string) => warnings.push(message), error: (message: string) => warnings.push(message) };
    temp = await startTempBroker({
      logger,
      config: { 'request.stall.log.ms': '10000' },
      // A write of more than ~0.3 ms below 4 GB/s (any large one, here) sends writes to the thread pool for 20 ms.
      writePacing: { slowBytesPerMs: 4_000_000, slowMinMs: 0.3, holdMs: 20 },
      // A read-ahead the burst surely crosses on a busy machine too (the default, 256, needs ~128 MB in flight).
      maxInFlightPerConnection: 32,
    });
    const topics: Array<[string, number]> = [['zstd-all', 2], ['lz4-one', 2], ['snappy-zero', 2], ['small-all', 4], ['large-burst', 1], ['gzip-kafkajs', 2], ['none-kafka-python', 2]];
    for (const [name, partitions] of topics) temp.broker.logs.createTopic(name, { partitions });
  });
  afterAll(() => temp.stop());

  it('acknowledges every record once, stores each once, and never stalls', async () => {
    const proxy = new ProduceV0Proxy(temp.broker.port);
    const compressing = await proxy.start();
    const python = (script: string, args: string[], bootstrap = temp.bootstrap) => runProcess(systemPython, ['-c', script, bootstrap, ...args], { timeoutMs: 150_000 }).then(outcomeOf);
    const [zstd, lz4, snappy, small, burst, gzip, none] = await Promise.all([
      python(librdkafkaProducer, ['zstd-all', '1500', 'zstd', 'all', 'sized']),
      python(librdkafkaProducer, ['lz4-one', '1500', 'lz4', '1', 'sized'], compressing),
      python(librdkafkaProducer, ['snappy-zero', '1500', 'snappy', '0', 'sized'], compressing),
      python(librdkafkaProducer, ['small-all', '100000', 'none', 'all', 'small']),
      python(librdkafkaProducer, ['large-burst', '1800', 'none', 'all', 'burst']),
      kafkajsProducer(temp.bootstrap, 'gzip-kafkajs', 1000),
      python(kafkaPythonProducer, ['none-kafka-python', '1000']),
    ]);
    const outcomes = { 'zstd-all': zstd, 'lz4-one': lz4, 'snappy-zero': snappy, 'small-all': small, 'large-burst': burst, 'gzip-kafkajs': gzip, 'none-kafka-python': none };

    for (const [topic, outcome] of Object.entries(outcomes)) {
      expect({ topic, errors: outcome.errors, remaining: outcome.remaining, ok: outcome.ok }).toEqual({ topic, errors: [], remaining: 0, ok: outcome.sent });
      // Records in the log: offsets are dense, so the high watermarks add up to the records stored.
      const stored = () => {
        const { partitions } = temp.broker.logs.describeTopic(topic);
        let records = 0;
        for (let partition = 0; partition < partitions; partition++) {
          const stats = temp.broker.logs.partitionStats(topic, partition);
          records += stats.highWatermark - stats.logStartOffset;
        }
        return records;
      };
      // acks=0 gets no answer: its last requests may still be on their way into the log.
      await expect.poll(stored, { timeout: 20_000 }).toBe(outcome.sent);
      expect(await readBack(temp.bootstrap, topic), topic).toEqual({ records: outcome.sent, bytes: outcome.bytes });
    }
    await proxy.stop();
    // The codecs really were used: each topic holds batches compressed as its producer said (a
    // client sends a batch uncompressed where compressing would not make it smaller: random values).
    const expectedCodecs: Record<string, string> = { 'zstd-all': 'zstd', 'lz4-one': 'lz4', 'snappy-zero': 'snappy', 'gzip-kafkajs': 'gzip', 'none-kafka-python': 'none' };
    for (const [topic, codec] of Object.entries(expectedCodecs)) {
      const codecs = new Set<string>();
      for (let partition = 0; partition < temp.broker.logs.describeTopic(topic).partitions; partition++) {
        for (let offset = 0; offset < temp.broker.logs.partitionStats(topic, partition).highWatermark; ) {
          const read = readStoredRecords(temp.broker.logs.read(topic, partition, offset, 4 << 20).records);
          expect(read.batchErrors, topic).toEqual([]);
          for (const record of read.records) codecs.add(record.compression);
          offset = read.nextOffset;
        }
      }
      expect([...codecs], topic).toContain(codec);
    }
    expect(temp.broker.logs.writePacer.switches, 'writes moved to the thread pool (and back) during the run').toBeGreaterThanOrEqual(2);
    expect(warnings.filter((warning) => /unanswered|closing connection/.test(warning))).toEqual([]);
  }, 300_000);

  it('answers a burst of large records to one partition, more requests in flight on one connection than the broker reads ahead (issue 15, item 1)', async () => {
    temp.broker.logs.createTopic('burst-alone', { partitions: 1 });
    // Seen while it runs: the broker stops reading the connection (too many in flight) and reads it again.
    let pausedForBacklog = false;
    const watch = setInterval(() => {
      if (temp.broker.connections().some((connection) => connection.readPaused === 'too-many-in-flight')) pausedForBacklog = true;
    }, 5);
    try {
      const outcome = await runProcess(systemPython, ['-c', librdkafkaProducer, temp.bootstrap, 'burst-alone', '2000', 'none', 'all', 'burst'], { timeoutMs: 150_000 }).then(outcomeOf);
      expect({ errors: outcome.errors, remaining: outcome.remaining, ok: outcome.ok }).toEqual({ errors: [], remaining: 0, ok: 2000 });
    } finally {
      clearInterval(watch);
    }
    expect(pausedForBacklog, 'the run crossed the read-ahead limit of one connection').toBe(true);
    expect(temp.broker.logs.partitionStats('burst-alone', 0).highWatermark).toBe(2000);
  }, 200_000);
});
