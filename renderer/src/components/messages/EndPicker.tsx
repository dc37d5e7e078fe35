/** Where a search stops: the newest record when it starts, an offset (in every partition), or a date and time (local). */
import type { SearchEnd } from '../../../../electron/contract';
import { fromDateTimeLocal, toDateTimeLocal } from '../../format/format-timestamp';

export interface EndDraft {
  to: SearchEnd['to'];
  offset: string;
  time: string;
}

export function endDraftOf(end: SearchEnd): EndDraft {
  return {
    to: end.to,
    offset: end.to === 'offset' ? String(end.offset) : '',
    time: toDateTimeLocal(end.to === 'time' ? end.timestamp : Date.now()),
  };
}

export function endOf(draft: EndDraft): { end: SearchEnd } | { problem: string } {
  if (draft.to === 'newest') return { end: { to: 'newest' } };
  if (draft.to === 'offset') {
    const offset = Number(draft.offset);
    if (draft.offset.trim() === '' || !Number.isSafeInteger(offset) || offset < 0) return { problem: 'The end offset is a whole number, 0 or more.' };
    return { end: { to: 'offset', offset } };
  }
  const timestamp = fromDateTimeLocal(draft.time);
  return timestamp === null || timestamp < 0 ? { problem: 'Pick the date and time to stop at.' } : { end: { to: 'time', timestamp } };
}

export function EndPicker({ draft, onChange }: { draft: EndDraft; onChange(draft: EndDraft): void }) {
  return (
    <div className="toolbar-field__row">
      <span className="filter-row__word">to</span>
      <select className="select" value={draft.to} onChange={(event) => onChange({ ...draft, to: event.target.value as EndDraft['to'] })} aria-label="Search up to" data-testid="search-end">
        <option value="newest">the newest record</option>
        <option value="offset">offset (exclusive)</option>
        <option value="time">date and time</option>
      </select>
      {draft.to === 'offset' && (
        <input className="input input--mono input--offset" inputMode="numeric" value={draft.offset} onChange={(event) => onChange({ ...draft, offset: event.target.value })} aria-label="End offset" data-testid="search-end-offset" />
      )}
      {draft.to === 'time' && (
        <input className="input input--time" type="datetime-local" step="1" value={draft.time} onChange={(event) => onChange({ ...draft, time: event.target.value })} aria-label="End date and time (local)" data-testid="search-end-time" />
      )}
    </div>
  );
}
