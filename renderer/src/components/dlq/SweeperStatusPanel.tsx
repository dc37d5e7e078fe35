/**
 * The broker's dead-letter sweeper, at the head of the Dead letters view beside the DLQ topics:
 * how often it runs, its last and next sweep, what it moved (in all and per watched topic, each
 * a link to its DLQ topic), its last error, and "Sweep now". Where it cannot run (a remote cluster, a stopped broker) it says so. Its status is read
 * again every few seconds while shown (there is no push for it).
 */
import { useEffect, useState } from 'react';
import { formatMillis } from '../../format/config-value-hint';
import { formatAgo } from '../../format/format-ago';
import { formatClockTime } from '../../format/format-clock-time';
import { formatCount } from '../../format/format-count';
import { useNow } from '../../hooks/use-now';
import { useAppStore } from '../../store/use-app-store';
import { selectDlqSweeper, selectDlqSweeperError } from '../../store/dlq';
import { FormError } from '../common/Dialog';
import { useReadOnly } from '../common/use-read-only';
import { useDlqActions } from './use-dlq-actions';

/** How often the status is read again while shown. */
const STATUS_REFRESH_MS = 3000;

export function SweeperStatusPanel({ onOpenTopic }: { onOpenTopic(topic: string): void }) {
  const status = useAppStore(selectDlqSweeper);
  const error = useAppStore(selectDlqSweeperError);
  const { loadSweeperStatus, sweepNow } = useDlqActions();
  const { readOnly, reason } = useReadOnly();
  const [sweeping, setSweeping] = useState(false);
  const [sweepError, setSweepError] = useState<string | null>(null);
  const now = useNow(1000, status?.available === true);

  useEffect(() => {
    const timer = setInterval(() => void loadSweeperStatus(), STATUS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [loadSweeperStatus]);

  const sweep = async () => {
    setSweeping(true);
    setSweepError(null);
    const result = await sweepNow();
    setSweeping(false);
    if (!result.ok) setSweepError(`The sweep did not run: ${result.message}`);
  };

  return (
    <div className="panel sweeper" data-testid="sweeper-status" data-available={status?.available ?? undefined}>
      <div className="panel__header">
        <h2 className="panel__title">Sweeper</h2>
        {status?.available && (
          <span className="sweeper__interval" data-testid="sweeper-interval">
            every {formatMillis(status.intervalMs)}
          </span>
        )}
        <button type="button" className="button button--small sweeper__now" onClick={() => void sweep()} disabled={sweeping || !status?.available || readOnly} title={reason} data-testid="sweep-now">
          {sweeping ? 'Sweeping…' : 'Sweep now'}
        </button>
      </div>
      {error && <div className="panel__error">Could not read the sweeper’s status: {error}</div>}
      {status === null ? (
        !error && <div className="detail__muted">Reading the sweeper’s status…</div>
      ) : !status.available ? (
        <p className="sweeper__unavailable" data-testid="sweeper-unavailable">
          The sweeper runs only on Eddy’s embedded broker, and it is not running now: the broker is stopped, or the console is connected to another cluster. Applications’ own DLQs are still listed below.
        </p>
      ) : (
        <>
          <dl className="sweeper__facts">
            <div>
              <dt>Last sweep</dt>
              <dd data-testid="sweeper-last" title={status.lastSweepAt === null ? undefined : formatClockTime(status.lastSweepAt)}>
                {status.lastSweepAt === null ? 'not yet' : `${formatAgo(status.lastSweepAt, now)} · moved ${formatCount(status.lastSweepMoved)}`}
              </dd>
            </div>
            <div>
              <dt>Next sweep</dt>
              <dd data-testid="sweeper-next">{status.nextSweepAt === null ? '—' : status.nextSweepAt <= now ? 'now' : `in ${formatMillis(Math.ceil((status.nextSweepAt - now) / 1000) * 1000)}`}</dd>
            </div>
            <div>
              <dt>Moved in all</dt>
              <dd data-testid="sweeper-total">{formatCount(status.totalMoved)}</dd>
            </div>
          </dl>
          {status.lastError && <FormError message={`The last sweep failed: ${status.lastError}`} testId="sweeper-error" />}
          {status.topics.length === 0 ? (
            <p className="detail__muted sweeper__none" data-testid="sweeper-no-policies">
              No topic has a dead-letter policy yet: open a topic and set one in its <strong>Dead-letter policy</strong> tab.
            </p>
          ) : (
            <ul className="sweeper__topics" aria-label="Watched topics" data-testid="sweeper-topics">
              {status.topics.map((topic) => (
                <li key={topic.topic} className="sweeper__topic" data-testid="sweeper-topic" data-topic={topic.topic}>
                  <div className="sweeper__topic-line">
                    <span className="table__mono">{topic.topic}</span>
                    <span className="sweeper__arrow" aria-label="to">
                      →
                    </span>
                    <button type="button" className="link-button table__mono" onClick={() => onOpenTopic(topic.dlqTopic)} title={`Show the dead letters in ${topic.dlqTopic}`} data-testid="sweeper-topic-dlq">
                      {topic.dlqTopic}
                    </button>
                    <span className="sweeper__moved">
                      <strong data-testid="sweeper-topic-moved">{formatCount(topic.moved)}</strong> moved
                    </span>
                  </div>
                  <div className="sweeper__topic-detail">
                    group <span className="table__mono">{topic.group || 'none'}</span> · after {formatMillis(topic.maxAgeMs)} unconsumed · last moved {topic.lastMovedAt === null ? 'never' : formatAgo(topic.lastMovedAt, now)}
                  </div>
                  {topic.problem && (
                    <div className="field__problem" data-testid="sweeper-topic-problem">
                      {topic.problem}
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <FormError message={sweepError} testId="sweep-now-error" />
    </div>
  );
}
