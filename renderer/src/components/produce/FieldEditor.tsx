/**
 * One field of the produce form (the key, the value, a header's value): its text, the encoding it
 * is given in (text, JSON, hex, base64) and "null" (no bytes at all). JSON is checked as it is
 * typed (after the placeholders are filled in, for a bulk template) and the verdict shown under
 * it; a problem found when sending is shown the same way.
 */
import { useDeferredValue, useMemo } from 'react';
import type { FieldEncoding } from '../../../../electron/contract';
import { fieldProblem, type FieldDraft } from '../../store/produce';

const ENCODINGS: Array<[FieldEncoding, string]> = [
  ['text', 'Text'],
  ['json', 'JSON'],
  ['hex', 'Hex'],
  ['base64', 'Base64'],
];

interface FieldEditorProps {
  /** Names the test ids (`produce-<name>-…`) and the labels. */
  name: string;
  label: string;
  field: FieldDraft;
  onChange(field: FieldDraft): void;
  /** Placeholders are allowed (a bulk template). */
  template: boolean;
  /** A problem found when sending. */
  problem?: string | null;
  rows?: number;
  /** One line (a header's value) instead of a text area. */
  inline?: boolean;
}

export function FieldEditor({ name, label, field, onChange, template, problem, rows = 4, inline = false }: FieldEditorProps) {
  // Checked on a deferred copy, so typing in a large value stays smooth.
  const deferred = useDeferredValue(field);
  const live = useMemo(() => (deferred.text === '' && deferred.encoding !== 'json' ? null : fieldProblem(deferred, label.toLowerCase(), template)), [deferred, label, template]);
  const shownProblem = problem ?? (field.text === '' ? null : live);
  const testId = `produce-${name}`;
  const invalid = shownProblem ? ' input--invalid' : '';
  const controls = (
    <>
      <select className="select select--small" value={field.encoding} onChange={(event) => onChange({ ...field, encoding: event.target.value as FieldEncoding })} aria-label={`${label} encoding`} disabled={field.isNull} data-testid={`${testId}-encoding`}>
        {ENCODINGS.map(([encoding, text]) => (
          <option key={encoding} value={encoding}>
            {text}
          </option>
        ))}
      </select>
      <label className="toggle" title="No bytes at all (a null key, a tombstone value)">
        <input type="checkbox" checked={field.isNull} onChange={(event) => onChange({ ...field, isNull: event.target.checked })} data-testid={`${testId}-null`} />
        null
      </label>
    </>
  );
  if (inline) {
    return (
      <div className="field-editor field-editor--inline" data-testid={testId}>
        <input
          className={`input input--mono input--small${invalid}`}
          value={field.isNull ? '' : field.text}
          placeholder={field.isNull ? 'null' : 'value'}
          disabled={field.isNull}
          onChange={(event) => onChange({ ...field, text: event.target.value })}
          aria-label={label}
          spellCheck={false}
          data-testid={`${testId}-text`}
        />
        {controls}
        {shownProblem && (
          <span className="field__problem field-editor__problem" data-testid={`${testId}-problem`}>
            {shownProblem}
          </span>
        )}
      </div>
    );
  }
  return (
    <div className="field-editor" data-testid={testId}>
      <div className="field-editor__bar">
        <span className="field__label">{label}</span>
        {controls}
        {field.encoding === 'json' && !field.isNull && field.text !== '' && !shownProblem && (
          <span className="field-editor__ok" data-testid={`${testId}-json-ok`}>
            valid JSON
          </span>
        )}
      </div>
      <textarea
        className={`input input--mono field-editor__text${invalid}`}
        value={field.isNull ? '' : field.text}
        placeholder={field.isNull ? `null: the record has no ${label.toLowerCase()}` : field.encoding === 'json' ? '{"id": 1}' : ''}
        disabled={field.isNull}
        rows={rows}
        spellCheck={false}
        onChange={(event) => onChange({ ...field, text: event.target.value })}
        aria-label={label}
        data-testid={`${testId}-text`}
      />
      {shownProblem && (
        <span className="field__problem" role="status" data-testid={`${testId}-problem`}>
          {shownProblem}
        </span>
      )}
    </div>
  );
}
