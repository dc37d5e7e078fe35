/**
 * Turns a record's key, value or header value (bytes) into what the console shows, by mode:
 * - `auto`: JSON if it parses as JSON, else UTF-8 text if it is valid UTF-8 without control
 *   characters (tabs and line breaks allowed), else hex;
 * - `string` (UTF-8, invalid bytes shown as U+FFFD), `json` (an error in place when it is not),
 *   `hex`, `base64`, and `int` / `long` (big-endian 4 and 8 bytes, as Kafka's Integer and Long
 *   serializers write keys; an error in place when the length differs).
 * Previews are cut to `maxChars`; fields above FULL_CHECK_BYTES are recognised by their start only
 * (a preview of a 10 MiB value does not parse 10 MiB). `pretty` re-indents JSON without parsing
 * its numbers, so 64-bit ids are shown exactly as written. Pure; never throws.
 */
import { isUtf8 } from 'node:buffer';
import type { DecodedField, DecodeMode } from '../../contract';

/** Above this size a preview judges a field by its first bytes. */
const FULL_CHECK_BYTES = 64 * 1024;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

export interface DecodeOptions {
  maxChars: number;
  /** Indent JSON (the detail view); pages show it as written. */
  pretty?: boolean;
}

function cut(text: string, maxChars: number): { text: string; truncated: boolean } {
  return text.length > maxChars ? { text: text.slice(0, maxChars), truncated: true } : { text, truncated: false };
}

function field(as: DecodedField['as'], text: string, bytes: number, maxChars: number, cutBefore = false): DecodedField {
  const shown = cut(text, maxChars);
  return { as, text: shown.text, bytes, truncated: shown.truncated || cutBefore };
}

/** Valid UTF-8 text, or null. A prefix may end inside a character: `partial` allows that. */
function utf8(bytes: Buffer, partial: boolean): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    if (!partial) return null;
    // Drop up to 3 bytes of a character cut at the end of the prefix.
    for (let drop = 1; drop <= 3 && drop < bytes.length; drop++) {
      try {
        return strictUtf8.decode(bytes.subarray(0, bytes.length - drop));
      } catch {
        // try shorter
      }
    }
    return null;
  }
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function looksLikeJsonStart(text: string): boolean {
  const first = text.trimStart()[0];
  return first === '{' || first === '[' || first === '"' || first === '-' || (first >= '0' && first <= '9') || first === 't' || first === 'f' || first === 'n';
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Re-indents JSON text token by token (strings and numbers kept verbatim). */
export function prettyJson(text: string, indent = '  '): string {
  let out = '';
  let depth = 0;
  let inString = false;
  let escaped = false;
  const newline = () => '\n' + indent.repeat(depth);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    switch (c) {
      case '"':
        inString = true;
        out += c;
        break;
      case '{':
      case '[': {
        // An empty object or array stays on one line.
        let j = i + 1;
        while (j < text.length && /\s/.test(text[j])) j++;
        if (text[j] === (c === '{' ? '}' : ']')) {
          out += c + text[j];
          i = j;
          break;
        }
        depth++;
        out += c + newline();
        break;
      }
      case '}':
      case ']':
        depth = Math.max(0, depth - 1);
        out += newline() + c;
        break;
      case ',':
        out += ',' + newline();
        break;
      case ':':
        out += ': ';
        break;
      case ' ':
      case '\t':
      case '\n':
      case '\r':
        break;
      default:
        out += c;
    }
  }
  return out;
}

function hexOf(bytes: Buffer, maxChars: number): { text: string; cutBefore: boolean } {
  const fit = Math.min(bytes.length, Math.ceil(maxChars / 3) + 1);
  const hex = bytes.subarray(0, fit).toString('hex');
  let text = '';
  for (let i = 0; i < hex.length; i += 2) text += (i > 0 ? ' ' : '') + hex.slice(i, i + 2);
  return { text, cutBefore: fit < bytes.length };
}

/** Whether valid UTF-8 text holds a control character (other than tab, line feed, carriage return). */
function hasControlBytes(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) || byte === 0x7f) return true;
  }
  return false;
}

/**
 * Whether a field shows as text (JSON or plain) under `mode`: what a search may match on its bytes
 * directly. False for modes that show it otherwise (hex, base64, int, long) and for binary bytes.
 */
export function showsAsText(bytes: Buffer, mode: DecodeMode): boolean {
  if (mode === 'string') return isUtf8(bytes);
  if (mode === 'auto' || mode === 'json') return isUtf8(bytes) && !hasControlBytes(bytes);
  return false;
}

/**
 * The whole text a search (or a predicate) sees of a field: what the view shows, uncut, without
 * proving JSON-ness (JSON and plain text show the same characters). Null for a null field.
 */
export function searchableText(bytes: Buffer | null, mode: DecodeMode): string | null {
  if (bytes === null) return null;
  if ((mode === 'auto' || mode === 'json' || mode === 'string') && isUtf8(bytes)) {
    const text = bytes.toString('utf8');
    // A native regex scan is cheaper than a byte loop; control characters make auto show hex.
    if (mode !== 'auto' || !CONTROL.test(text)) return text;
  }
  const decoded = decodeField(bytes, mode, { maxChars: Number.MAX_SAFE_INTEGER });
  return decoded.text;
}

export function decodeField(bytes: Buffer | null, mode: DecodeMode, options: DecodeOptions): DecodedField {
  const { maxChars } = options;
  if (bytes === null) return { as: 'null', text: '', bytes: 0, truncated: false };
  const size = bytes.length;
  switch (mode) {
    case 'hex': {
      const { text, cutBefore } = hexOf(bytes, maxChars);
      return field('hex', text, size, maxChars, cutBefore);
    }
    case 'base64': {
      const fit = Math.min(size, Math.ceil((maxChars * 3) / 4) + 3);
      return field('base64', bytes.subarray(0, fit).toString('base64'), size, maxChars, fit < size);
    }
    case 'int':
      if (size !== 4) return field('error', `not a 4-byte big-endian int: ${size} bytes`, size, maxChars);
      return field('int', String(bytes.readInt32BE(0)), size, maxChars);
    case 'long':
      if (size !== 8) return field('error', `not an 8-byte big-endian long: ${size} bytes`, size, maxChars);
      return field('long', bytes.readBigInt64BE(0).toString(), size, maxChars);
    case 'string': {
      const prefix = size > FULL_CHECK_BYTES ? bytes.subarray(0, maxChars * 4) : bytes;
      return field('text', lenientUtf8.decode(prefix), size, maxChars, prefix.length < size);
    }
    case 'json':
    case 'auto': {
      const whole = size <= FULL_CHECK_BYTES || options.pretty === true;
      const prefix = whole ? bytes : bytes.subarray(0, Math.max(maxChars * 4, 4096));
      const text = utf8(prefix, !whole);
      if (text !== null && looksLikeJsonStart(text) && (whole ? isJson(text) : true)) {
        return field('json', options.pretty ? prettyJson(text) : text, size, maxChars, !whole);
      }
      if (mode === 'json') {
        const reason = text === null ? 'not valid UTF-8' : 'not valid JSON';
        return field('error', `${reason}: ${text === null ? hexOf(bytes, 60).text : text.slice(0, 200)}`, size, maxChars);
      }
      if (text !== null && !CONTROL.test(text)) return field('text', text, size, maxChars, !whole);
      const { text: hex, cutBefore } = hexOf(bytes, maxChars);
      return field('hex', hex, size, maxChars, cutBefore);
    }
  }
}
