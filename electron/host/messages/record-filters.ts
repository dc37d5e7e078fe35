/**
 * The search filters that need no sandbox, compiled once per search into one test per record:
 * contains and regex over the key, the value or one header's value (as text: the field decoded by
 * the search's mode, so a search matches what the table shows), and a JSON path of the value equal
 * to a value. Every filter must match. The JavaScript predicate is predicate-sandbox.ts's.
 *
 * A regex that does not compile, or a JSON path that does not parse, is refused with the reason
 * before the search starts (`FilterError`).
 */
import type { DecodeMode, Decoding, RecordFilter } from '../../contract';
import { searchableText, showsAsText } from './field-decoding';
import type { RecordFields } from './record-dto';

export class FilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterError';
  }
}

export type RecordTest = (record: RecordFields) => boolean;

/** A path step: a property name or an array index. */
type PathStep = string | number;

/** Parses `$.a.b[0]['c d']` (a leading `$` optional). */
export function parseJsonPath(path: string): PathStep[] {
  let rest = path.trim();
  if (rest.startsWith('$')) rest = rest.slice(1);
  const steps: PathStep[] = [];
  while (rest.length > 0) {
    let match: RegExpExecArray | null;
    if ((match = /^\.([A-Za-z_$][\w$-]*)/.exec(rest))) steps.push(match[1]);
    else if ((match = /^\[(\d+)\]/.exec(rest))) steps.push(Number(match[1]));
    else if ((match = /^\[\s*'((?:[^'\\]|\\.)*)'\s*\]/.exec(rest)) || (match = /^\[\s*"((?:[^"\\]|\\.)*)"\s*\]/.exec(rest))) steps.push(match[1].replace(/\\(.)/g, '$1'));
    else if (steps.length === 0 && (match = /^([A-Za-z_$][\w$-]*)/.exec(rest))) steps.push(match[1]);
    else throw new FilterError(`JSON path "${path}" cannot be read at "${rest}": use $.name, [index] or ['name']`);
    rest = rest.slice(match[0].length);
  }
  if (steps.length === 0) throw new FilterError(`JSON path "${path}" names no field: use e.g. $.customer.id`);
  return steps;
}

function valueAt(root: unknown, steps: PathStep[]): unknown {
  let current = root;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    if (typeof step === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[step];
    } else {
      if (Array.isArray(current) || !Object.hasOwn(current, step)) return undefined;
      current = (current as Record<string, unknown>)[step];
    }
  }
  return current;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => Object.hasOwn(b, key) && deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

const headerModeOf = (decoding: Decoding): DecodeMode => (decoding.value === 'int' || decoding.value === 'long' ? 'auto' : decoding.value);

/** The fields a filter looks at, with the mode each is shown by (a header by the value's mode). */
function fieldsOf(record: RecordFields, field: 'key' | 'value' | 'header', header: string | undefined, decoding: Decoding): Array<[Buffer, DecodeMode]> {
  if (field === 'key') return record.key === null ? [] : [[record.key, decoding.key]];
  if (field === 'value') return record.value === null ? [] : [[record.value, decoding.value]];
  const mode = headerModeOf(decoding);
  const fields: Array<[Buffer, DecodeMode]> = [];
  for (const candidate of record.headers) if ((header === undefined || candidate.key === header) && candidate.value !== null) fields.push([candidate.value, mode]);
  return fields;
}

/** The texts a filter sees of a field (decoded by the search's mode): what the view shows, uncut. */
function fieldText(record: RecordFields, field: 'key' | 'value' | 'header', header: string | undefined, decoding: Decoding): string[] {
  return fieldsOf(record, field, header, decoding).map(([bytes, mode]) => searchableText(bytes, mode)!);
}

function compileOne(filter: Exclude<RecordFilter, { kind: 'predicate' }>, decoding: Decoding): RecordTest {
  switch (filter.kind) {
    case 'contains': {
      if (filter.caseSensitive) {
        // Text fields are matched on their bytes (the UTF-8 of the needle is in the bytes exactly when
        // the needle is in the text); others (hex, base64, …) on the text they show as.
        const needleBytes = Buffer.from(filter.text, 'utf8');
        return (record) =>
          fieldsOf(record, filter.field, filter.header, decoding).some(([bytes, mode]) => (showsAsText(bytes, mode) ? bytes.indexOf(needleBytes) >= 0 : searchableText(bytes, mode)!.includes(filter.text)));
      }
      const needle = filter.text.toLowerCase();
      return (record) => fieldText(record, filter.field, filter.header, decoding).some((text) => text.toLowerCase().includes(needle));
    }
    case 'regex': {
      let pattern: RegExp;
      try {
        pattern = new RegExp(filter.pattern, filter.flags);
      } catch (error) {
        throw new FilterError(`regular expression /${filter.pattern}/${filter.flags} does not compile: ${(error as Error).message}`);
      }
      return (record) => fieldText(record, filter.field, filter.header, decoding).some((text) => pattern.test(text));
    }
    case 'jsonPath': {
      const steps = parseJsonPath(filter.path);
      let expected: unknown;
      try {
        expected = JSON.parse(filter.equals);
      } catch {
        expected = filter.equals; // not a JSON literal: compare as text
      }
      return (record) => {
        if (record.value === null) return false;
        let parsed: unknown;
        try {
          parsed = JSON.parse(record.value.toString('utf8'));
        } catch {
          return false;
        }
        const found = valueAt(parsed, steps);
        return deepEqual(found, expected) || (typeof expected === 'string' && typeof found !== 'object' && found !== undefined && String(found) === expected);
      };
    }
  }
}

/** One test for every filter but the predicate (null when there are none). */
export function compileFilters(filters: readonly RecordFilter[], decoding: Decoding): RecordTest | null {
  const tests = filters.filter((filter): filter is Exclude<RecordFilter, { kind: 'predicate' }> => filter.kind !== 'predicate').map((filter) => compileOne(filter, decoding));
  if (tests.length === 0) return null;
  if (tests.length === 1) return tests[0];
  return (record) => tests.every((test) => test(record));
}
