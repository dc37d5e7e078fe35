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
import { DLQ_HEADER_DEAD_AT, DLQ_HEADER_GROUP, DLQ_HEADER_MESSAGE, DLQ_HEADER_OFFSET, DLQ_HEADER_PARTITION, DLQ_HEADER_TOPIC } from '../../../broker-core/src/index';
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

const ASCII_DECIMAL = /^\s*-?\d{1,20}\s*$/;

function isAsciiDecimal(bytes: Buffer): boolean {
  if (bytes.length === 0 || bytes.length > 24) return false;
  for (const byte of bytes) if (!((byte >= 0x30 && byte <= 0x39) || byte === 0x2d || byte === 0x20)) return false;
  return ASCII_DECIMAL.test(bytes.toString('latin1'));
}

/** A decimal integer written as text (a safe integer), or null. */
function textInteger(bytes: Buffer | null | undefined): number | null {
  if (!bytes || !isAsciiDecimal(bytes)) return null;
  const value = Number(bytes.toString('latin1').trim());
  return Number.isSafeInteger(value) ? value : null;
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

function text(bytes: Buffer | null | undefined): string | null {
  if (!bytes) return null;
  const decoded = bytes.toString('utf8');
  return decoded.length > 0 ? decoded : null;
}

/** The last value of each header key (a record that died twice carries the latest last). */
function lastValues(headers: readonly HeaderLike[]): Map<string, Buffer | null> {
  const values = new Map<string, Buffer | null>();
  for (const header of headers) values.set(header.key, header.value);
  return values;
}

function source(topic: string | null, partition: number | null, offset: number | null): DeadLetterSource | null {
  return topic === null ? null : { topic, partition: nonNegative(partition), offset: nonNegative(offset) };
}

function hasPrefix(values: Map<string, Buffer | null>, ...prefixes: string[]): boolean {
  for (const key of values.keys()) if (prefixes.some((prefix) => key.startsWith(prefix))) return true;
  return false;
}

/** What a record's headers say about it as a dead letter (`unknown` format when none do). */
export function recognizeDeadLetter(record: { headers: readonly HeaderLike[]; timestamp: number }): RecognizedDeadLetter {
  const values = lastValues(record.headers);
  const get = (key: string) => values.get(key);

  if (hasPrefix(values, KIP_PREFIX)) {
    const diedAt = nonNegative(textInteger(get(DLQ_HEADER_DEAD_AT)));
    const message = text(get(DLQ_HEADER_MESSAGE));
    const exceptionClass = text(get(KIP_EXCEPTION_CLASS));
    return {
      format: values.has(DLQ_HEADER_DEAD_AT) ? 'sweeper' : 'kip-1191',
      reason: message ?? exceptionClass ?? UNKNOWN_REASON,
      exceptionClass,
      source: source(text(get(DLQ_HEADER_TOPIC)), textInteger(get(DLQ_HEADER_PARTITION)), textInteger(get(DLQ_HEADER_OFFSET))),
      group: text(get(DLQ_HEADER_GROUP)),
      attempts: nonNegative(textInteger(get(KIP_DELIVERY_COUNT))),
      diedAt,
    };
  }

  if (hasPrefix(values, SPRING_PREFIX, RETRY_PREFIX)) {
    const message = text(get(SPRING_MESSAGE));
    // The top exception is usually Spring's wrapper (ListenerExecutionFailedException): the cause says more.
    const exceptionClass = text(get(SPRING_CAUSE_FQCN)) ?? text(get(SPRING_FQCN));
    return {
      format: 'spring',
      reason: message ?? exceptionClass ?? UNKNOWN_REASON,
      exceptionClass,
      source: source(text(get(SPRING_TOPIC)), binaryOrTextInt(get(SPRING_PARTITION)), binaryOrTextLong(get(SPRING_OFFSET))),
      group: text(get(SPRING_GROUP)),
      attempts: nonNegative(binaryOrTextInt(get(RETRY_ATTEMPTS))),
      diedAt: null,
    };
  }

  if (hasPrefix(values, CONNECT_PREFIX)) {
    const message = text(get(CONNECT_MESSAGE));
    const exceptionClass = text(get(CONNECT_CLASS));
    const stage = text(get(CONNECT_STAGE));
    const connector = text(get(CONNECT_CONNECTOR));
    return {
      format: 'connect',
      reason: message ?? exceptionClass ?? (stage ? `failed in stage ${stage}` : UNKNOWN_REASON),
      exceptionClass,
      source: source(text(get(CONNECT_TOPIC)), textInteger(get(CONNECT_PARTITION)), textInteger(get(CONNECT_OFFSET))),
      // A sink connector consumes in the group `connect-<connector name>` (Kafka Connect's default).
      group: connector ? `connect-${connector}` : null,
      attempts: null,
      diedAt: null,
    };
  }

  return { format: 'unknown', reason: UNKNOWN_REASON, exceptionClass: null, source: null, group: null, attempts: null, diedAt: null };
}
