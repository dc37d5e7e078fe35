/**
 * "Produce again": a record as the messages view shows it, turned back into the produce form's
 * fields. Each decoded field maps to the encoding that gives its bytes back: JSON → json, text →
 * text, hex → hex, base64 → base64, no bytes → null. A field that is only a preview (cut by the
 * host) or was shown in a way that does not give its bytes back (an int or long key, a decoding
 * error) cannot be used as it is: `fieldsToRead` says which, and the caller reads the record whole
 * (`messages.get`), as hex where needed, before calling `draftOfRecord`.
 */
import type { DecodedField, FieldEncoding, MessageRecord } from '../../../../electron/contract';
import { emptyField, headerDraft, type FieldDraft, type ProduceDraft } from './produce-draft';

const ENCODING_OF: Partial<Record<DecodedField['as'], FieldEncoding>> = { json: 'json', text: 'text', hex: 'hex', base64: 'base64' };

/** The field as the form's field, or null when its text does not give its bytes back. */
export function fieldDraftOf(field: DecodedField): FieldDraft | null {
  if (field.as === 'null') return emptyField('text', true);
  const encoding = ENCODING_OF[field.as];
  if (!encoding || field.truncated) return null;
  return { text: field.text, encoding, isNull: false };
}

/** What must be read before the record can fill the form: the whole record (a field was cut), its bytes as hex (a field shown as a number or not decodable). */
export function fieldsToRead(record: MessageRecord): { whole: boolean; hex: boolean } {
  const fields = [record.key, record.value, ...record.headers.map((header) => header.value)];
  return {
    whole: fields.some((field) => field.truncated),
    hex: fields.some((field) => field.as !== 'null' && ENCODING_OF[field.as] === undefined),
  };
}

/**
 * The form filled from `record` (read whole), keeping the draft's settings, count and rate. `hex`
 * is the same record read as hex, for the fields the first does not give back; a field still
 * without its bytes is left empty and named in `unreadable`.
 */
export function draftOfRecord(current: ProduceDraft, record: MessageRecord, hex: MessageRecord | null = null): { draft: ProduceDraft; unreadable: string[] } {
  const unreadable: string[] = [];
  const pick = (field: DecodedField, asHex: DecodedField | undefined, what: string, fallback: FieldEncoding): FieldDraft => {
    const direct = fieldDraftOf(field);
    if (direct) return direct;
    const fromHex = asHex ? fieldDraftOf(asHex) : null;
    if (fromHex) return fromHex;
    unreadable.push(what);
    return emptyField(fallback);
  };
  const draft: ProduceDraft = {
    ...current,
    key: pick(record.key, hex?.key, 'the key', 'text'),
    value: pick(record.value, hex?.value, 'the value', 'json'),
    headers: record.headers.map((header, index) => headerDraft(header.key, pick(header.value, hex?.headers[index]?.value, `header "${header.key}"`, 'text'))),
    partition: String(record.partition),
    timestamp: '',
  };
  return { draft, unreadable };
}
