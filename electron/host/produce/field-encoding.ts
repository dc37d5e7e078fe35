/**
 * Turns what the produce form holds into bytes: a key, value or header value given as text in an
 * encoding (contract's `ProducedField`), and header keys (strings, sent as UTF-8).
 *
 * - `text`: its UTF-8 bytes. Text that UTF-8 cannot carry (a lone surrogate, which a pasted or
 *   imported string can hold) is refused, never replaced by U+FFFD silently.
 * - `json`: checked to parse, then sent as typed (its UTF-8 text, not re-serialized).
 * - `base64`: standard or URL-safe alphabet, padding optional, whitespace ignored.
 * - `hex`: pairs of hex digits, whitespace ignored (so the messages view's `ff fe fd` pastes back).
 * - null: no bytes (Kafka's null key, tombstone value, null header value).
 *
 * Refusals are `FieldEncodingError`s saying which field and what is wrong, e.g.
 * `value is not valid JSON: Unexpected token 'x', "{x" is not valid JSON`.
 */
import type { ProducedField } from '../../contract';

export class FieldEncodingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldEncodingError';
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const HEX = /^[0-9a-fA-F]*$/;
const WHITESPACE = /\s+/g;

/** Refuses text that has no UTF-8 form. `what` names the field in the message. */
export function utf8Of(text: string, what: string): Buffer {
  const lone = LONE_SURROGATE.exec(text);
  if (lone) {
    const code = lone[0].charCodeAt(0).toString(16).toUpperCase();
    throw new FieldEncodingError(`${what} is not valid Unicode text (a lone surrogate U+${code} at character ${lone.index + 1}), so it has no UTF-8 form: give its bytes as hex or base64`);
  }
  return Buffer.from(text, 'utf8');
}

function decodeBase64(text: string, what: string): Buffer {
  const compact = text.replace(WHITESPACE, '');
  const bad = compact.search(/[^A-Za-z0-9+/_=-]/);
  if (bad >= 0) throw new FieldEncodingError(`${what} is not valid base64: "${compact[bad]}" at character ${bad + 1} is not a base64 digit`);
  if (!BASE64.test(compact) || compact.replace(/=+$/, '').length % 4 === 1) {
    throw new FieldEncodingError(`${what} is not valid base64: ${compact.includes('=') && !/=+$/.test(compact) ? '"=" is only allowed at the end' : 'its length does not make whole bytes'}`);
  }
  return Buffer.from(compact, 'base64');
}

function decodeHex(text: string, what: string): Buffer {
  const compact = text.replace(WHITESPACE, '').replace(/^0x/i, '');
  if (!HEX.test(compact)) {
    const bad = compact.search(/[^0-9a-fA-F]/);
    throw new FieldEncodingError(`${what} is not valid hex: "${compact[bad]}" at digit ${bad + 1} is not a hex digit`);
  }
  if (compact.length % 2 === 1) throw new FieldEncodingError(`${what} is not valid hex: ${compact.length} digits is not a whole number of bytes (two digits a byte)`);
  return Buffer.from(compact, 'hex');
}

function checkJson(text: string, what: string): void {
  try {
    JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FieldEncodingError(`${what} is not valid JSON: ${reason}${text.trim() === '' ? ' (it is empty: choose null for no value)' : ''}`);
  }
}

/** The bytes of a key, value or header value; `what` names it in a refusal (`key`, `header "trace" value`). */
export function encodeField(field: ProducedField, what: string): Buffer | null {
  if (field === null) return null;
  switch (field.encoding) {
    case 'text':
      return utf8Of(field.text, what);
    case 'json':
      checkJson(field.text, what);
      return utf8Of(field.text, what);
    case 'base64':
      return decodeBase64(field.text, what);
    case 'hex':
      return decodeHex(field.text, what);
    default:
      throw new FieldEncodingError(`${what}: unknown encoding "${String(field.encoding)}"`);
  }
}
