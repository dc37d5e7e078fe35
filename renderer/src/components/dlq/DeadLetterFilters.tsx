/**
 * The list's filters: reason and source topic (from the topic's summary), state, and when they
 * died (from, to; local time). Each change reads the list again at once; a time is applied once
 * it is a whole date and time (or emptied).
 */
import { useState } from 'react';
import { deadLetterStateSchema, noDeadLetterFilter, type DeadLetterFilter, type DeadLetterSummary } from '../../../../electron/contract';
import { fromDateTimeLocal, toDateTimeLocal } from '../../format/format-timestamp';

interface FiltersProps {
  filter: DeadLetterFilter;
  summary: DeadLetterSummary | null;
  onChange(patch: Partial<DeadLetterFilter>): void;
}

const ANY = '';

function withCurrent(names: string[], current: string | null): string[] {
  return current !== null && !names.includes(current) ? [current, ...names] : names;
}

export function DeadLetterFilters({ filter, summary, onChange }: FiltersProps) {
  const reasons = withCurrent(summary?.byReason.map((entry) => entry.name) ?? [], filter.reason);
  const sources = withCurrent(summary?.bySource.map((entry) => entry.name) ?? [], filter.sourceTopic);
  const filtered = JSON.stringify(filter) !== JSON.stringify(noDeadLetterFilter);
  return (
    <div className="messages-toolbar dlq-filters" data-testid="dlq-filters">
      <label className="toolbar-field dlq-filters__reason">
        <span className="toolbar-field__label">Reason</span>
        <select className="select" value={filter.reason ?? ANY} onChange={(event) => onChange({ reason: event.target.value === ANY ? null : event.target.value })} data-testid="dlq-filter-reason">
          <option value={ANY}>any reason</option>
          {reasons.map((reason) => (
            <option key={reason} value={reason}>
              {reason}
            </option>
          ))}
        </select>
      </label>
      <label className="toolbar-field">
        <span className="toolbar-field__label">Source topic</span>
        <select className="select select--topic" value={filter.sourceTopic ?? ANY} onChange={(event) => onChange({ sourceTopic: event.target.value === ANY ? null : event.target.value })} data-testid="dlq-filter-source">
          <option value={ANY}>any topic</option>
          {sources.map((source) => (
            <option key={source} value={source}>
              {source}
            </option>
          ))}
        </select>
      </label>
      <label className="toolbar-field">
        <span className="toolbar-field__label">State</span>
        <select
          className="select"
          value={filter.state ?? ANY}
          onChange={(event) => {
            const state = deadLetterStateSchema.safeParse(event.target.value);
            onChange({ state: state.success ? state.data : null });
          }}
          data-testid="dlq-filter-state"
        >
          <option value={ANY}>any state</option>
          <option value="dead">dead</option>
          <option value="replayed">replayed</option>
          <option value="discarded">discarded</option>
        </select>
      </label>
      <TimeField label="Died from" value={filter.from} onChange={(from) => onChange({ from })} testId="dlq-filter-from" />
      <TimeField label="Died before" value={filter.to} onChange={(to) => onChange({ to })} testId="dlq-filter-to" />
      <button type="button" className="button button--small button--quiet dlq-filters__clear" onClick={() => onChange(noDeadLetterFilter)} disabled={!filtered} data-testid="dlq-filter-clear">
        Clear
      </button>
    </div>
  );
}

function TimeField({ label, value, onChange, testId }: { label: string; value: number | null; onChange(value: number | null): void; testId: string }) {
  const shown = value === null ? '' : toDateTimeLocal(value);
  // What is typed, until it is a time (or empty); reset when the filter changes elsewhere.
  const [draft, setDraft] = useState<{ for: string; text: string } | null>(null);
  const text = draft !== null && draft.for === shown ? draft.text : shown;
  return (
    <label className="toolbar-field">
      <span className="toolbar-field__label">{label}</span>
      <input
        type="datetime-local"
        step="1"
        className="input input--time"
        value={text}
        onChange={(event) => {
          const typed = event.target.value;
          setDraft({ for: shown, text: typed });
          if (typed === '') onChange(null);
          else {
            const epochMs = fromDateTimeLocal(typed);
            if (epochMs !== null && epochMs >= 0) onChange(epochMs);
          }
        }}
        data-testid={testId}
      />
    </label>
  );
}
