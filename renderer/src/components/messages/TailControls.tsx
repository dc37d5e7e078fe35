/**
 * The tail's controls: pause and resume (the view freezes; what arrives meanwhile is shown on
 * resume), the order rows are listed in, how many rows the view keeps, clear, and start again
 * once a tail has ended.
 */
import type { ReactNode } from 'react';
import { formatCount } from '../../format/format-count';
import { useAppStore } from '../../store/use-app-store';
import { selectTailOptions, selectTailPhase, type TailOrder } from '../../store/tail';
import { useTailActions } from './use-tail-actions';

const ROW_CHOICES = [1_000, 5_000, 10_000, 50_000, 100_000];

export function TailControls({ disabled, children }: { disabled: boolean; children?: ReactNode }) {
  const phase = useAppStore(selectTailPhase);
  const options = useAppStore(selectTailOptions);
  const { pauseTail, resumeTail, clearTail, restartTail, changeTailOptions } = useTailActions();
  const rowChoices = ROW_CHOICES.includes(options.bufferLimit) ? ROW_CHOICES : [...ROW_CHOICES, options.bufferLimit].sort((a, b) => a - b);
  return (
    <div className="tail-controls" data-testid="tail-controls">
      {phase === 'ended' ? (
        <button type="button" className="button button--small button--primary" onClick={restartTail} disabled={disabled} data-testid="tail-restart">
          Start again
        </button>
      ) : phase === 'paused' ? (
        <button type="button" className="button button--small button--primary" onClick={() => void resumeTail()} disabled={disabled} data-testid="tail-resume">
          <PlayIcon /> Resume
        </button>
      ) : (
        <button type="button" className="button button--small" onClick={() => void pauseTail()} disabled={disabled || phase !== 'running'} data-testid="tail-pause">
          <PauseIcon /> Pause
        </button>
      )}
      <div className="segmented" role="group" aria-label="Order of the rows" data-testid="tail-order">
        {(
          [
            ['newest-first', 'Newest first'],
            ['append', 'Arrival order'],
          ] as Array<[TailOrder, string]>
        ).map(([order, label]) => (
          <button
            key={order}
            type="button"
            className={options.order === order ? 'segmented__item segmented__item--active' : 'segmented__item'}
            aria-pressed={options.order === order}
            onClick={() => changeTailOptions({ order })}
            data-testid={`tail-order-${order}`}
          >
            {label}
          </button>
        ))}
      </div>
      <label className="tail-controls__rows">
        Keep
        <select className="select select--small" value={options.bufferLimit} onChange={(event) => changeTailOptions({ bufferLimit: Number(event.target.value) })} data-testid="tail-rows">
          {rowChoices.map((rows) => (
            <option key={rows} value={rows}>
              {formatCount(rows)}
            </option>
          ))}
        </select>
        rows
      </label>
      <button type="button" className="button button--small button--quiet" onClick={clearTail} disabled={disabled || phase === null} data-testid="tail-clear">
        Clear
      </button>
      {children}
    </div>
  );
}

function PauseIcon() {
  return (
    <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
      <rect x="2" y="1.5" width="2.6" height="9" rx="0.8" fill="currentColor" />
      <rect x="7.4" y="1.5" width="2.6" height="9" rx="0.8" fill="currentColor" />
    </svg>
  );
}

function PlayIcon() {
  return (
    <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
      <path d="M3 1.6v8.8a.6.6 0 0 0 .9.5l7-4.4a.6.6 0 0 0 0-1L3.9 1.1a.6.6 0 0 0-.9.5z" fill="currentColor" />
    </svg>
  );
}
