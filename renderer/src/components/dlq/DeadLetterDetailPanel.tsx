/**
 * The open dead letter: why it died (reason, exception class), where it came from (source topic,
 * partition, offset; a link to the original in the Messages view while its source topic still
 * holds it), the group and attempts, when it died, its state (when and where it was replayed, or
 * when discarded), then the record itself: value, key and headers, as the Messages view shows them.
 */
import { useState, type ReactNode } from 'react';
import type { DeadLetter, MessageRecord } from '../../../../electron/contract';
import { formatCount } from '../../format/format-count';
import { formatTimestamp, isoTimestamp } from '../../format/format-timestamp';
import type { DeadLetterDetail } from '../../store/dlq';
import { FieldView } from '../messages/FieldView';
import { HeadersTable } from '../messages/HeadersTable';
import { DeadLetterStateBadge } from './DeadLetterStateBadge';
import { FORMAT_LABELS, sourceText } from './DeadLettersTable';

type Tab = 'value' | 'key' | 'headers';

interface DetailPanelProps {
  detail: DeadLetterDetail;
  onClose(): void;
  /** Opens the original record in the Messages view. */
  onOpenOriginal(source: { topic: string; partition: number; offset: number }): void;
}

const noop = () => undefined;

export function DeadLetterDetailPanel({ detail, onClose, onOpenOriginal }: DetailPanelProps) {
  const deadLetter = detail.deadLetter;
  return (
    <aside className="detail" data-testid="dead-letter-detail" data-partition={detail.key.partition} data-offset={detail.key.offset} aria-label="Dead letter">
      <header className="detail__header">
        <h2 className="detail__title" data-testid="dead-letter-detail-title">
          Partition {detail.key.partition} · offset {formatCount(detail.key.offset)}
        </h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close the dead letter" data-testid="dead-letter-detail-close">
          <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M3.5 3.5l9 9M12.5 3.5l-9 9" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
        </button>
      </header>
      {detail.error ? (
        <div className="detail__error" role="alert" data-testid="dead-letter-detail-error">
          This dead letter cannot be read: {detail.error}
        </div>
      ) : !deadLetter ? (
        <div className="detail__muted">Reading the dead letter…</div>
      ) : (
        <>
          <Provenance deadLetter={deadLetter} originalRetained={detail.originalRetained} onOpenOriginal={onOpenOriginal} />
          <RecordParts key={`${detail.key.partition}:${detail.key.offset}`} deadLetter={deadLetter} record={detail.record} loading={detail.loading} />
        </>
      )}
    </aside>
  );
}

function Provenance({ deadLetter, originalRetained, onOpenOriginal }: { deadLetter: DeadLetter; originalRetained: boolean | null; onOpenOriginal: DetailPanelProps['onOpenOriginal'] }) {
  const source = deadLetter.source;
  const original = source && source.partition !== null && source.offset !== null ? { topic: source.topic, partition: source.partition, offset: source.offset } : null;
  return (
    <dl className="detail__meta dlq-meta" data-testid="dead-letter-meta">
      <dt>Reason</dt>
      <dd className="dlq-meta__reason" data-testid="dead-letter-detail-reason">
        {deadLetter.reason}
      </dd>
      {deadLetter.exceptionClass && (
        <>
          <dt>Exception</dt>
          <dd className="detail__mono" data-testid="dead-letter-detail-exception">
            {deadLetter.exceptionClass}
          </dd>
        </>
      )}
      <dt>Source</dt>
      <dd data-testid="dead-letter-detail-source">
        <span className="detail__mono">{sourceText(source)}</span>
        {original && originalRetained === true && (
          <button type="button" className="link-button dlq-meta__link" onClick={() => onOpenOriginal(original)} data-testid="dead-letter-original">
            Open the original in Messages
          </button>
        )}
        {original && originalRetained === false && (
          <span className="detail__muted dlq-meta__gone" data-testid="dead-letter-original-gone">
            The original is not in {original.topic}: retention or a purge removed it, or that topic is not on this cluster.
          </span>
        )}
      </dd>
      <dt>Group</dt>
      <dd className="detail__mono" data-testid="dead-letter-detail-group">
        {deadLetter.group ?? <span className="detail__muted">not known</span>}
      </dd>
      <dt>Attempts</dt>
      <dd data-testid="dead-letter-detail-attempts">{deadLetter.attempts === null ? <span className="detail__muted">not known</span> : formatCount(deadLetter.attempts)}</dd>
      <dt>Died</dt>
      <dd title={deadLetter.diedAt === null ? undefined : isoTimestamp(deadLetter.diedAt)} data-testid="dead-letter-detail-died">
        {deadLetter.diedAt === null ? <span className="detail__muted">not known</span> : formatTimestamp(deadLetter.diedAt)}
      </dd>
      <dt>Timestamp</dt>
      <dd title={isoTimestamp(deadLetter.timestamp)}>{formatTimestamp(deadLetter.timestamp)}</dd>
      <dt>Format</dt>
      <dd>{FORMAT_LABELS[deadLetter.format]}</dd>
      <dt>State</dt>
      <dd data-testid="dead-letter-detail-state" data-state={deadLetter.state}>
        <DeadLetterStateBadge state={deadLetter.state} />
        {deadLetter.replay && (
          <span className="dlq-meta__replay" data-testid="dead-letter-detail-replay">
            {' '}
            {deadLetter.state === 'replayed' ? '' : 'last '}replayed {formatTimestamp(deadLetter.replay.at)} to <span className="detail__mono">{deadLetter.replay.topic}</span>, partition {deadLetter.replay.partition}
            {deadLetter.replay.offset !== null ? `, offset ${formatCount(deadLetter.replay.offset)}` : ''}
          </span>
        )}
        {deadLetter.state === 'discarded' && deadLetter.discardedAt !== null && <span className="detail__muted"> {formatTimestamp(deadLetter.discardedAt)}</span>}
      </dd>
    </dl>
  );
}

function RecordParts({ deadLetter, record, loading }: { deadLetter: DeadLetter; record: MessageRecord | null; loading: boolean }) {
  const [tab, setTab] = useState<Tab>('value');
  const key = record?.key ?? deadLetter.key;
  const value = record?.value ?? deadLetter.value;
  return (
    <>
      <div className="tabs tabs--compact" role="tablist" aria-label="Record parts">
        <TabButton id="value" current={tab} onSelect={setTab}>
          Value
        </TabButton>
        <TabButton id="key" current={tab} onSelect={setTab}>
          Key
        </TabButton>
        <TabButton id="headers" current={tab} onSelect={setTab}>
          Headers {record && <span className="tabs__count">{formatCount(record.headers.length)}</span>}
        </TabButton>
      </div>
      <div className="detail__body" role="tabpanel">
        {tab === 'value' && <FieldView key="value" name="value" field={value} whole={record !== null} loading={loading} onLoadWhole={noop} />}
        {tab === 'key' && <FieldView key="key" name="key" field={key} whole={record !== null} loading={loading} onLoadWhole={noop} />}
        {tab === 'headers' && (record ? <HeadersTable headers={record.headers} /> : <div className="detail__muted">Reading the headers…</div>)}
      </div>
    </>
  );
}

function TabButton({ id, current, onSelect, children }: { id: Tab; current: Tab; onSelect(tab: Tab): void; children: ReactNode }) {
  const selected = id === current;
  return (
    <button type="button" role="tab" aria-selected={selected} className={selected ? 'tabs__tab tabs__tab--active' : 'tabs__tab'} onClick={() => onSelect(id)} data-testid={`dead-letter-tab-${id}`}>
      {children}
    </button>
  );
}
