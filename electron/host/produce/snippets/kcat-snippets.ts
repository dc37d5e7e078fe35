/**
 * Copy-as-code for kcat (librdkafka), as a POSIX shell command.
 *
 * Produce: the record goes in on standard input as `key K value`, with `-K` and `-D` set to
 * control bytes the key and value do not contain (so any bytes pass, newlines included); text is
 * written with printf (octal escapes only: POSIX sh's printf has no \x), other bytes decoded from
 * base64. A null value is `-Z` (an empty value read
 * as null); a null key leaves `-K` out. Headers are `-H name=value` (a name without `=value` is a
 * null value; bytes that are not text come from printf escapes). The partitioner: `-p N`, or
 * librdkafka's `murmur2_random` / `random`. What kcat cannot do is said in a comment in the
 * snippet: set a record's timestamp; send a record with no key and an empty or null value; a
 * header name containing `=` or a header value containing a NUL byte; round-robin.
 *
 * Consume: `-o beginning | end | <offset> | s@<ms>` with `-p` per chosen partition (one kcat per
 * partition, run together, where several are chosen); each record printed as
 * `partition P offset O key K value V`.
 */
import type { ConsumeSnippetInput, ProduceSnippetInput, SnippetBytes } from './snippet-input';
import { shellQuoted } from './snippet-input';

const DELIMITERS = [0x1e, 0x1f, 0x1d, 0x1c, 0x1b, 0x1a, 0x19, 0x18, 0x17, 0x16, 0x15, 0x14, 0x13, 0x12, 0x11, 0x10, 0x0f, 0x0e, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01];
const KCAT_ACKS = { '-1': 'all', '1': '1', '0': '0' } as const;

function bytesOf(value: SnippetBytes): Buffer {
  return value.kind === 'null' ? Buffer.alloc(0) : value.bytes;
}

/** A command that writes the bytes to standard output. */
function writeCommand(value: SnippetBytes): string | null {
  if (value.kind === 'null' || value.bytes.length === 0) return null;
  if (value.kind === 'text' && !value.text.includes('\u0000')) return `printf '%s' ${shellQuoted(value.text)}`;
  return `printf '%s' ${shellQuoted(value.bytes.toString('base64'))} | base64 -d`;
}

/** printf escapes for bytes (octal, as POSIX printf reads them). */
function printfEscaped(bytes: Buffer): string {
  let out = '';
  for (const byte of bytes) out += byte >= 0x20 && byte < 0x7f && byte !== 0x27 && byte !== 0x5c && byte !== 0x25 ? String.fromCharCode(byte) : `\\${byte.toString(8).padStart(3, '0')}`;
  return out;
}

const hexEscape = (byte: number) => `'\\x${byte.toString(16).padStart(2, '0')}'`;

export function kcatProduce(input: ProduceSnippetInput): string {
  const { settings } = input;
  const comments = [`# kcat: sends one record to ${shellQuoted(input.topic)}, as Eddy's produce form would.`];
  const setup: string[] = [];
  const args = ['kcat', '-P', '-b', shellQuoted(input.bootstrap), '-t', shellQuoted(input.topic)];
  if (input.partition !== null) args.push('-p', String(input.partition));
  else if (settings.partitioner === 'murmur2') args.push('-X', 'partitioner=murmur2_random');
  else {
    args.push('-X', 'partitioner=random');
    if (settings.partitioner === 'round-robin') comments.push('# librdkafka has no round-robin partitioner: random instead.');
  }
  if (settings.compression !== 'none') args.push('-z', settings.compression);
  args.push('-X', `acks=${KCAT_ACKS[String(settings.acks) as '-1' | '1' | '0']}`);
  input.headers.forEach((header, i) => {
    if (header.key.includes('=')) comments.push(`# kcat cannot send header name ${shellQuoted(header.key)}: it splits -H at the first "=".`);
    if (header.value.kind === 'null') args.push('-H', shellQuoted(header.key));
    else if (header.value.kind === 'text' && !header.value.text.includes('\u0000')) args.push('-H', shellQuoted(`${header.key}=${header.value.text}`));
    else if (header.value.bytes.includes(0)) comments.push(`# kcat cannot send header ${shellQuoted(header.key)}: its value holds a NUL byte, which no command-line argument can.`);
    else {
      setup.push(`header${i}=$(printf '${printfEscaped(header.value.bytes)}x'); header${i}=\${header${i}%x}`);
      args.push('-H', `"${header.key.replace(/["$`\\]/g, '\\$&')}=$header${i}"`);
    }
  });
  if (input.timestamp !== null) comments.push(`# kcat cannot set a record's timestamp: this record gets the time it is sent (the form says ${input.timestamp}).`);
  const used = new Set([...bytesOf(input.key), ...bytesOf(input.value)]);
  const [recordDelimiter, keyDelimiter] = DELIMITERS.filter((byte) => !used.has(byte));
  if (keyDelimiter === undefined) comments.push('# The key and value use every control byte kcat could split them with: check the record it sends.');
  args.push('-D', hexEscape(recordDelimiter ?? 0x1e));
  const parts: string[] = [];
  if (input.key.kind !== 'null') {
    args.push('-K', hexEscape(keyDelimiter ?? 0x1f));
    const key = writeCommand(input.key);
    if (key) parts.push(key);
    parts.push(`printf '\\${(keyDelimiter ?? 0x1f).toString(8).padStart(3, '0')}'`);
  } else if (bytesOf(input.value).length === 0) {
    comments.push('# kcat cannot send a record with no key and an empty or null value: it skips empty input.');
  }
  if (input.value.kind === 'null') args.push('-Z');
  const value = writeCommand(input.value);
  if (value) parts.push(value);
  const feed = parts.length === 0 ? "printf ''" : parts.length === 1 ? parts[0] : `{ ${parts.join('; ')}; }`;
  return [...comments, ...setup, `${feed} | ${args.join(' ')}`, ''].join('\n');
}

export function kcatConsume(input: ConsumeSnippetInput): string {
  const { start } = input;
  const offset = start.from === 'oldest' ? 'beginning' : start.from === 'newest' ? 'end' : start.from === 'offset' ? String(start.offset) : `s@${start.timestamp}`;
  const base = `kcat -C -b ${shellQuoted(input.bootstrap)} -t ${shellQuoted(input.topic)} -o ${offset} -u -f 'partition %p offset %o key %k value %s\\n'`;
  const lines = [`# kcat: reads ${shellQuoted(input.topic)} from Eddy's position, without a consumer group.`];
  if (input.partitions === null) lines.push(base);
  else if (input.partitions.length === 1) lines.push(`${base} -p ${input.partitions[0]}`);
  else lines.push('# kcat reads one partition or all: one kcat per chosen partition, together.', `for partition in ${input.partitions.join(' ')}; do ${base} -p "$partition" & done; wait`);
  return `${lines.join('\n')}\n`;
}
