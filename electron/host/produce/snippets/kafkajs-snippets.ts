/**
 * Copy-as-code for kafkajs (CommonJS, runnable with `node snippet.js` where kafkajs is installed).
 *
 * Produce: keys and values as strings (sent as UTF-8) or `Buffer.from("…", "base64")`, null as
 * null; headers as kafkajs's object (a repeated name as a list of its values, in order; a null
 * value as an empty one, which the snippet says: kafkajs cannot send null); Kafka's
 * murmur2 is kafkajs's DefaultPartitioner, round-robin and random are partitioner functions;
 * gzip is built in, snappy, lz4 and zstd need a codec package registered (named in the snippet).
 * Consume: kafkajs cannot read without a consumer group, so the snippet joins a throwaway group
 * (a new name each run, nothing committed) and seeks every partition to the start position once
 * the group is running; records of partitions not chosen are skipped. Each record printed as
 * `partition P offset O key K value V`.
 */
import type { ConsumeSnippetInput, ProduceSnippetInput, SnippetBytes } from './snippet-input';
import { quoted } from './snippet-input';

function jsBytes(value: SnippetBytes): string {
  if (value.kind === 'null') return 'null';
  if (value.kind === 'text') return quoted(value.text);
  return `Buffer.from(${quoted(value.base64)}, 'base64')`;
}

const CODECS: Record<string, { type: string; setup: string[] }> = {
  gzip: { type: 'GZIP', setup: [] },
  snappy: { type: 'Snappy', setup: ["// snappy needs a codec: npm install kafkajs-snappy", "CompressionCodecs[CompressionTypes.Snappy] = require('kafkajs-snappy');"] },
  lz4: { type: 'LZ4', setup: ["// lz4 needs a codec: npm install kafkajs-lz4", "CompressionCodecs[CompressionTypes.LZ4] = new (require('kafkajs-lz4'))().codec;"] },
  zstd: { type: 'ZSTD', setup: ["// zstd needs a codec: npm install @kafkajs/zstd", "CompressionCodecs[CompressionTypes.ZSTD] = require('@kafkajs/zstd')();"] },
};

function headersObject(input: ProduceSnippetInput): { code: string; reordered: boolean } {
  const names: string[] = [];
  const values = new Map<string, string[]>();
  for (const header of input.headers) {
    if (!values.has(header.key)) {
      names.push(header.key);
      values.set(header.key, []);
    }
    // kafkajs cannot encode a null header value (it takes its bytes): an empty one instead.
    values.get(header.key)!.push(header.value.kind === 'null' ? "''" : jsBytes(header.value));
  }
  const reordered = input.headers.map((header) => header.key).join('\u0000') !== names.flatMap((name) => values.get(name)!.map(() => name)).join('\u0000');
  const entries = names.map((name) => {
    const list = values.get(name)!;
    return `${quoted(name)}: ${list.length === 1 ? list[0] : `[${list.join(', ')}]`}`;
  });
  return { code: entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`, reordered };
}

export function kafkajsProduce(input: ProduceSnippetInput): string {
  const { settings } = input;
  const codec = settings.compression === 'none' ? null : CODECS[settings.compression];
  const names = ['Kafka', 'logLevel', ...(codec ? ['CompressionTypes'] : []), ...(codec && codec.setup.length > 0 ? ['CompressionCodecs'] : []), ...(settings.partitioner === 'murmur2' || settings.partitioner === 'explicit' ? ['Partitioners'] : [])];
  const lines = [`// kafkajs: sends one record to ${quoted(input.topic)}, as Eddy's produce form would.`, `const { ${names.join(', ')} } = require('kafkajs');`];
  if (codec) lines.push(...codec.setup);
  lines.push('', `const kafka = new Kafka({ clientId: 'eddy-snippet', brokers: [${quoted(input.bootstrap)}], logLevel: logLevel.ERROR });`);
  let partitioner: string;
  if (settings.partitioner === 'round-robin') partitioner = '() => {\n    let next = 0;\n    return ({ partitionMetadata }) => next++ % partitionMetadata.length;\n  }';
  else if (settings.partitioner === 'random') partitioner = '() => ({ partitionMetadata }) => Math.floor(Math.random() * partitionMetadata.length)';
  else partitioner = "Partitioners.DefaultPartitioner, // Kafka's murmur2 of the key (a null key: round-robin)";
  lines.push(`const producer = kafka.producer({\n  createPartitioner: ${partitioner}${partitioner.endsWith(')') || partitioner.endsWith('}') ? ',' : ''}\n});`);
  const headers = headersObject(input);
  const message = [`key: ${jsBytes(input.key)}`, `value: ${jsBytes(input.value)}`, `headers: ${headers.code}`];
  if (input.partition !== null) message.push(`partition: ${input.partition}`);
  if (input.timestamp !== null) message.push(`timestamp: ${quoted(String(input.timestamp))}`);
  lines.push('', 'async function main() {', '  await producer.connect();');
  if (headers.reordered) lines.push('  // kafkajs groups headers by name: a repeated name is sent with its values together.');
  if (input.headers.some((header) => header.value.kind === 'null')) lines.push('  // kafkajs cannot send a null header value: those headers are sent empty.');
  lines.push('  const results = await producer.send({', `    topic: ${quoted(input.topic)},`, `    acks: ${settings.acks},`);
  if (codec) lines.push(`    compression: CompressionTypes.${codec.type},`);
  lines.push('    messages: [', '      {', ...message.map((field) => `        ${field},`), '      },', '    ],', '  });');
  lines.push('  for (const result of results) console.log(`partition ${result.partition} offset ${result.baseOffset}`);', '  await producer.disconnect();', '}', '');
  lines.push('main().catch((error) => {', '  console.error(error);', '  process.exit(1);', '});', '');
  return lines.join('\n');
}

export function kafkajsConsume(input: ConsumeSnippetInput): string {
  const { start } = input;
  const lines = [`// kafkajs: reads ${quoted(input.topic)} from Eddy's position. kafkajs always reads in a consumer group: this one`, '// is new each run and commits nothing, and every partition is sought to the position.'];
  lines.push("const { Kafka, logLevel } = require('kafkajs');", '');
  lines.push(`const kafka = new Kafka({ clientId: 'eddy-snippet', brokers: [${quoted(input.bootstrap)}], logLevel: logLevel.ERROR });`);
  lines.push(`const topic = ${quoted(input.topic)};`);
  lines.push(`const chosen = ${input.partitions === null ? 'null; // every partition' : `[${input.partitions.join(', ')}];`}`);
  lines.push("const consumer = kafka.consumer({ groupId: `eddy-snippet-${Date.now()}-${process.pid}` });", '');
  lines.push('async function startOffsets() {', '  const admin = kafka.admin();', '  await admin.connect();');
  switch (start.from) {
    case 'oldest':
      lines.push('  const offsets = (await admin.fetchTopicOffsets(topic)).map(({ partition, low }) => ({ partition, offset: low }));');
      break;
    case 'newest':
      lines.push('  const offsets = (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => ({ partition, offset: high }));');
      break;
    case 'offset':
      lines.push(`  const offsets = (await admin.fetchTopicOffsets(topic)).map(({ partition }) => ({ partition, offset: '${start.offset}' }));`);
      break;
    case 'time':
      lines.push('  const ends = await admin.fetchTopicOffsets(topic);', `  const found = await admin.fetchTopicOffsetsByTimestamp(topic, ${start.timestamp});`);
      lines.push("  // No record at or after the time: from the end.", "  const offsets = found.map(({ partition, offset }) => ({ partition, offset: offset === '-1' ? ends.find((end) => end.partition === partition).high : offset }));");
      break;
  }
  lines.push('  await admin.disconnect();', '  return offsets.filter(({ partition }) => chosen === null || chosen.includes(partition));', '}', '');
  lines.push('async function main() {', '  const offsets = await startOffsets();', '  await consumer.connect();', '  await consumer.subscribe({ topics: [topic] });', '  await consumer.run({', '    autoCommit: false,');
  lines.push('    eachMessage: async ({ partition, message }) => {', '      if (chosen !== null && !chosen.includes(partition)) return;', '      console.log(`partition ${partition} offset ${message.offset} key ${message.key} value ${message.value}`);', '    },', '  });');
  lines.push('  for (const { partition, offset } of offsets) consumer.seek({ topic, partition, offset });', '}', '');
  lines.push('main().catch((error) => {', '  console.error(error);', '  process.exit(1);', '});', '');
  return lines.join('\n');
}
