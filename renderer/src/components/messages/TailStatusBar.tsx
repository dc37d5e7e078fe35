/**
 * The tail's state and numbers, updated with each batch: records per second arriving in the
 * tailed partitions and passing the filters (the host's figures), and reaching this view; rows
 * shown of the ring's size; records received; rows rolled out of the view and records the host
 * dropped because the view did not keep up. The same numbers are on `data-` attributes for tests
 * and the benchmark.
 */
import { formatCount } from '../../format/format-count';
import { useAppStore } from '../../store/use-app-store';
import { selectTail, selectTailOptions, type TailSession } from '../../store/tail';

const rate = (perSecond: number) => `${formatCount(Math.round(perSecond))}/s`;

function stateLabel(tail: TailSession): string {
  switch (tail.phase) {
    case 'starting':
      return 'Starting the tail…';
    case 'running':
      return tail.status?.state === 'waiting' ? 'Waiting for the broker to run again' : 'Tailing';
    case 'paused':
      return tail.held > 0 ? `Paused · ${formatCount(tail.held)} new waiting` : 'Paused';
    case 'ended':
      return tail.error ? 'Tail stopped' : 'Tail ended';
  }
}

/** The tail's state in words, with its dot. */
export function TailState() {
  const tail = useAppStore(selectTail);
  if (!tail) return null;
  return (
    <span className="tail-status__state" data-testid="tail-state">
      <span className={`tail-status__dot tail-status__dot--${tail.phase}`} aria-hidden="true" />
      {stateLabel(tail)}
    </span>
  );
}

export function TailStatusBar() {
  const tail = useAppStore(selectTail);
  const options = useAppStore(selectTailOptions);
  if (!tail) return null;
  const status = tail.phase === 'ended' ? null : tail.status;
  const dropped = tail.droppedFromView + tail.droppedByHost;
  return (
    <div
      className={`tail-status tail-status--${tail.phase}`}
      data-testid="tail-status"
      data-phase={tail.phase}
      data-received={tail.received}
      data-rows={tail.rows.length}
      data-dropped-view={tail.droppedFromView}
      data-dropped-host={tail.droppedByHost}
      data-held={tail.held}
      data-polls={tail.polls}
    >
      <span className="tail-status__numbers">
        <span title="Records per second arriving in the tailed partitions (last few seconds)" data-testid="tail-arriving">
          arriving <strong>{rate(status?.arrivingRate ?? 0)}</strong>
        </span>
        <span title="Records per second passing the filters (last few seconds)" data-testid="tail-matching">
          matching <strong>{rate(status?.matchingRate ?? 0)}</strong>
        </span>
        <span title="Records per second reaching this view (last few seconds)" data-testid="tail-shown-rate">
          shown <strong>{rate(tail.phase === 'running' ? tail.shownRate : 0)}</strong>
        </span>
        <span data-testid="tail-rows-shown">
          <strong>{formatCount(tail.rows.length)}</strong> of {formatCount(options.bufferLimit)} rows
        </span>
        <span data-testid="tail-received">{formatCount(tail.received)} received</span>
        <span
          className={dropped > 0 ? 'tail-status__dropped' : undefined}
          title={`${formatCount(tail.droppedFromView)} rolled out of the view's ${formatCount(options.bufferLimit)} rows; ${formatCount(tail.droppedByHost)} dropped by the host before this view read them (it did not keep up)`}
          data-testid="tail-dropped"
        >
          {formatCount(dropped)} dropped from view
        </span>
      </span>
    </div>
  );
}
