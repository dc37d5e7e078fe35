/** The topic's saved templates: fill the form from one, delete one, or save the form as one (a name saved again is replaced). */
import { useState, type FormEvent } from 'react';
import { formatTimestamp } from '../../format/format-timestamp';
import { useAppStore } from '../../store/use-app-store';
import { selectProduceTemplates } from '../../store/produce';
import { useProduceActions } from './use-produce-actions';

export function TemplatesBar() {
  const templates = useAppStore(selectProduceTemplates);
  const { saveTemplate, useTemplate: applyTemplate, deleteTemplate } = useProduceActions();
  const [chosen, setChosen] = useState('');
  const [name, setName] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const list = templates?.templates ?? [];
  const current = list.some((template) => template.name === chosen) ? chosen : (list[0]?.name ?? '');

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return setMessage({ text: 'Name the template first.', error: true });
    const result = await saveTemplate(name);
    if (result.ok) {
      setMessage({ text: `Saved “${name.trim()}”.`, error: false });
      setChosen(name.trim());
      setName('');
    } else setMessage({ text: 'problems' in result ? 'The form has problems: fix them in the Record or Bulk tab, then save.' : result.message, error: true });
  };

  return (
    <div className="templates-bar" data-testid="produce-templates">
      <div className="templates-bar__row">
        <span className="field__label">Templates</span>
        {list.length === 0 ? (
          <span className="field__help" data-testid="produce-templates-empty">
            {templates?.loading ? 'Reading…' : 'None saved for this topic yet.'}
          </span>
        ) : (
          <>
            <select className="select select--small templates-bar__select" value={current} onChange={(event) => setChosen(event.target.value)} aria-label="Saved template" data-testid="produce-template-choice">
              {list.map((template) => (
                <option key={template.name} value={template.name} title={`saved ${formatTimestamp(template.savedAt)}`}>
                  {template.name}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                applyTemplate(current);
                setMessage(null);
              }}
              data-testid="produce-template-use"
            >
              Use
            </button>
            <button
              type="button"
              className="button button--small button--quiet"
              onClick={() =>
                void deleteTemplate(current).then((result) => setMessage(result.ok ? { text: `Deleted “${current}”.`, error: false } : { text: result.message, error: true }))
              }
              data-testid="produce-template-delete"
            >
              Delete
            </button>
          </>
        )}
      </div>
      <form className="templates-bar__row" onSubmit={(event) => void save(event)} noValidate>
        <input className="input input--small templates-bar__name" value={name} onChange={(event) => setName(event.target.value)} placeholder="Save the form as…" maxLength={200} aria-label="Template name" data-testid="produce-template-name" />
        <button type="submit" className="button button--small" data-testid="produce-template-save">
          Save
        </button>
        {message && (
          <span className={message.error ? 'field__problem' : 'field__help'} role="status" data-testid="produce-template-message">
            {message.text}
          </span>
        )}
      </form>
      {templates?.error && <span className="field__problem">The templates could not be read: {templates.error}</span>}
    </div>
  );
}
