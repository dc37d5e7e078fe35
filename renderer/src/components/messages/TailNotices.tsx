/**
 * What happened to the tailed topic, said where the records are: the topic deleted (the tail
 * stopped), partitions added (taken in), records deleted by retention before they were read (the
 * tail goes on from the new start), the broker stopped and restarted (the tail resumed), a filter
 * that failed; and a tail refused or lost, with "Start again".
 */
import type { TailNotice } from '../../../../electron/contract';
import { formatClockTime } from '../../format/format-clock-time';
import { useAppStore } from '../../store/use-app-store';
import { selectTail } from '../../store/tail';
import { useTailActions } from './use-tail-actions';

const SHOWN_NOTICES = 4;

const WARNING_KINDS: ReadonlySet<TailNotice['kind']> = new Set(['topic-deleted', 'records-deleted', 'broker-stopped', 'filter-failed']);

export function TailNotices({ topic }: { topic: string }) {
  const tail = useAppStore(selectTail);
  const { restartTail } = useTailActions();
  if (!tail) return null;
  const deleted = tail.notices.some((notice) => notice.kind === 'topic-deleted');
  const shown = tail.notices.filter((notice) => notice.kind !== 'topic-deleted').slice(-SHOWN_NOTICES);
  return (
    <>
      {deleted && (
        <div className="notice notice--warning messages-notice" role="alert" data-testid="tail-topic-deleted">
          <strong>Topic “{topic}” was deleted</strong>: the tail stopped. The rows below are what arrived before.
        </div>
      )}
      {tail.error && (
        <div className="form-error messages-notice" role="alert" data-testid="tail-error">
          The tail stopped: {tail.error.message}{' '}
          <button type="button" className="link-button" onClick={restartTail} data-testid="tail-error-restart">
            Start again
          </button>
        </div>
      )}
      {!deleted && !tail.error && tail.phase === 'ended' && tail.status?.endedBecause && (
        <div className="notice messages-notice" data-testid="tail-ended">
          The tail ended: {tail.status.endedBecause}
        </div>
      )}
      {shown.length > 0 && (
        <ul className="tail-notices" data-testid="tail-notices">
          {shown.map((notice) => (
            <li key={`${notice.at}-${notice.kind}-${notice.message}`} className={WARNING_KINDS.has(notice.kind) ? 'tail-notice tail-notice--warning' : 'tail-notice'} data-testid="tail-notice" data-kind={notice.kind}>
              <span className="tail-notice__time">{formatClockTime(notice.at)}</span> {notice.message}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
