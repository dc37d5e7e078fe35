/**
 * A decoded key, value or header value in one line of a table: the text (hex and numbers in
 * monospace), `null` muted, a decoding error in red. At most PREVIEW_SHOWN characters reach the
 * page (the cell cuts further with an ellipsis); a field the host cut is marked so.
 */
import type { DecodedField } from '../../../../electron/contract';

const PREVIEW_SHOWN = 300;

export function FieldPreview({ field, wrap = false }: { field: DecodedField; wrap?: boolean }) {
  if (field.as === 'null') return <span className="field-preview field-preview--null">null</span>;
  if (field.as === 'error') return <span className="field-preview field-preview--error" title={field.text}>{field.text}</span>;
  const shown = wrap ? field.text : field.text.slice(0, PREVIEW_SHOWN);
  const cut = field.truncated || shown.length < field.text.length;
  const mono = field.as !== 'text';
  return (
    <span className={`field-preview${mono ? ' field-preview--mono' : ''}${wrap ? ' field-preview--wrap' : ''}`} data-as={field.as} data-truncated={field.truncated || undefined}>
      {shown === '' ? <span className="field-preview--null">empty</span> : shown}
      {cut && <span className="field-preview__cut">…</span>}
    </span>
  );
}
