/**
 * One line of a JSON Lines import as a record to send:
 * `{"key": …, "value": …, "headers": …, "partition": n, "timestamp": ms}`, every member optional.
 * - key, value: a JSON string is sent as its text; null or absent as null; any other JSON value
 *   as its JSON text exactly as written (json-members.ts). `keyEncoding` / `valueEncoding` of
 *   `"text"`, `"json"`, `"hex"` or `"base64"` say how a string is to be read (what the messages
 *   export writes), so an exported file imports back to the same bytes.
 * - headers: an object `{"name": value}` or a list `[{"key": "name", "value": value}]` (the
 *   export's form; repeated names kept in order); a value as above, read as text.
 * - partition: a non-negative integer; used whatever the partitioner (a line names its partition).
 * - timestamp: epoch ms, a non-negative integer; absent: the time of sending.
 * Other members (the export's offset, timestampType, topic) are ignored.
 *
 * A line that cannot be read is an `ImportLineError` with the reason in words; blank lines are
 * skipped (null).
 */
import type { EncodedRecord } from './encoded-record';
import { encodeField, FieldEncodingError, utf8Of } from './field-encoding';
import { rawMembers } from './json-members';

export class ImportLineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportLineError';
  }
}

const ENCODINGS = new Set(['text', 'json', 'hex', 'base64']);

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

function field(parsed: unknown, raw: string | undefined, encoding: unknown, what: string): Buffer | null {
  if (parsed === undefined || parsed === null) return null;
  if (typeof parsed !== 'string') return utf8Of(raw ?? JSON.stringify(parsed), what);
  if (encoding === undefined || encoding === null) return utf8Of(parsed, what);
  if (typeof encoding !== 'string' || !ENCODINGS.has(encoding)) {
    throw new ImportLineError(`${what}Encoding ${JSON.stringify(encoding)} is not one of "text", "json", "hex", "base64"`);
  }
  return encodeField({ text: parsed, encoding: encoding as 'text' | 'json' | 'hex' | 'base64' }, what);
}

function headerValue(value: unknown, name: string): Buffer | null {
  const what = `header "${name}" value`;
  if (value === null || value === undefined) return null;
  return utf8Of(typeof value === 'string' ? value : JSON.stringify(value), what);
}

function headersOf(headers: unknown): EncodedRecord['headers'] {
  if (headers === undefined || headers === null) return [];
  if (Array.isArray(headers)) {
    return headers.map((header, i) => {
      if (typeof header !== 'object' || header === null || typeof (header as { key?: unknown }).key !== 'string') {
        throw new ImportLineError(`headers[${i}] is ${describe(header)}, not {"key": "name", "value": …}`);
      }
      const { key, value } = header as { key: string; value?: unknown };
      utf8Of(key, `header key "${key}"`);
      return { key, value: headerValue(value, key) };
    });
  }
  if (typeof headers === 'object') {
    return Object.entries(headers as Record<string, unknown>).map(([key, value]) => {
      utf8Of(key, `header key "${key}"`);
      return { key, value: headerValue(value, key) };
    });
  }
  throw new ImportLineError(`headers is ${describe(headers)}, not an object or a list`);
}

function wholeNumber(value: unknown, what: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new ImportLineError(`${what} is ${describe(value)}, not a whole number ≥ 0`);
  return value;
}

/** The record of one line, null for a blank line; throws ImportLineError. */
export function parseImportLine(line: string): EncodedRecord | null {
  if (line.trim() === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    throw new ImportLineError(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ImportLineError(`the line is ${describe(parsed)}, not a JSON object`);
  const object = parsed as Record<string, unknown>;
  const raw = rawMembers(line);
  try {
    return {
      key: field(object.key, raw.get('key'), object.keyEncoding, 'key'),
      value: field(object.value, raw.get('value'), object.valueEncoding, 'value'),
      headers: headersOf(object.headers),
      partition: wholeNumber(object.partition, 'partition'),
      timestamp: wholeNumber(object.timestamp, 'timestamp'),
    };
  } catch (error) {
    if (error instanceof FieldEncodingError) throw new ImportLineError(error.message);
    throw error;
  }
}
