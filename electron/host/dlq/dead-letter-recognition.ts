/**
 * What makes a topic a dead-letter queue, and what a dead letter's headers say about it. Pure
 * functions; they never throw on what a record carries.
 *
 * - By name: `*.dlq`, `*-dlq`, `*_dlq`, `*-dlt`, `*.DLT`, `dlq.*`, `dlq-*`, `*.deadletter`,
 *   `*-dead-letter(s)`, … (case-insensitive); Kafka's internal topics (`__…`) never are.
 * - By headers, newest writer first (a dead letter that died again carries the latest on top):
 *   - Eddy's sweeper: KIP-1191's `__dlq.errors.*` plus its own `__dlq.errors.timestamp` (dead at);
 *   - KIP-1191: `__dlq.errors.topic|partition|offset|group|message|delivery.count`, UTF-8 text;
 *   - Spring Kafka: `kafka_dlt-original-topic|partition|offset|timestamp|consumer-group`,
 *     `kafka_dlt-exception-message|fqcn|cause-fqcn` and `retry_topic-attempts`; partition and
 *     attempts are 4-byte big-endian ints, offset and timestamp 8-byte big-endian longs;
 *   - Kafka Connect: `__connect.errors.topic|partition|offset` (text), `…exception.message`,
 *     `…exception.class.name`, `…connector.name`, `…stage`.
 *   A number of the wrong size or not a number is null for that field.
 */
import { DLQ_HEADER_DEAD_AT, DLQ_HEADER_GROUP, DLQ_HEADER_MESSAGE, DLQ_HEADER_OFFSET, DLQ_HEADER_PARTITION, DLQ_HEADER_TOPIC } from '../../../broker-core/src/records/index';
import type { DeadLetterFormat } from '../../contract';

export interface HeaderLike {
  key: string;
  value: Buffer | null;
}

export interface DeadLetterSource {
  topic: string;
  partition: number | null;
  offset: number | null;
}

export interface RecognizedDeadLetter {
  format: DeadLetterFormat;
  /** The exception message or the sweeper's reason; "unknown" when no header says. */
  reason: string;
  exceptionClass: string | null;
  source: DeadLetterSource | null;
  group: string | null;
  attempts: number | null;
  /** When it died (the sweeper's header), or null. */
  diedAt: number | null;
}

export const UNKNOWN_REASON = 'unknown';

const KIP_PREFIX = '__dlq.errors.';
const KIP_DELIVERY_COUNT = '__dlq.errors.delivery.count';
const KIP_EXCEPTION_CLASS = '__dlq.errors.exception.class.name';

const SPRING_PREFIX = 'kafka_dlt-';
const SPRING_TOPIC = 'kafka_dlt-original-topic';
const SPRING_PARTITION = 'kafka_dlt-original-partition';
const SPRING_OFFSET = 'kafka_dlt-original-offset';
const SPRING_GROUP = 'kafka_dlt-original-consumer-group';
const SPRING_MESSAGE = 'kafka_dlt-exception-message';
const SPRING_FQCN = 'kafka_dlt-exception-fqcn';
const SPRING_CAUSE_FQCN = 'kafka_dlt-exception-cause-fqcn';
const RETRY_PREFIX = 'retry_topic-';
const RETRY_ATTEMPTS = 'retry_topic-attempts';

const CONNECT_PREFIX = '__connect.errors.';
const CONNECT_TOPIC = '__connect.errors.topic';
const CONNECT_PARTITION = '__connect.errors.partition';
const CONNECT_OFFSET = '__connect.errors.offset';
const CONNECT_MESSAGE = '__connect.errors.exception.message';
const CONNECT_CLASS = '__connect.errors.exception.class.name';
const CONNECT_CONNECTOR = '__connect.errors.connector.name';
const CONNECT_STAGE = '__connect.errors.stage';

const DLQ_SUFFIX = /(?:^|[._-])(?:dlq|dlt|dead[._-]?letters?(?:[._-]?queue)?|deadletterqueue)$/i;
const DLQ_PREFIX = /^(?:dlq|dlt)[._-]/i;

/** Whether a topic's name says it is a dead-letter queue. Kafka's internal topics (`__…`) never are. */
export function isDeadLetterTopicName(name: string): boolean {
  if (name.startsWith('__')) return false;
  return DLQ_SUFFIX.test(name) || DLQ_PREFIX.test(name);
}

/** Whether a header is provenance a DLQ writer added (dropped when a dead letter is replayed). */
export function isProvenanceHeader(key: string): boolean {
  return key.startsWith(KIP_PREFIX) || key.startsWith(SPRING_PREFIX) || key.startsWith(CONNECT_PREFIX) || key.startsWith(RETRY_PREFIX);
}

/** Whether any header is a known DLQ writer's provenance. */
export function hasProvenanceHeaders(headers: readonly HeaderLike[]): boolean {
  return headers.some((header) => isProvenanceHeader(header.key));
}

function isAsciiDecimal(bytes: Buffer): boolean {
  return decimalValue(bytes) !== null;
}

/**
 * The decimal integer `bytes` spell (optional spaces around, an optional minus), read byte by
 * byte: the index reads one per header of every dead letter, so no string or regex is made.
 * Null for anything else, or beyond a safe integer.
 */
function decimalValue(bytes: Buffer): number | null {
  let index = 0;
  let end = bytes.length;
  while (index < end && bytes[index] === 0x20) index++;
  while (end > index && bytes[end - 1] === 0x20) end--;
  const negative = index < end && bytes[index] === 0x2d;
  if (negative) index++;
  if (index >= end || end - index > 20) return null;
  let value = 0;
  for (; index < end; index++) {
    const digit = bytes[index] - 0x30;
    if (digit < 0 || digit > 9) return null;
    value = value * 10 + digit;
  }
  if (!Number.isSafeInteger(value)) return null;
  return negative ? -value : value;
}

/** A decimal integer written as text (a safe integer), or null. */
function textInteger(bytes: Buffer | null | undefined): number | null {
  return bytes ? decimalValue(bytes) : null;
}

/** A 4-byte big-endian int, or (leniently) decimal text; null for anything else. */
function binaryOrTextInt(bytes: Buffer | null | undefined): number | null {
  if (!bytes) return null;
  // A real binary int below 2^24 starts with a zero byte, never an ASCII digit: text is told apart safely.
  if (isAsciiDecimal(bytes)) return textInteger(bytes);
  return bytes.length === 4 ? bytes.readInt32BE(0) : null;
}

/** An 8-byte big-endian long (a safe integer), or (leniently) decimal text; null for anything else. */
function binaryOrTextLong(bytes: Buffer | null | undefined): number | null {
  if (!bytes) return null;
  if (isAsciiDecimal(bytes)) return textInteger(bytes);
  if (bytes.length !== 8) return null;
  const value = bytes.readBigInt64BE(0);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : null;
}

const nonNegative = (value: number | null): number | null => (value !== null && value >= 0 ? value : null);

/**
 * Remembers the last text decoded per header key, so a run of dead letters with the same topic,
 * group or reason (a sweep, a failing consumer) decodes it once and shares one string: a byte
 * comparison instead of a UTF-8 decode and a new string per record.
 */
export class HeaderTextCache {
  private readonly last = new Map<string, { bytes: Buffer; text: string | null }>();

  text(key: string, bytes: Buffer | null | undefined): string | null {
    if (!bytes) return null;
    const known = this.last.get(key);
    if (known && known.bytes.equals(bytes)) return known.text;
    const decoded = bytes.toString('utf8');
    const text = decoded.length > 0 ? decoded : null;
    // A copy: `bytes` is a view into a fetched chunk that should not stay alive for this.
    if (bytes.length <= 4096) this.last.set(key, { bytes: Buffer.from(bytes), text });
    return text;
  }
}

const uncached = { text: (_key: string, bytes: Buffer | null | undefined) => (bytes && bytes.length > 0 ? bytes.toString('utf8') : null) };

/** The last value of a header key (a record that died twice carries the latest last); undefined if absent. */
function lastValue(headers: readonly HeaderLike[], key: string): Buffer | null | undefined {
  for (let index = headers.length - 1; index >= 0; index--) if (headers[index].key === key) return headers[index].value;
  return undefined;
}

function headerText(headers: readonly HeaderLike[], key: string, cache: Pick<HeaderTextCache, 'text'>): string | null {
  return cache.text(key, lastValue(headers, key));
}

function source(topic: string | null, partition: number | null, offset: number | null): DeadLetterSource | null {
  return topic === null ? null : { topic, partition: nonNegative(partition), offset: nonNegative(offset) };
}

function hasPrefix(headers: readonly HeaderLike[], prefix: string, otherPrefix = prefix): boolean {
  for (const header of headers) if (header.key.startsWith(prefix) || header.key.startsWith(otherPrefix)) return true;
  return false;
}

/** What a record's headers say about it as a dead letter (`unknown` format when none do). */
export function recognizeDeadLetter(record: { headers: readonly HeaderLike[]; timestamp: number }, cache: Pick<HeaderTextCache, 'text'> = uncached): RecognizedDeadLetter {
  const headers = record.headers;

  if (hasPrefix(headers, KIP_PREFIX)) {
    const diedAt = nonNegative(textInteger(lastValue(headers, DLQ_HEADER_DEAD_AT)));
    const message = headerText(headers, DLQ_HEADER_MESSAGE, cache);
    const exceptionClass = headerText(headers, KIP_EXCEPTION_CLASS, cache);
    return {
      format: lastValue(headers, DLQ_HEADER_DEAD_AT) !== undefined ? 'sweeper' : 'kip-1191',
      reason: message ?? exceptionClass ?? UNKNOWN_REASON,
      exceptionClass,
      source: source(headerText(headers, DLQ_HEADER_TOPIC, cache), textInteger(lastValue(headers, DLQ_HEADER_PARTITION)), textInteger(lastValue(headers, DLQ_HEADER_OFFSET))),
      group: headerText(headers, DLQ_HEADER_GROUP, cache),
      attempts: nonNegative(textInteger(lastValue(headers, KIP_DELIVERY_COUNT))),
      diedAt,
    };
  }

  if (hasPrefix(headers, SPRING_PREFIX, RETRY_PREFIX)) {
    const message = headerText(headers, SPRING_MESSAGE, cache);
    // The top exception is usually Spring's wrapper (ListenerExecutionFailedException): the cause says more.
    const exceptionClass = headerText(headers, SPRING_CAUSE_FQCN, cache) ?? headerText(headers, SPRING_FQCN, cache);
    return {
      format: 'spring',
      reason: message ?? exceptionClass ?? UNKNOWN_REASON,
      exceptionClass,
      source: source(headerText(headers, SPRING_TOPIC, cache), binaryOrTextInt(lastValue(headers, SPRING_PARTITION)), binaryOrTextLong(lastValue(headers, SPRING_OFFSET))),
      group: headerText(headers, SPRING_GROUP, cache),
      attempts: nonNegative(binaryOrTextInt(lastValue(headers, RETRY_ATTEMPTS))),
      diedAt: null,
    };
  }

  if (hasPrefix(headers, CONNECT_PREFIX)) {
    const message = headerText(headers, CONNECT_MESSAGE, cache);
    const exceptionClass = headerText(headers, CONNECT_CLASS, cache);
    const stage = headerText(headers, CONNECT_STAGE, cache);
    const connector = headerText(headers, CONNECT_CONNECTOR, cache);
    return {
      format: 'connect',
      reason: message ?? exceptionClass ?? (stage ? `failed in stage ${stage}` : UNKNOWN_REASON),
      exceptionClass,
      source: source(headerText(headers, CONNECT_TOPIC, cache), textInteger(lastValue(headers, CONNECT_PARTITION)), textInteger(lastValue(headers, CONNECT_OFFSET))),
      // A sink connector consumes in the group `connect-<connector name>` (Kafka Connect's default).
      group: connector ? `connect-${connector}` : null,
      attempts: null,
      diedAt: null,
    };
  }

  return { format: 'unknown', reason: UNKNOWN_REASON, exceptionClass: null, source: null, group: null, attempts: null, diedAt: null };
}
