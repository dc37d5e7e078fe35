/**
 * The open record: where it is and its metadata, then its value, key, headers and bytes (hex)
 * in tabs, each with a copy button. Reads through the store: the record whole (a large one when
 * asked), the hex when its tab is opened. What cannot be read is said in place.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { MessageRecord } from '../../../../electron/contract';
import { formatBytes } from '../../format/format-bytes';
import { formatCount } from '../../format/format-count';
import { formatTimestamp, isoTimestamp } from '../../format/format-timestamp';
import { useAppStore } from '../../store/use-app-store';
import { selectMessagesDetail, type RecordDetail } from '../../store/messages';
import { CopyButton } from '../common/CopyButton';
import { useClusterAction } from '../common/use-cluster-action';
import { FieldView } from './FieldView';
import { HeadersTable } from './HeadersTable';
import { HexDump } from './HexDump';
import { useMessagesActions } from './use-messages-actions';

type Tab = 'value' | 'key' | 'headers' | 'hex';

export function RecordDetailPanel({ onProduceAgain }: { onProduceAgain(record: MessageRecord): void }) {
  const detail = useAppStore(selectMessagesDetail);
  const { openRecord } = useMessagesActions();
  const { disabled: readOnly, reason } = useClusterAction('produce');
  if (!detail) return null;
  const record = detail.record;
  return (
    <aside className="detail" data-testid="record-detail" data-partition={detail.key.partition} data-offset={detail.key.offset} aria-label="Record">
      <header className="detail__header">
        <h2 className="detail__title" data-testid="detail-title">
          Partition {detail.key.partition} · offset {formatCount(detail.key.offset)}
        </h2>
        <button type="button" className="button button--small detail__again" onClick={() => record && onProduceAgain(record)} disabled={!record || readOnly} title={reason ?? 'Open the produce form filled in with this record'} data-testid="detail-produce-again">
          Produce again
        </button>
        <button type="button" className="icon-button" onClick={() => openRecord(null)} aria-label="Close the record" data-testid="detail-close">
          <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M3.5 3.5l9 9M12.5 3.5l-9 9" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
        </button>
      </header>
      <DetailBody key={`${detail.key.partition}:${detail.key.offset}`} detail={detail} />
    </aside>
  );
}

function DetailBody({ detail }: { detail: RecordDetail }) {
  const { loadWholeRecord, loadRecordHex } = useMessagesActions();
  const [tab, setTab] = useState<Tab>('value');
  const record = detail.record;
  const needsHex = tab === 'hex' && detail.hex === null && !detail.hexLoading && detail.hexError === null && record !== null;
  useEffect(() => {
    if (needsHex) loadRecordHex();
  }, [needsHex, loadRecordHex]);

  if (detail.error) {
    return (
      <div className="detail__error" role="alert" data-testid="detail-error">
        This record cannot be read: {detail.error.message}
      </div>
    );
  }
  if (detail.problem) {
    return (
      <div className="detail__error" role="alert" data-testid="detail-problem">
        Offsets {formatCount(detail.problem.baseOffset)}–{formatCount(detail.problem.lastOffset)} of partition {detail.problem.partition} cannot be read: {detail.problem.reason}
      </div>
    );
  }
  if (!record) {
    return (
      <div className="detail__muted" data-testid="detail-loading">
        Reading the record…
      </div>
    );
  }
  return (
    <>
      <RecordMeta record={record} />
      <div className="tabs tabs--compact" role="tablist" aria-label="Record parts">
        <TabButton id="value" current={tab} onSelect={setTab}>
          Value
        </TabButton>
        <TabButton id="key" current={tab} onSelect={setTab}>
          Key
        </TabButton>
        <TabButton id="headers" current={tab} onSelect={setTab}>
          Headers <span className="tabs__count">{formatCount(record.headers.length)}</span>
        </TabButton>
        <TabButton id="hex" current={tab} onSelect={setTab}>
          Hex
        </TabButton>
      </div>
      <div className="detail__body" role="tabpanel">
        {tab === 'value' && <FieldView key="value" name="value" field={record.value} whole={detail.whole} loading={detail.loading} onLoadWhole={loadWholeRecord} />}
        {tab === 'key' && <FieldView key="key" name="key" field={record.key} whole={detail.whole} loading={detail.loading} onLoadWhole={loadWholeRecord} />}
        {tab === 'headers' && <HeadersTable headers={record.headers} />}
        {tab === 'hex' && <HexTab detail={detail} />}
      </div>
    </>
  );
}

function RecordMeta({ record }: { record: MessageRecord }) {
  return (
    <dl className="detail__meta" data-testid="detail-meta">
      <dt>Timestamp</dt>
      <dd title={isoTimestamp(record.timestamp)} data-testid="detail-timestamp">
        {formatTimestamp(record.timestamp)} <span className="detail__muted">{record.timestampType === 'LogAppendTime' ? 'log append time' : 'create time'}</span>
      </dd>
      <dt>Size</dt>
      <dd data-testid="detail-size">
        {formatBytes(record.size)}
        {record.compression !== 'none' && <span className="detail__muted"> · batch compressed with {record.compression}</span>}
      </dd>
      {record.producerId >= 0 && (
        <>
          <dt>Producer</dt>
          <dd className="detail__mono">
            id {record.producerId} · epoch {record.producerEpoch}
            {record.sequence >= 0 ? ` · sequence ${record.sequence}` : ''}
          </dd>
        </>
      )}
    </dl>
  );
}

function HexTab({ detail }: { detail: RecordDetail }) {
  if (detail.hexError) {
    return (
      <div className="detail__error" role="alert" data-testid="detail-hex-error">
        The bytes cannot be read: {detail.hexError}
      </div>
    );
  }
  if (!detail.hex) return <div className="detail__muted">Reading the bytes…</div>;
  return (
    <div className="detail__hex">
      <section>
        <div className="detail__section-title">
          Key
          {detail.hex.key.as === 'hex' && <CopyButton text={detail.hex.key.text} label="Copy the key as hex" testId="detail-hex-key-copy" />}
        </div>
        <HexDump field={detail.hex.key} testId="detail-hex-key" />
      </section>
      <section>
        <div className="detail__section-title">
          Value
          {detail.hex.value.as === 'hex' && <CopyButton text={detail.hex.value.text} label="Copy the value as hex" testId="detail-hex-value-copy" />}
        </div>
        <HexDump field={detail.hex.value} testId="detail-hex-value" />
      </section>
    </div>
  );
}

function TabButton({ id, current, onSelect, children }: { id: Tab; current: Tab; onSelect(tab: Tab): void; children: ReactNode }) {
  const selected = id === current;
  return (
    <button type="button" role="tab" aria-selected={selected} className={selected ? 'tabs__tab tabs__tab--active' : 'tabs__tab'} onClick={() => onSelect(id)} data-testid={`detail-tab-${id}`}>
      {children}
    </button>
  );
}
