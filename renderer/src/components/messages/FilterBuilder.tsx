/**
 * The filters of a search, written here and applied together by "Search" (all must match), over
 * the range from the toolbar's start to the end picked here. What the host refuses (a regex or
 * JSON path it cannot read, a predicate with a syntax error) is shown here, in place; "Clear"
 * goes back to browsing. In tail mode the same filters apply live ("Apply" restarts the tail
 * with them; there is no end).
 */
import { useState, type FormEvent } from 'react';
import type { RecordFilter, SearchEnd } from '../../../../electron/contract';
import { useAppStore } from '../../store/use-app-store';
import { selectMessagesSearch } from '../../store/messages';
import { EndPicker, endDraftOf, endOf, type EndDraft } from './EndPicker';
import { draftOf, filterOf, newDraft, type FilterDraft } from './filter-drafts';
import { FilterRow } from './FilterRow';

interface FilterBuilderProps {
  filters: RecordFilter[];
  end: SearchEnd;
  disabled: boolean;
  onSearch(filters: RecordFilter[], end: SearchEnd): void;
  onClear(): void;
  /** Tail mode: filters apply to the live tail (no end to pick), and the host's refusal comes from the tail. */
  live?: { refusal: string | null };
}

export function FilterBuilder({ filters, end, disabled, onSearch, onClear, live }: FilterBuilderProps) {
  const search = useAppStore(selectMessagesSearch);
  const [drafts, setDrafts] = useState<FilterDraft[]>(() => filters.map(draftOf));
  const [endDraft, setEndDraft] = useState<EndDraft>(() => endDraftOf(end));
  const [problems, setProblems] = useState<Record<number, string>>({});
  const [endProblem, setEndProblem] = useState<string | null>(null);
  const refusal = live ? live.refusal : (search?.error?.message ?? null);

  const change = (draft: FilterDraft) => {
    setDrafts(drafts.map((candidate) => (candidate.id === draft.id ? draft : candidate)));
    if (problems[draft.id]) setProblems({ ...problems, [draft.id]: '' });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<number, string> = {};
    const written: RecordFilter[] = [];
    for (const draft of drafts) {
      const result = filterOf(draft);
      if ('problem' in result) found[draft.id] = result.problem;
      else written.push(result.filter);
    }
    const range = endOf(endDraft);
    setProblems(found);
    setEndProblem('problem' in range ? range.problem : null);
    if (Object.keys(found).length > 0 || 'problem' in range || written.length === 0) return;
    onSearch(written, range.end);
  };

  return (
    <form className="filters" onSubmit={submit} noValidate data-testid="filter-builder">
      <div className="filters__head">
        <span className="filters__title">Filters</span>
        {drafts.length === 0 && <span className="panel__note">{live ? 'None: every record arriving is listed. Add one to list only those that match.' : 'None: every record is listed. Add one to search the range instead.'}</span>}
        <button type="button" className="button button--small" onClick={() => setDrafts([...drafts, newDraft()])} disabled={drafts.length >= 20} data-testid="filter-add">
          Add filter
        </button>
        {filters.length > 0 && (
          <button type="button" className="button button--small button--quiet" onClick={onClear} data-testid="search-clear">
            {live ? 'Clear the filters' : 'Clear and browse'}
          </button>
        )}
      </div>
      {drafts.map((draft) => (
        <FilterRow key={draft.id} draft={draft} problem={problems[draft.id] || null} onChange={change} onRemove={() => setDrafts(drafts.filter((candidate) => candidate.id !== draft.id))} />
      ))}
      {drafts.length > 0 && (
        <div className="filters__foot">
          {live ? (
            <span className="panel__note">{drafts.length > 1 ? 'Records arriving that match every filter' : 'Records arriving that match'}</span>
          ) : (
            <>
              <span className="panel__note">{drafts.length > 1 ? 'Records matching every filter, from the start position' : 'From the start position'}</span>
              <EndPicker draft={endDraft} onChange={setEndDraft} />
            </>
          )}
          <button type="submit" className="button button--primary button--small" disabled={disabled} data-testid="search-submit">
            {live ? 'Apply to the tail' : 'Search'}
          </button>
        </div>
      )}
      {endProblem && (
        <span className="field__problem" data-testid="search-end-problem">
          {endProblem}
        </span>
      )}
      {refusal && (
        <div className="form-error" role="alert" data-testid="search-error">
          {refusal}
        </div>
      )}
    </form>
  );
}
