/**
 * A decoded key or value in the detail panel: JSON as a collapsible tree (or its text), text,
 * hex, base64 and numbers as they are, `null` and a decoding error said in words. A preview cut
 * by the host says so and offers the whole field.
 */
import { useMemo, useState } from 'react';
import type { DecodedField } from '../../../../electron/contract';
import { formatBytes } from '../../format/format-bytes';
import { formatCount } from '../../format/format-count';
import { CopyButton } from '../common/CopyButton';
import { JsonTree } from './JsonTree';
import { parseJsonTree } from './json-source';
import { LongText } from './LongText';

interface FieldViewProps {
  /** `key` or `value`: names the test ids and the copy button. */
  name: 'key' | 'value';
  field: DecodedField;
  /** The field is the whole one (messages.get), not the table's preview. */
  whole: boolean;
  loading: boolean;
  onLoadWhole(): void;
}

const AS_LABEL: Record<DecodedField['as'], string> = {
  json: 'JSON',
  text: 'text',
  hex: 'hex',
  base64: 'base64',
  int: 'int (4 bytes, big-endian)',
  long: 'long (8 bytes, big-endian)',
  null: 'null',
  error: 'not decodable',
};

export function FieldView({ name, field, whole, loading, onLoadWhole }: FieldViewProps) {
  const [asText, setAsText] = useState(false);
  const tree = useMemo(() => (field.as === 'json' && !field.truncated ? parseJsonTree(field.text) : null), [field]);
  const testId = `detail-${name}`;
  return (
    <div className="field-view" data-testid={testId} data-as={field.as}>
      <div className="field-view__bar">
        <span className="field-view__as" data-testid={`${testId}-as`}>
          {AS_LABEL[field.as]}
        </span>
        <span className="field-view__size">{field.as === 'null' ? 'no bytes' : formatBytes(field.bytes)}</span>
        {tree && (
          <div className="segmented" role="group" aria-label={`Show the ${name} as`}>
            <button type="button" className={asText ? 'segmented__item' : 'segmented__item segmented__item--active'} aria-pressed={!asText} onClick={() => setAsText(false)} data-testid={`${testId}-tree-mode`}>
              Tree
            </button>
            <button type="button" className={asText ? 'segmented__item segmented__item--active' : 'segmented__item'} aria-pressed={asText} onClick={() => setAsText(true)} data-testid={`${testId}-text-mode`}>
              Text
            </button>
          </div>
        )}
        {field.as !== 'null' && <CopyButton text={field.text} label={`Copy the ${name}`} testId={`${testId}-copy`} />}
      </div>
      {field.truncated && (
        <div className="detail__note" data-testid={`${testId}-truncated`}>
          {whole
            ? `Shown in part: the first ${formatCount(field.text.length)} characters of ${formatBytes(field.bytes)} (the most one record shows).`
            : `A preview: the first ${formatCount(field.text.length)} characters of ${formatBytes(field.bytes)}.`}
          {!whole && (
            <button type="button" className="button button--small" onClick={onLoadWhole} disabled={loading} data-testid={`${testId}-load-whole`}>
              {loading ? 'Reading…' : `Show the whole ${name}`}
            </button>
          )}
        </div>
      )}
      <FieldBody name={name} field={field} tree={asText ? null : tree} />
    </div>
  );
}

function FieldBody({ name, field, tree }: { name: string; field: DecodedField; tree: ReturnType<typeof parseJsonTree> }) {
  const testId = `detail-${name}-body`;
  if (field.as === 'null') return <div className="detail__muted" data-testid={testId}>null: the record has no {name}</div>;
  if (field.as === 'error')
    return (
      <div className="detail__error" role="status" data-testid={testId}>
        {field.text}
      </div>
    );
  if (tree) return <JsonTree root={tree} testId={`${testId}-tree`} />;
  if (field.text === '') return <div className="detail__muted" data-testid={testId}>empty ({field.as === 'text' ? '0 characters' : '0 bytes'})</div>;
  return <LongText text={field.text} className={field.as === 'text' || field.as === 'json' ? undefined : 'long-text__pre--mono'} testId={testId} />;
}
