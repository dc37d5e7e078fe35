/**
 * Every topic that holds dead letters, with why it counts as one and its counts by state; the
 * one shown is highlighted, a click shows another. Virtualized like every list of topics.
 */
import type { DeadLetterTopic } from '../../../../electron/contract';
import { formatCount } from '../../format/format-count';
import { useVirtualRows } from '../common/use-virtual-rows';
import { VirtualTableBody } from '../common/VirtualTableBody';

const ROW_HEIGHT = 41;

const RECOGNIZED_BY: Record<DeadLetterTopic['recognizedBy'], { label: string; title: string }> = {
  'sweeper-policy': { label: 'sweeper', title: 'A topic’s dead-letter policy moves records here' },
  name: { label: 'name', title: 'Its name is a DLQ’s (*.dlq, *-dlt, *.DLT, dlq.*, …)' },
  headers: { label: 'headers', title: 'Its records carry dead-letter headers (KIP-1191, Spring, Kafka Connect)' },
};

export function DeadLetterTopicsTable({ topics, shown, onChoose }: { topics: DeadLetterTopic[]; shown: string | null; onChoose(topic: string): void }) {
  const { scrollRef, rows, paddingTop, paddingBottom } = useVirtualRows(topics.length, ROW_HEIGHT);
  return (
    <div className="virtual-scroll dlq-topics" ref={scrollRef} data-testid="dlq-topics-scroll">
      <table className="table table--compact table--fixed-rows" data-testid="dlq-topics">
        <thead>
          <tr>
            <th scope="col">DLQ topic</th>
            <th scope="col">Recognized by</th>
            <th scope="col" className="table__numeric">
              Records
            </th>
            <th scope="col" className="table__numeric">
              Dead
            </th>
            <th scope="col" className="table__numeric">
              Replayed
            </th>
            <th scope="col" className="table__numeric">
              Discarded
            </th>
          </tr>
        </thead>
        <VirtualTableBody columns={6} paddingTop={paddingTop} paddingBottom={paddingBottom}>
          {rows.map((row) => {
            const topic = topics[row.index];
            const current = topic.topic === shown;
            return (
              <tr key={topic.topic} className={current ? 'dlq-topics__row dlq-topics__row--current' : 'dlq-topics__row'} aria-selected={current} onClick={() => onChoose(topic.topic)} data-testid="dlq-topic-row" data-topic={topic.topic}>
                <td className="table__name">
                  <button type="button" className="link-button table__mono" onClick={() => onChoose(topic.topic)} data-testid="dlq-topic-link">
                    {topic.topic}
                  </button>
                </td>
                <td title={RECOGNIZED_BY[topic.recognizedBy].title}>
                  <span className="tag">{RECOGNIZED_BY[topic.recognizedBy].label}</span>
                </td>
                <td className="table__numeric" data-testid="dlq-topic-records">
                  {formatCount(topic.records)}
                </td>
                <td className="table__numeric dlq-count--dead" data-testid="dlq-topic-dead">
                  {formatCount(topic.dead)}
                </td>
                <td className="table__numeric" data-testid="dlq-topic-replayed">
                  {formatCount(topic.replayed)}
                </td>
                <td className="table__numeric" data-testid="dlq-topic-discarded">
                  {formatCount(topic.discarded)}
                </td>
              </tr>
            );
          })}
        </VirtualTableBody>
      </table>
    </div>
  );
}
