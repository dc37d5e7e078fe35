/** The produce form's headers: key and value per row (a value in any encoding, or null), added and removed freely; repeated keys are kept. */
import { headerDraft, type DraftProblems, type HeaderDraft } from '../../store/produce';
import { FieldEditor } from './FieldEditor';

interface HeadersEditorProps {
  headers: HeaderDraft[];
  onChange(headers: HeaderDraft[]): void;
  template: boolean;
  problems: DraftProblems;
}

export function HeadersEditor({ headers, onChange, template, problems }: HeadersEditorProps) {
  const update = (id: number, patch: Partial<HeaderDraft>) => onChange(headers.map((header) => (header.id === id ? { ...header, ...patch } : header)));
  return (
    <div className="headers-editor" data-testid="produce-headers">
      <div className="field-editor__bar">
        <span className="field__label">Headers</span>
        <button type="button" className="button button--small" onClick={() => onChange([...headers, headerDraft()])} disabled={headers.length >= 1000} data-testid="produce-header-add">
          Add header
        </button>
      </div>
      {headers.length === 0 && <span className="field__help">None.</span>}
      {headers.map((header, index) => (
        <div className="headers-editor__row" key={header.id} data-testid="produce-header">
          <input
            className={problems[`header-key:${header.id}`] ? 'input input--mono input--small headers-editor__key input--invalid' : 'input input--mono input--small headers-editor__key'}
            value={header.key}
            placeholder="key"
            onChange={(event) => update(header.id, { key: event.target.value })}
            aria-label={`Header ${index + 1} key`}
            spellCheck={false}
            data-testid="produce-header-key"
          />
          <FieldEditor name="header-value" label={`Header ${index + 1} value`} field={header.value} onChange={(value) => update(header.id, { value })} template={template} problem={problems[`header:${header.id}`]} inline />
          <button type="button" className="icon-button icon-button--danger" onClick={() => onChange(headers.filter((candidate) => candidate.id !== header.id))} aria-label={`Remove header ${index + 1}`} data-testid="produce-header-remove">
            <svg width="12" height="12" viewBox="0 0 16 16" aria-hidden="true">
              <path d="M3.5 3.5l9 9M12.5 3.5l-9 9" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
            </svg>
          </button>
          {problems[`header-key:${header.id}`] && <span className="field__problem headers-editor__problem">{problems[`header-key:${header.id}`]}</span>}
        </div>
      ))}
    </div>
  );
}
