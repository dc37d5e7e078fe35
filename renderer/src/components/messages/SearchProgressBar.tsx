/**
 * A search's progress while it runs and once it ended: records scanned of the range, matches,
 * the position reached in each partition, the rate; Cancel while it runs. A search that failed
 * (a predicate that threw or looped, the topic deleted) says why here, naming the record.
 */
import { formatCount } from '../../format/format-count';
import { formatDuration } from '../../format/format-duration';
import { useAppStore } from '../../store/use-app-store';
import { selectMessagesSearch } from '../../store/messages';
import { useMessagesActions } from './use-messages-actions';

const STATE_LABEL = { running: 'Searching', done: 'Search done', cancelled: 'Search cancelled', failed: 'Search failed' } as const;

/** Per partition, the next offset to look at: `p0 @ 1,204 · p1 @ 998` (the first few). */
function positionsText(positions: Record<string, number>): string {
  const entries = Object.entries(positions).sort(([a], [b]) => Number(a) - Number(b));
  const shown = entries.slice(0, 4).map(([partition, offset]) => `p${partition} @ ${formatCount(offset)}`);
  return entries.length > 4 ? `${shown.join(' · ')} · +${entries.length - 4} more` : shown.join(' · ');
}

export function SearchProgressBar() {
  const search = useAppStore(selectMessagesSearch);
  const { cancelSearch } = useMessagesActions();
  if (!search || (search.error && !search.progress)) return null;
  const progress = search.progress;
  if (!progress) {
    return (
      <div className="search-progress" data-testid="search-progress" data-state="starting">
        <span className="search-progress__state">Starting the search…</span>
      </div>
    );
  }
  const fraction = progress.total > 0 ? Math.min(1, progress.scanned / progress.total) : progress.state === 'running' ? 0 : 1;
  return (
    <div className={`search-progress search-progress--${progress.state}`} data-testid="search-progress" data-state={progress.state}>
      <div className="search-progress__line">
        <span className="search-progress__state" data-testid="search-state">
          {STATE_LABEL[progress.state]}
        </span>
        <span className="search-progress__numbers">
          <span data-testid="search-scanned">
            {formatCount(progress.scanned)} of {formatCount(progress.total)} scanned
          </span>
          {' · '}
          <strong data-testid="search-matched">
            {formatCount(progress.matched)} {progress.matched === 1 ? 'match' : 'matches'}
          </strong>
          {' · '}
          <span data-testid="search-rate">{formatCount(Math.round(progress.rate))} records/s</span>
          {' · '}
          {progress.elapsedMs < 10_000 ? `${(progress.elapsedMs / 1000).toFixed(1)} s` : formatDuration(progress.elapsedMs)}
        </span>
        {progress.state === 'running' && (
          <button type="button" className="button button--small" onClick={() => void cancelSearch()} data-testid="search-cancel">
            Cancel
          </button>
        )}
      </div>
      <div className="progress" role="progressbar" aria-label="Records scanned" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)}>
        <div className="progress__fill" style={{ width: `${fraction * 100}%` }} />
      </div>
      <div className="search-progress__positions" data-testid="search-positions">
        {positionsText(progress.positions)}
      </div>
      {progress.limited && (
        <div className="search-progress__note" data-testid="search-limited">
          Stopped at {formatCount(progress.matched)} matches, the most one search keeps: narrow the filters or the range to see the rest.
        </div>
      )}
      {progress.state === 'failed' && progress.error && (
        <div className="form-error" role="alert" data-testid="search-failure">
          {progress.error}
        </div>
      )}
      {search.error && (
        <div className="form-error" role="alert" data-testid="search-poll-error">
          {search.error.message}
        </div>
      )}
    </div>
  );
}
