/**
 * A bulk template compiled for speed: each field's placeholders (placeholders.ts) compiled once,
 * its encoding applied per record. A field without placeholders is encoded once and its bytes
 * reused (buildRecordBatch copies them). Text well-formedness is checked on the template, which
 * placeholders cannot break (they only add ASCII or words from the template itself); JSON is
 * checked per record, since a placeholder can make it invalid (`{"n": {{pick a b}}}`).
 *
 * Compiling refuses an unknown placeholder or a field that cannot be encoded (PlaceholderError,
 * FieldEncodingError); rendering refuses a record whose JSON or bytes came out bad
 * (FieldEncodingError), which the bulk job counts as failed.
 */
import type { BulkTemplate, ProducedField } from '../../contract';
import type { EncodedRecord } from './encoded-record';
import { encodeField, utf8Of } from './field-encoding';
import { compileTemplate, type RenderContext } from './placeholders';

type FieldRenderer = (context: RenderContext) => Buffer | null;

function compileField(field: ProducedField, what: string): FieldRenderer {
  if (field === null) return () => null;
  const template = compileTemplate(field.text, what);
  if (template.constant !== null) {
    const bytes = encodeField(field, what);
    return () => bytes;
  }
  if (field.encoding === 'text') {
    utf8Of(field.text, what);
    return (context) => Buffer.from(template.render(context), 'utf8');
  }
  const encoding = field.encoding;
  return (context) => encodeField({ text: template.render(context), encoding }, what);
}

export type RecordRenderer = (context: RenderContext) => EncodedRecord;

export function compileBulkTemplate(template: BulkTemplate): RecordRenderer {
  const key = compileField(template.key, 'key');
  const value = compileField(template.value, 'value');
  const headers = template.headers.map((header) => {
    utf8Of(header.key, `header key "${header.key}"`);
    return { key: header.key, value: compileField(header.value, `header "${header.key}" value`) };
  });
  const { partition, timestamp } = template;
  return (context) => ({
    key: key(context),
    value: value(context),
    headers: headers.map((header) => ({ key: header.key, value: header.value(context) })),
    timestamp,
    partition,
  });
}
