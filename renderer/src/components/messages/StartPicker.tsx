/**
 * Where reading starts: the newest records (listed newest first), the oldest, an offset (in
 * every partition read) or a date and time (local). Newest and oldest apply at once; an offset or
 * a time applies on Enter or "Go", once it is a valid one.
 */
import { useState, type FormEvent } from 'react';
import type { StartPosition } from '../../../../electron/contract';
import { fromDateTimeLocal, toDateTimeLocal } from '../../format/format-timestamp';

type From = StartPosition['from'];

const LABELS: Record<From, string> = { newest: 'Newest', oldest: 'Oldest', offset: 'Offset', time: 'Time' };

export function StartPicker({ start, onChange }: { start: StartPosition; onChange(start: StartPosition): void }) {
  const [from, setFrom] = useState<From>(start.from);
  const [offset, setOffset] = useState(start.from === 'offset' ? String(start.offset) : '0');
  const [time, setTime] = useState(() => toDateTimeLocal(start.from === 'time' ? start.timestamp : Date.now() - 3_600_000));
  const [problem, setProblem] = useState<string | null>(null);

  const choose = (next: From) => {
    setFrom(next);
    setProblem(null);
    if (next === 'newest' || next === 'oldest') onChange({ from: next });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (from === 'offset') {
      const value = Number(offset);
      if (offset.trim() === '' || !Number.isSafeInteger(value) || value < 0) return setProblem('An offset is a whole number, 0 or more.');
      setProblem(null);
      onChange({ from: 'offset', offset: value });
    } else if (from === 'time') {
      const timestamp = fromDateTimeLocal(time);
      if (timestamp === null || timestamp < 0) return setProblem('Pick a date and a time.');
      setProblem(null);
      onChange({ from: 'time', timestamp });
    }
  };

  return (
    <form className="toolbar-field toolbar-field--start" onSubmit={submit} noValidate>
      <span className="toolbar-field__label">Start at</span>
      <div className="toolbar-field__row">
        <select className="select" value={from} onChange={(event) => choose(event.target.value as From)} data-testid="messages-start">
          {(Object.keys(LABELS) as From[]).map((option) => (
            <option key={option} value={option}>
              {LABELS[option]}
            </option>
          ))}
        </select>
        {from === 'offset' && (
          <input
            className={problem ? 'input input--mono input--offset input--invalid' : 'input input--mono input--offset'}
            inputMode="numeric"
            value={offset}
            onChange={(event) => setOffset(event.target.value)}
            aria-label="Start offset"
            data-testid="messages-start-offset"
          />
        )}
        {from === 'time' && (
          <input
            className={problem ? 'input input--time input--invalid' : 'input input--time'}
            type="datetime-local"
            step="1"
            value={time}
            onChange={(event) => setTime(event.target.value)}
            aria-label="Start date and time (local)"
            data-testid="messages-start-time"
          />
        )}
        {(from === 'offset' || from === 'time') && (
          <button type="submit" className="button button--small" data-testid="messages-start-go">
            Go
          </button>
        )}
      </div>
      {problem && (
        <span className="field__problem" data-testid="messages-start-problem">
          {problem}
        </span>
      )}
    </form>
  );
}
