/**
 * Where a tail begins: new records only, or the last n records of each partition first. Applies
 * at once (new records only) or on Enter / "Go" (a count from 1 to 10,000); either restarts the tail.
 */
import { useState, type FormEvent } from 'react';
import { MAX_TAIL_LAST, type TailFrom } from '../../store/tail';

export function TailBeginPicker({ from, onChange }: { from: TailFrom; onChange(from: TailFrom): void }) {
  const [at, setAt] = useState<TailFrom['at']>(from.at);
  const [count, setCount] = useState(from.at === 'last' ? String(from.count) : '50');
  const [problem, setProblem] = useState<string | null>(null);

  const choose = (next: TailFrom['at']) => {
    setAt(next);
    setProblem(null);
    if (next === 'end') onChange({ at: 'end' });
    else submitCount(count);
  };

  const submitCount = (text: string) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isInteger(value) || value < 1 || value > MAX_TAIL_LAST) {
      setProblem(`A count from 1 to ${MAX_TAIL_LAST.toLocaleString('en-US')}.`);
      return;
    }
    setProblem(null);
    onChange({ at: 'last', count: value });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (at === 'last') submitCount(count);
  };

  return (
    <form className="toolbar-field toolbar-field--start" onSubmit={submit} noValidate>
      <span className="toolbar-field__label">Begin with</span>
      <div className="toolbar-field__row">
        <select className="select" value={at} onChange={(event) => choose(event.target.value as TailFrom['at'])} data-testid="tail-begin">
          <option value="end">New records only</option>
          <option value="last">The last n per partition</option>
        </select>
        {at === 'last' && (
          <>
            <input
              className={problem ? 'input input--mono input--count input--invalid' : 'input input--mono input--count'}
              inputMode="numeric"
              value={count}
              onChange={(event) => setCount(event.target.value)}
              aria-label="Records of each partition to begin with"
              data-testid="tail-begin-count"
            />
            <button type="submit" className="button button--small" data-testid="tail-begin-go">
              Go
            </button>
          </>
        )}
      </div>
      {problem && (
        <span className="field__problem" data-testid="tail-begin-problem">
          {problem}
        </span>
      )}
    </form>
  );
}
