/**
 * The produce form as it is being written, and what it stands for in the contract.
 *
 * A draft holds text as typed (key, value and header values each with an encoding, or null; the
 * partition and the timestamp as the inputs hold them), so nothing typed is lost while it is not
 * valid yet. `recordOf` turns it into a `ProducedRecord` or says, per field, what is wrong: JSON
 * that does not parse (checked as it is typed), hex or base64 that is not, a partition that is no
 * number. A bulk template is checked the same way after its placeholders are replaced by sample
 * values (`{{index}}` → 0, …), so `{"n": {{index}}}` is valid JSON and `{"n": {{index}}` is not.
 */
import { MAX_FIELD_CHARS, type FieldEncoding, type ProducedField, type ProducedRecord, type ProduceSettings } from '../../../../electron/contract';
import { fromDateTimeLocal, toDateTimeLocal } from '../../format/format-timestamp';

export interface FieldDraft {
  text: string;
  encoding: FieldEncoding;
  /** No bytes at all (Kafka's null key, a tombstone value, a null header value). */
  isNull: boolean;
}

export interface HeaderDraft {
  /** Stable per row, for React keys. */
  id: number;
  key: string;
  value: FieldDraft;
}

export interface ProduceDraft {
  key: FieldDraft;
  value: FieldDraft;
  headers: HeaderDraft[];
  /** The partition for the explicit partitioner, as typed. */
  partition: string;
  /** A local date and time (datetime-local), or '' for the time of sending. */
  timestamp: string;
  settings: ProduceSettings;
  /** Bulk: how many records, and at most how many a second ('' = as fast as it goes). */
  count: string;
  rate: string;
}

/** A draft field's problem, by where it is: `key`, `value`, `header:<id>`, `header-key:<id>`, `partition`, `timestamp`, `count`, `rate`. */
export type DraftProblems = Record<string, string>;

let nextHeaderId = 1;

export const emptyField = (encoding: FieldEncoding = 'text', isNull = false): FieldDraft => ({ text: '', encoding, isNull });

export function headerDraft(key = '', value: FieldDraft = emptyField()): HeaderDraft {
  return { id: nextHeaderId++, key, value };
}

export const DEFAULT_PRODUCE_SETTINGS: ProduceSettings = { partitioner: 'murmur2', compression: 'none', acks: -1 };

export function emptyDraft(): ProduceDraft {
  return { key: emptyField('text', true), value: emptyField('json'), headers: [], partition: '0', timestamp: '', settings: DEFAULT_PRODUCE_SETTINGS, count: '1000', rate: '' };
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** The text with each placeholder replaced by a sample of what it renders to. */
export function samplePlaceholders(text: string): string {
  return text.replace(PLACEHOLDER, (whole, body: string) => {
    const [name, first] = body.trim().split(/\s+/);
    switch (name) {
      case 'index':
      case 'timestamp':
        return '0';
      case 'uuid':
        return '00000000-0000-4000-8000-000000000000';
      case 'randomInt':
        return /^-?\d+$/.test(first ?? '') ? first : '0';
      case 'pick':
        return (first ?? '').replace(/^"/, '');
      default:
        return whole;
    }
  });
}

/** Why a JSON text does not parse, in words; null when it does. */
export function jsonProblem(text: string): string | null {
  if (text.trim() === '') return 'it is empty (choose null for no value)';
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Why a field's text is not valid in its encoding; null when it is. `template`: placeholders allowed. */
export function fieldProblem(field: FieldDraft, what: string, template = false): string | null {
  if (field.isNull) return null;
  if (field.text.length > MAX_FIELD_CHARS) return `The ${what} is ${field.text.length.toLocaleString('en-US')} characters long; the form sends at most ${MAX_FIELD_CHARS.toLocaleString('en-US')}.`;
  const text = template ? samplePlaceholders(field.text) : field.text;
  switch (field.encoding) {
    case 'json': {
      const problem = jsonProblem(text);
      return problem === null ? null : `The ${what} is not valid JSON${template ? ' (with its placeholders filled in)' : ''}: ${problem}`;
    }
    case 'hex': {
      const compact = text.replace(/\s+/g, '');
      if (!/^[0-9a-fA-F]*$/.test(compact)) return `The ${what} is not hex: use the digits 0-9 and a-f (spaces are ignored).`;
      return compact.length % 2 === 0 ? null : `The ${what} has an odd number of hex digits: each byte is two.`;
    }
    case 'base64':
      return /^[A-Za-z0-9+/_-]*={0,2}$/.test(text.replace(/\s+/g, '')) ? null : `The ${what} is not base64: use A-Z, a-z, 0-9, + and / (or - and _), with = padding at the end.`;
    case 'text':
      return null;
  }
}

function fieldOf(field: FieldDraft): ProducedField {
  return field.isNull ? null : { text: field.text, encoding: field.encoding };
}

/** A whole number in a text input, or null. */
function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,15}$/.test(trimmed)) return null;
  return Number(trimmed);
}

/** The record the draft stands for, or its problems. `template`: a bulk template (placeholders allowed). */
export function recordOf(draft: ProduceDraft, template = false): { record: ProducedRecord } | { problems: DraftProblems } {
  const problems: DraftProblems = {};
  const keyProblem = fieldProblem(draft.key, 'key', template);
  if (keyProblem) problems.key = keyProblem;
  const valueProblem = fieldProblem(draft.value, 'value', template);
  if (valueProblem) problems.value = valueProblem;
  for (const header of draft.headers) {
    if (header.key.trim() === '') problems[`header-key:${header.id}`] = 'A header needs a key.';
    const problem = fieldProblem(header.value, `value of header "${header.key}"`, template);
    if (problem) problems[`header:${header.id}`] = problem;
  }
  let partition: number | undefined;
  if (draft.settings.partitioner === 'explicit') {
    const parsed = wholeNumber(draft.partition);
    if (parsed === null) problems.partition = 'The partition is a whole number, 0 or more.';
    else partition = parsed;
  }
  let timestamp: number | undefined;
  if (draft.timestamp !== '') {
    const parsed = fromDateTimeLocal(draft.timestamp);
    if (parsed === null || parsed < 0) problems.timestamp = 'Pick a date and a time, or clear it to use the time of sending.';
    else timestamp = parsed;
  }
  if (Object.keys(problems).length > 0) return { problems };
  const record: ProducedRecord = {
    key: fieldOf(draft.key),
    value: fieldOf(draft.value),
    headers: draft.headers.map((header) => ({ key: header.key, value: fieldOf(header.value) })),
  };
  if (partition !== undefined) record.partition = partition;
  if (timestamp !== undefined) record.timestamp = timestamp;
  return { record };
}

/** A bulk run's count and rate, or their problems. */
export function bulkSizeOf(draft: ProduceDraft): { count: number; ratePerSecond: number | null } | { problems: DraftProblems } {
  const problems: DraftProblems = {};
  const count = wholeNumber(draft.count);
  if (count === null || count < 1 || count > 100_000_000) problems.count = 'How many records: a whole number from 1 to 100,000,000.';
  let ratePerSecond: number | null = null;
  if (draft.rate.trim() !== '') {
    ratePerSecond = wholeNumber(draft.rate);
    if (ratePerSecond === null || ratePerSecond < 1 || ratePerSecond > 10_000_000) problems.rate = 'Records a second: a whole number from 1 to 10,000,000, or empty for as fast as it goes.';
  }
  if (Object.keys(problems).length > 0) return { problems };
  return { count: count!, ratePerSecond };
}

/** A draft holding a saved template's record and settings (the count and rate kept as they are). */
export function draftOfTemplate(current: ProduceDraft, record: ProducedRecord, settings: ProduceSettings): ProduceDraft {
  const field = (produced: ProducedField, fallback: FieldEncoding): FieldDraft => (produced === null ? emptyField(fallback, true) : { text: produced.text, encoding: produced.encoding, isNull: false });
  return {
    ...current,
    key: field(record.key, 'text'),
    value: field(record.value, 'json'),
    headers: record.headers.map((header) => headerDraft(header.key, field(header.value, 'text'))),
    partition: record.partition === undefined ? current.partition : String(record.partition),
    timestamp: record.timestamp === undefined ? '' : toDateTimeLocal(record.timestamp),
    settings,
  };
}
