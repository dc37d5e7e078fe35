/**
 * What every snippet generator works from: the form's record as bytes (field-encoding.ts, so a
 * snippet sends exactly what the form would), each field said as text where it is text, or as
 * base64 for the snippet to decode where it is not, and the settings in each client's words.
 */
import type { ProduceSettings, ProducedRecord, SnippetSubject } from '../../../contract';
import { encodeRecord } from '../encoded-record';

export type SnippetBytes = { kind: 'null' } | { kind: 'text'; text: string; bytes: Buffer } | { kind: 'binary'; base64: string; bytes: Buffer };

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Text when the bytes are UTF-8 and read back to the same bytes; else binary (base64). */
export function snippetBytes(bytes: Buffer | null): SnippetBytes {
  if (bytes === null) return { kind: 'null' };
  try {
    const text = decoder.decode(bytes);
    if (Buffer.from(text, 'utf8').equals(bytes)) return { kind: 'text', text, bytes };
  } catch {
    // not UTF-8: binary
  }
  return { kind: 'binary', base64: bytes.toString('base64'), bytes };
}

export interface ProduceSnippetInput {
  bootstrap: string;
  topic: string;
  key: SnippetBytes;
  value: SnippetBytes;
  headers: Array<{ key: string; value: SnippetBytes }>;
  /** The explicit partitioner's partition; null: the partitioner decides. */
  partition: number | null;
  timestamp: number | null;
  settings: ProduceSettings;
}

export type ConsumeSubject = Extract<SnippetSubject, { kind: 'consume' }>;

export interface ConsumeSnippetInput {
  bootstrap: string;
  topic: string;
  /** null: every partition of the topic. */
  partitions: number[] | null;
  start: ConsumeSubject['start'];
}

/** Throws FieldEncodingError (the form's own refusals) or PartitionChoiceError. */
export function produceSnippetInput(bootstrap: string, topic: string, record: ProducedRecord, settings: ProduceSettings): ProduceSnippetInput {
  const encoded = encodeRecord(record);
  return {
    bootstrap,
    topic,
    key: snippetBytes(encoded.key),
    value: snippetBytes(encoded.value),
    headers: encoded.headers.map((header) => ({ key: header.key, value: snippetBytes(header.value) })),
    partition: settings.partitioner === 'explicit' ? (record.partition ?? null) : null,
    timestamp: record.timestamp ?? null,
    settings,
  };
}

/** A string literal valid in both Python and JavaScript (JSON's escapes are a subset of both). */
export function quoted(text: string): string {
  return JSON.stringify(text);
}

/** A shell word that the shell reads back as exactly `text` (single quotes; no NUL possible). */
export function shellQuoted(text: string): string {
  return /^[A-Za-z0-9_./:@,+=-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
