/** What became of the records just sent: the partition and offset each went to, or why the broker refused it. */
import { formatCount } from '../../format/format-count';
import { useAppStore } from '../../store/use-app-store';
import { selectProduceSend } from '../../store/produce';

export function SendOutcomes() {
  const send = useAppStore(selectProduceSend);
  if (send.error) {
    return (
      <div className="form-error" role="alert" data-testid="produce-send-error">
        Nothing was sent: {send.error}
      </div>
    );
  }
  if (!send.outcomes) return null;
  return (
    <ul className="send-outcomes" data-testid="produce-outcomes">
      {send.outcomes.map((outcome, index) =>
        outcome.error ? (
          <li key={index} className="send-outcome send-outcome--refused" role="alert" data-testid="produce-outcome" data-state="refused">
            Not stored: {outcome.error.replace(/^not stored:\s*/i, '')}
          </li>
        ) : (
          <li key={index} className="send-outcome" role="status" data-testid="produce-outcome" data-state="stored" data-partition={outcome.partition ?? undefined} data-offset={outcome.offset ?? undefined}>
            {outcome.offset === null
              ? `Sent to partition ${outcome.partition} (acks=0: its offset is not known)`
              : `Stored in “${send.topic}”, partition ${outcome.partition}, offset ${formatCount(outcome.offset)}`}
          </li>
        ),
      )}
    </ul>
  );
}
