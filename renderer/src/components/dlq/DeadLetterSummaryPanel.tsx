/**
 * The shown DLQ topic's dead letters counted by reason and by source topic (the host's summary,
 * over the whole topic), each a bar to compare at a glance; a click filters the list by it.
 */
import type { DeadLetterFilter, DeadLetterSummary } from '../../../../electron/contract';
import { formatCount } from '../../format/format-count';

/** Most names shown per count; the rest are said as one line. */
const SHOWN_NAMES = 8;

interface SummaryProps {
  summary: DeadLetterSummary | null;
  error: string | null;
  filter: DeadLetterFilter;
  onFilter(patch: Partial<DeadLetterFilter>): void;
}

export function DeadLetterSummaryPanel({ summary, error, filter, onFilter }: SummaryProps) {
  if (error) return <div className="panel panel__error">Could not count this topic’s dead letters: {error}</div>;
  if (!summary) return <div className="panel detail__muted">Counting the dead letters…</div>;
  return (
    <div className="dlq-summary" data-testid="dlq-summary">
      <Counts
        title="By reason"
        counts={summary.byReason}
        total={summary.total}
        active={filter.reason}
        onChoose={(name) => onFilter({ reason: filter.reason === name ? null : name })}
        testId="dlq-summary-reason"
      />
      <Counts
        title="By source topic"
        counts={summary.bySource}
        total={summary.total}
        active={filter.sourceTopic}
        onChoose={(name) => onFilter({ sourceTopic: filter.sourceTopic === name ? null : name })}
        testId="dlq-summary-source"
        mono
      />
    </div>
  );
}

interface CountsProps {
  title: string;
  counts: DeadLetterSummary['byReason'];
  total: number;
  active: string | null;
  onChoose(name: string): void;
  testId: string;
  mono?: boolean;
}

function Counts({ title, counts, total, active, onChoose, testId, mono = false }: CountsProps) {
  const sorted = [...counts].sort((a, b) => b.count - a.count);
  const shown = sorted.slice(0, SHOWN_NAMES);
  const rest = sorted.slice(SHOWN_NAMES).reduce((sum, entry) => sum + entry.count, 0);
  return (
    <div className="panel dlq-summary__part">
      <div className="detail__section-title">{title}</div>
      {shown.length === 0 ? (
        <div className="detail__muted">none</div>
      ) : (
        <ul className="dlq-summary__list">
          {shown.map((entry) => (
            <li key={entry.name}>
              <button
                type="button"
                className={entry.name === active ? 'dlq-summary__item dlq-summary__item--active' : 'dlq-summary__item'}
                onClick={() => onChoose(entry.name)}
                title={entry.name === active ? 'Show every dead letter again' : `Show only these: ${entry.name}`}
                aria-pressed={entry.name === active}
                data-testid={testId}
                data-name={entry.name}
              >
                <span className={mono ? 'dlq-summary__name table__mono' : 'dlq-summary__name'}>{entry.name}</span>
                <span className="dlq-summary__count">{formatCount(entry.count)}</span>
                <span className="dlq-summary__bar" style={{ width: `${total > 0 ? (entry.count / total) * 100 : 0}%` }} aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      )}
      {rest > 0 && (
        <div className="detail__muted dlq-summary__rest">
          and {formatCount(rest)} more in {formatCount(sorted.length - SHOWN_NAMES)} other{sorted.length - SHOWN_NAMES === 1 ? '' : 's'}
        </div>
      )}
    </div>
  );
}
