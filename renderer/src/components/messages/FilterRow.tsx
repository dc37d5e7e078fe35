/** One filter being written: its kind and the fields that kind takes. */
import type { FilterDraft, FilterField, FilterKind } from './filter-drafts';

const KINDS: Array<[FilterKind, string]> = [
  ['contains', 'Contains'],
  ['regex', 'Matches regex'],
  ['jsonPath', 'JSON path equals'],
  ['predicate', 'JavaScript predicate'],
];

interface FilterRowProps {
  draft: FilterDraft;
  problem: string | null;
  onChange(draft: FilterDraft): void;
  onRemove(): void;
}

export function FilterRow({ draft, problem, onChange, onRemove }: FilterRowProps) {
  const update = (patch: Partial<FilterDraft>) => onChange({ ...draft, ...patch });
  const invalid = problem ? ' input--invalid' : '';
  return (
    <div className="filter-row" data-testid="filter-row" data-kind={draft.kind}>
      <div className="filter-row__fields">
        <select className="select" value={draft.kind} onChange={(event) => update({ kind: event.target.value as FilterKind })} aria-label="Kind of filter" data-testid="filter-kind">
          {KINDS.map(([kind, label]) => (
            <option key={kind} value={kind}>
              {label}
            </option>
          ))}
        </select>
        {(draft.kind === 'contains' || draft.kind === 'regex') && (
          <>
            <select className="select" value={draft.field} onChange={(event) => update({ field: event.target.value as FilterField })} aria-label="Where to look" data-testid="filter-field">
              <option value="value">in the value</option>
              <option value="key">in the key</option>
              <option value="header">in a header</option>
            </select>
            {draft.field === 'header' && (
              <input className="input input--mono input--header" value={draft.header} onChange={(event) => update({ header: event.target.value })} placeholder="header key (any)" aria-label="Header key" data-testid="filter-header" />
            )}
          </>
        )}
        {draft.kind === 'contains' && (
          <>
            <input className={`input filter-row__grow${invalid}`} value={draft.text} onChange={(event) => update({ text: event.target.value })} placeholder="text to find" aria-label="Text to find" data-testid="filter-text" />
            <label className="toggle">
              <input type="checkbox" checked={draft.caseSensitive} onChange={(event) => update({ caseSensitive: event.target.checked })} data-testid="filter-case" />
              Match case
            </label>
          </>
        )}
        {draft.kind === 'regex' && (
          <>
            <input className={`input input--mono filter-row__grow${invalid}`} value={draft.pattern} onChange={(event) => update({ pattern: event.target.value })} placeholder="^order-\d+$" aria-label="Regular expression" data-testid="filter-pattern" spellCheck={false} />
            <input className="input input--mono input--flags" value={draft.flags} onChange={(event) => update({ flags: event.target.value })} placeholder="flags" aria-label="Regular expression flags" data-testid="filter-flags" spellCheck={false} />
          </>
        )}
        {draft.kind === 'jsonPath' && (
          <>
            <input className={`input input--mono filter-row__grow${invalid}`} value={draft.path} onChange={(event) => update({ path: event.target.value })} placeholder="$.customer.id" aria-label="JSON path in the value" data-testid="filter-path" spellCheck={false} />
            <span className="filter-row__word">equals</span>
            <input className="input input--mono filter-row__grow" value={draft.equals} onChange={(event) => update({ equals: event.target.value })} placeholder='42, "text", true, null' aria-label="Value it equals (JSON, or text)" data-testid="filter-equals" spellCheck={false} />
          </>
        )}
        <button type="button" className="icon-button icon-button--danger" onClick={onRemove} aria-label="Remove this filter" title="Remove this filter" data-testid="filter-remove">
          <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M3.5 3.5l9 9M12.5 3.5l-9 9" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
        </button>
      </div>
      {draft.kind === 'predicate' && (
        <div className="filter-row__predicate">
          <textarea
            className={`input input--mono filter-row__source${invalid}`}
            value={draft.source}
            onChange={(event) => update({ source: event.target.value })}
            rows={2}
            spellCheck={false}
            aria-label="Predicate: (record) => boolean"
            data-testid="filter-source"
          />
          <p className="field__help">
            <code>(record) =&gt; boolean</code>, run in a sandbox. <code>record</code> has <code>partition</code>, <code>offset</code>, <code>timestamp</code>, <code>key</code> and <code>value</code> (parsed JSON, or text), <code>keyText</code>, <code>valueText</code> and <code>headers</code> (key → text).
          </p>
        </div>
      )}
      {problem && (
        <span className="field__problem" data-testid="filter-problem">
          {problem}
        </span>
      )}
    </div>
  );
}
