/**
 * Copy-as-code for Python: kafka-python (`KafkaProducer`, `KafkaConsumer`) and
 * confluent-kafka-python (`Producer`, `Consumer`, librdkafka), runnable as written with the
 * connection's bootstrap address.
 *
 * Produce: key, value and header values as `"text".encode()` or `base64.b64decode("…")`, null as
 * None; the partitioner as each client says it (kafka-python's default is Kafka's murmur2;
 * confluent-kafka needs `partitioner: murmur2_random`; kafka-python sends a null header value as
 * an empty one, saying so, as it cannot send null; round-robin and random as kafka-python
 * partitioner functions, librdkafka's `random`); acks, compression, timestamp; the snippet prints
 * where the record went. Consume: the partitions assigned (no consumer group joined) and the start
 * position sought (beginning, end, an offset, or offsets for a time); each record printed as
 * `partition P offset O key K value V`.
 */
import type { ConsumeSnippetInput, ProduceSnippetInput, SnippetBytes } from './snippet-input';
import { quoted } from './snippet-input';

function pyBytes(value: SnippetBytes): string {
  if (value.kind === 'null') return 'None';
  if (value.kind === 'text') return `${quoted(value.text)}.encode()`;
  return `base64.b64decode(${quoted(value.base64)})`;
}

function usesBase64(input: ProduceSnippetInput): boolean {
  return [input.key, input.value, ...input.headers.map((header) => header.value)].some((field) => field.kind === 'binary');
}

/** kafka-python 2.0 cannot send a null header value (it takes its length): an empty one instead. */
function headerList(input: ProduceSnippetInput, nullable: boolean): string {
  const value = (field: SnippetBytes) => (field.kind === 'null' && !nullable ? 'b""' : pyBytes(field));
  return `[${input.headers.map((header) => `(${quoted(header.key)}, ${value(header.value)})`).join(', ')}]`;
}

const hasNullHeader = (input: ProduceSnippetInput) => input.headers.some((header) => header.value.kind === 'null');

const PY_ACKS = { '-1': "'all'", '1': '1', '0': '0' } as const;

const KAFKA_PYTHON_CODEC_NEEDS: Record<string, string> = { snappy: 'python-snappy', lz4: 'lz4', zstd: 'zstandard' };

export function kafkaPythonProduce(input: ProduceSnippetInput): string {
  const { settings } = input;
  const imports = [...(usesBase64(input) ? ['import base64'] : []), ...(settings.partitioner === 'round-robin' ? ['import itertools'] : []), ...(settings.partitioner === 'random' ? ['import random'] : []), 'from kafka import KafkaProducer'];
  const lines = [`# kafka-python: sends one record to ${quoted(input.topic)}, as Eddy's produce form would.`, ...imports, ''];
  const options = [`bootstrap_servers=${quoted(input.bootstrap)}`, `acks=${PY_ACKS[String(settings.acks) as '-1' | '1' | '0']}`];
  if (settings.compression !== 'none') {
    const needs = KAFKA_PYTHON_CODEC_NEEDS[settings.compression];
    options.push(`compression_type=${quoted(settings.compression)},${needs ? `  # needs the ${needs} package (pip install ${needs})` : ''}`);
  }
  if (settings.partitioner === 'round-robin') {
    lines.push('_next_partition = itertools.count()', '', 'def round_robin(key, all_partitions, available):', '    return all_partitions[next(_next_partition) % len(all_partitions)]', '');
    options.push('partitioner=round_robin');
  } else if (settings.partitioner === 'random') {
    lines.push('def random_partition(key, all_partitions, available):', '    return random.choice(all_partitions)', '');
    options.push('partitioner=random_partition');
  } else if (settings.partitioner === 'murmur2') {
    lines.push("# kafka-python's default partitioner is Kafka's murmur2 (a null key: a random partition).");
  }
  lines.push('producer = KafkaProducer(', ...options.map((option) => `    ${option.endsWith(',') || option.includes(',  #') ? option : `${option},`}`), ')');
  if (hasNullHeader(input)) lines.push('# kafka-python cannot send a null header value: those headers are sent empty.');
  const send = [quoted(input.topic), `key=${pyBytes(input.key)}`, `value=${pyBytes(input.value)}`, `headers=${headerList(input, false)}`];
  if (input.partition !== null) send.push(`partition=${input.partition}`);
  if (input.timestamp !== null) send.push(`timestamp_ms=${input.timestamp}`);
  lines.push('future = producer.send(', ...send.map((argument) => `    ${argument},`), ')');
  lines.push('metadata = future.get(timeout=30)', 'print(f"partition {metadata.partition} offset {metadata.offset}")', 'producer.close()', '');
  return lines.join('\n');
}

export function confluentProduce(input: ProduceSnippetInput): string {
  const { settings } = input;
  const lines = [`# confluent-kafka-python (librdkafka): sends one record to ${quoted(input.topic)}, as Eddy's produce form would.`];
  if (usesBase64(input)) lines.push('import base64');
  lines.push('from confluent_kafka import Producer', '');
  const config = [`'bootstrap.servers': ${quoted(input.bootstrap)}`, `'acks': ${PY_ACKS[String(settings.acks) as '-1' | '1' | '0']}`];
  if (settings.compression !== 'none') config.push(`'compression.type': ${quoted(settings.compression)}`);
  if (settings.partitioner === 'murmur2') config.push("'partitioner': 'murmur2_random',  # Kafka's murmur2, as the Java client (librdkafka's default differs)");
  if (settings.partitioner === 'random') config.push("'partitioner': 'random',");
  if (settings.partitioner === 'round-robin') config.push("'partitioner': 'random',  # librdkafka has no round-robin partitioner");
  lines.push('producer = Producer({', ...config.map((entry) => `    ${entry.includes(',  #') || entry.endsWith(',') ? entry : `${entry},`}`), '})', '');
  lines.push('def report(error, message):', '    if error is not None:', '        raise SystemExit(f"not delivered: {error}")', '    print(f"partition {message.partition()} offset {message.offset()}")', '');
  const produce = [quoted(input.topic), `key=${pyBytes(input.key)}`, `value=${pyBytes(input.value)}`, `headers=${headerList(input, true)}`];
  if (input.partition !== null) produce.push(`partition=${input.partition}`);
  if (input.timestamp !== null) produce.push(`timestamp=${input.timestamp}`);
  produce.push('on_delivery=report');
  lines.push('producer.produce(', ...produce.map((argument) => `    ${argument},`), ')');
  lines.push('if producer.flush(30) > 0:', '    raise SystemExit("not delivered within 30 s")', '');
  return lines.join('\n');
}

const PRINT_RECORD = 'print(f"partition {record.partition} offset {record.offset} key {record.key!r} value {record.value!r}", flush=True)';

export function kafkaPythonConsume(input: ConsumeSnippetInput): string {
  const lines = [`# kafka-python: reads ${quoted(input.topic)} from Eddy's position, without a consumer group.`, 'from kafka import KafkaConsumer, TopicPartition', ''];
  lines.push(`consumer = KafkaConsumer(bootstrap_servers=${quoted(input.bootstrap)}, group_id=None, enable_auto_commit=False)`);
  lines.push(`topic = ${quoted(input.topic)}`);
  lines.push(input.partitions === null ? 'partitions = sorted(consumer.partitions_for_topic(topic))' : `partitions = [${input.partitions.join(', ')}]`);
  lines.push('assigned = [TopicPartition(topic, partition) for partition in partitions]', 'consumer.assign(assigned)');
  switch (input.start.from) {
    case 'oldest':
      lines.push('consumer.seek_to_beginning(*assigned)');
      break;
    case 'newest':
      lines.push('consumer.seek_to_end(*assigned)');
      break;
    case 'offset':
      lines.push('for tp in assigned:', `    consumer.seek(tp, ${input.start.offset})`);
      break;
    case 'time':
      lines.push(`found = consumer.offsets_for_times({tp: ${input.start.timestamp} for tp in assigned})`);
      lines.push('for tp in assigned:', '    if found[tp] is None:', '        consumer.seek_to_end(tp)', '    else:', '        consumer.seek(tp, found[tp].offset)');
      break;
  }
  lines.push('for record in consumer:', `    ${PRINT_RECORD}`, '');
  return lines.join('\n');
}

export function confluentConsume(input: ConsumeSnippetInput): string {
  const lines = [`# confluent-kafka-python (librdkafka): reads ${quoted(input.topic)} from Eddy's position; partitions are assigned, no group is joined.`];
  lines.push('from confluent_kafka import OFFSET_BEGINNING, OFFSET_END, Consumer, TopicPartition', '');
  lines.push(`consumer = Consumer({'bootstrap.servers': ${quoted(input.bootstrap)}, 'group.id': 'unused-by-assign', 'enable.auto.commit': False})`);
  lines.push(`topic = ${quoted(input.topic)}`);
  lines.push(input.partitions === null ? 'partitions = sorted(consumer.list_topics(topic, timeout=10).topics[topic].partitions)' : `partitions = [${input.partitions.join(', ')}]`);
  switch (input.start.from) {
    case 'oldest':
      lines.push('start = [TopicPartition(topic, partition, OFFSET_BEGINNING) for partition in partitions]');
      break;
    case 'newest':
      lines.push('start = [TopicPartition(topic, partition, OFFSET_END) for partition in partitions]');
      break;
    case 'offset':
      lines.push(`start = [TopicPartition(topic, partition, ${input.start.offset}) for partition in partitions]`);
      break;
    case 'time':
      lines.push(`found = consumer.offsets_for_times([TopicPartition(topic, partition, ${input.start.timestamp}) for partition in partitions], timeout=10)`);
      lines.push('start = [TopicPartition(topic, tp.partition, tp.offset if tp.offset >= 0 else OFFSET_END) for tp in found]');
      break;
  }
  lines.push('consumer.assign(start)', 'while True:', '    record = consumer.poll(1.0)', '    if record is None:', '        continue', '    if record.error():', '        print(record.error(), flush=True)', '        continue');
  lines.push('    print(f"partition {record.partition()} offset {record.offset()} key {record.key()!r} value {record.value()!r}", flush=True)', '');
  return lines.join('\n');
}
