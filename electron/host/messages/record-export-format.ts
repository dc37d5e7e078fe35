/**
 * How an exported record is written, whole (no preview cuts), decoded by the export's modes:
 * - JSON Lines: one object per line, `{"topic"?, "partition", "offset", "timestamp",
 *   "timestampType", "key", "value", "keyEncoding", "valueEncoding", "headers": [{"key", "value"}]}`;
 *   a key or value that is JSON is embedded as JSON, anything else as a string in its encoding
 *   (`text`, `hex`, `base64`, `int`, `long`), null as null;
 * - CSV (RFC 4180, a header row first): partition, offset, timestamp, timestampType, key, value,
 *   headers (a JSON object of header key to value text).
 */
import type { Decoding, ExportFormat } from '../../contract';
import { decodeField } from './field-decoding';
import type { RecordFields } from './record-dto';

const WHOLE = { maxChars: Number.MAX_SAFE_INTEGER };

export const CSV_HEADER = 'partition,offset,timestamp,timestampType,key,value,headers\r\n';

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function exportLine(format: ExportFormat, partition: number, record: RecordFields, decoding: Decoding): string {
  const key = decodeField(record.key, decoding.key, WHOLE);
  const value = decodeField(record.value, decoding.value, WHOLE);
  const headerMode = decoding.value === 'int' || decoding.value === 'long' ? 'auto' : decoding.value;
  const headers = record.headers.map((header) => ({ key: header.key, value: decodeField(header.value, headerMode, WHOLE) }));
  if (format === 'csv') {
    const headerObject: Record<string, string | null> = {};
    for (const header of headers) headerObject[header.key] = header.value.as === 'null' ? null : header.value.text;
    const cells = [String(partition), String(record.offset), String(record.timestamp), record.timestampType, key.as === 'null' ? '' : key.text, value.as === 'null' ? '' : value.text, JSON.stringify(headerObject)];
    return cells.map(csvCell).join(',') + '\r\n';
  }
  // Line breaks in valid JSON text are whitespace between tokens (inside strings they are escaped): one line per record.
  const embed = (field: typeof key) => (field.as === 'null' ? 'null' : field.as === 'json' ? field.text.replace(/[\r\n]+/g, ' ') : JSON.stringify(field.text));
  const encoding = (field: typeof key) => JSON.stringify(field.as === 'null' ? null : field.as);
  const headerList = headers.map((header) => `{"key":${JSON.stringify(header.key)},"value":${header.value.as === 'null' ? 'null' : JSON.stringify(header.value.text)}}`).join(',');
  return `{"partition":${partition},"offset":${record.offset},"timestamp":${record.timestamp},"timestampType":"${record.timestampType}","key":${embed(key)},"value":${embed(value)},"keyEncoding":${encoding(key)},"valueEncoding":${encoding(value)},"headers":[${headerList}]}\n`;
}
