/**
 * One topic's page: its totals, its partitions (paged), its configs (editable), the consumer
 * groups reading it and its dead-letter policy, and the operations on it: add partitions, purge records, delete. Everything follows pushes: appends
 * update the totals and partitions, a config changed by any client shows here.
 */
import { useCallback, useState, type ReactNode } from 'react';
import { formatAgo } from '../../format/format-ago';
import { formatBytes } from '../../format/format-bytes';
import { formatClockTime } from '../../format/format-clock-time';
import { formatCount } from '../../format/format-count';
import { useNow } from '../../hooks/use-now';
import { useAppStore } from '../../store/use-app-store';
import { selectHostLinkStatus } from '../../store/host-link';
import { selectTopicLag } from '../../store/groups';
import { emptyMessagesQuery, selectShowMessages } from '../../store/messages';
import { selectDlqEnabled, selectOpenTopicGone, selectOpenTopicSummary, selectOverriddenConfigCount } from '../../store/topics';
import { useClusterAction } from '../common/use-cluster-action';
import { DlqPolicyPanel } from '../dlq/DlqPolicyPanel';
import { TopicLagPanel, useTopicLagWatch } from '../groups/TopicLagPanel';
import { AddPartitionsDialog } from './AddPartitionsDialog';
import { BrokerNotice } from './BrokerNotice';
import { ConfigsPanel } from './ConfigsPanel';
import { DeleteTopicDialog } from './DeleteTopicDialog';
import { PartitionsPanel } from './PartitionsPanel';
import { PurgeRecordsDialog, type PurgeTarget } from './PurgeRecordsDialog';
import { TrashIcon } from './TopicsTable';
import { useTopicsActions } from './use-topics-actions';
import { lastWriteUnknown, orUnknown, UNKNOWN } from '../../format/format-unknown';

type Tab = 'partitions' | 'configs' | 'consumers' | 'dead-letters';
type Dialog = { kind: 'add-partitions' } | { kind: 'purge'; target: PurgeTarget } | { kind: 'delete' } | null;

export function TopicPage({ name }: { name: string }) {
  const summary = useAppStore(selectOpenTopicSummary);
  const gone = useAppStore(selectOpenTopicGone);
  const overridden = useAppStore(selectOverriddenConfigCount);
  const dlqEnabled = useAppStore(selectDlqEnabled);
  const link = useAppStore(selectHostLinkStatus);
  const consumers = useAppStore(selectTopicLag);
  const { closeTopic } = useTopicsActions();
  const showMessages = useAppStore(selectShowMessages);
  useTopicLagWatch(name);
  const addPartitions = useClusterAction('createPartitions');
  const purge = useClusterAction('deleteRecords');
  const remove = useClusterAction('deleteTopic');
  const [tab, setTab] = useState<Tab>('partitions');
  const [dialog, setDialog] = useState<Dialog>(null);
  const now = useNow(1000, summary?.lastAppendTime != null);
  const closeDialog = () => setDialog(null);
  const purgePartition = useCallback((partition: number, highWatermark: number) => setDialog({ kind: 'purge', target: { scope: 'one', partition, highWatermark } }), []);

  return (
    <section className={link === 'connected' ? 'view' : 'view view--stale'} data-testid="topic-page" data-topic={name} aria-labelledby="topic-page-title">
      <header className="view__header">
        <div className="topic-heading">
          <button type="button" className="breadcrumb" onClick={closeTopic} data-testid="topic-back">
            <svg width="12" height="12" viewBox="0 0 16 16" aria-hidden="true">
              <path d="M10 3L5 8l5 5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            Topics
          </button>
          <h1 className="view__title view__title--mono" id="topic-page-title" data-testid="topic-page-name">
            {name}
          </h1>
          {summary && (
            <p className="view__subtitle">
              Topic ID <code>{summary.topicId}</code> · created {summary.createdAt === null ? '—' : `${new Date(summary.createdAt).toLocaleDateString()} ${formatClockTime(summary.createdAt)}`}
            </p>
          )}
        </div>
        <div className="view__actions">
          <button type="button" className="button button--primary" disabled={gone} onClick={() => showMessages(emptyMessagesQuery(name))} data-testid="browse-messages-button">
            Browse messages
          </button>
          <button type="button" className="button" disabled={gone || addPartitions.disabled} title={addPartitions.reason} onClick={() => setDialog({ kind: 'add-partitions' })} data-testid="add-partitions-button">
            Add partitions
          </button>
          <button type="button" className="button" disabled={gone || purge.disabled} title={purge.reason} onClick={() => setDialog({ kind: 'purge', target: { scope: 'all' } })} data-testid="purge-button">
            Purge records
          </button>
          <button type="button" className="button button--danger-outline" disabled={gone || remove.disabled} title={remove.reason} onClick={() => setDialog({ kind: 'delete' })} data-testid="topic-delete-button">
            <TrashIcon />
            Delete
          </button>
        </div>
      </header>

      <BrokerNotice />
      {gone && (
        <div className="notice notice--warning" role="status" data-testid="topic-gone">
          This topic no longer exists: it was deleted.{' '}
          <button type="button" className="link-button" onClick={closeTopic}>
            Back to the topics
          </button>
        </div>
      )}

      <div className="overview overview--four">
        <Stat label="Partitions" value={summary ? formatCount(summary.partitions) : '—'} testId="stat-partitions" />
        <Stat label="Records" value={summary ? formatCount(summary.records) : '—'} testId="stat-records" />
        <Stat label="Size on disk" value={orUnknown(summary?.bytes, formatBytes)} testId="stat-size" />
        <Stat
          label="Last write"
          value={!summary ? '—' : summary.lastAppendTime === null ? (lastWriteUnknown(summary.lastAppendTime, summary.bytes) ? UNKNOWN : 'never') : formatAgo(summary.lastAppendTime, now)}
          detail={summary?.lastAppendTime == null ? undefined : formatClockTime(summary.lastAppendTime)}
          testId="stat-last-write"
        />
      </div>

      <div className="tabs" role="tablist" aria-label="Topic details">
        <TabButton id="partitions" current={tab} onSelect={setTab}>
          Partitions <span className="tabs__count">{summary ? formatCount(summary.partitions) : ''}</span>
        </TabButton>
        <TabButton id="configs" current={tab} onSelect={setTab}>
          Configs {overridden > 0 && <span className="tabs__count tabs__count--accent">{overridden} overridden</span>}
        </TabButton>
        <TabButton id="consumers" current={tab} onSelect={setTab}>
          Consumer groups <span className="tabs__count">{consumers ? formatCount(consumers.length) : ''}</span>
        </TabButton>
        <TabButton id="dead-letters" current={tab} onSelect={setTab}>
          Dead-letter policy {dlqEnabled && <span className="tabs__count tabs__count--accent">on</span>}
        </TabButton>
      </div>

      {tab === 'partitions' ? (
        <PartitionsPanel onPurge={purgePartition} />
      ) : tab === 'configs' ? (
        <ConfigsPanel topic={name} />
      ) : tab === 'consumers' ? (
        <TopicLagPanel topic={name} />
      ) : (
        <DlqPolicyPanel topic={name} />
      )}

      {dialog?.kind === 'add-partitions' && summary && !addPartitions.disabled && <AddPartitionsDialog topic={name} current={summary.partitions} onClose={closeDialog} />}
      {dialog?.kind === 'purge' && !purge.disabled && <PurgeRecordsDialog topic={name} target={dialog.target} onClose={closeDialog} />}
      {dialog?.kind === 'delete' && !remove.disabled && <DeleteTopicDialog name={name} onClose={closeDialog} onDeleted={closeTopic} />}
    </section>
  );
}

function Stat({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId: string }) {
  return (
    <div className="card">
      <div className="card__label">{label}</div>
      <div className="card__value card__value--small" data-testid={testId}>
        {value}
        {detail && <span className="card__detail">{detail}</span>}
      </div>
    </div>
  );
}

function TabButton({ id, current, onSelect, children }: { id: Tab; current: Tab; onSelect(tab: Tab): void; children: ReactNode }) {
  const selected = id === current;
  return (
    <button type="button" role="tab" aria-selected={selected} className={selected ? 'tabs__tab tabs__tab--active' : 'tabs__tab'} onClick={() => onSelect(id)} data-testid={`tab-${id}`}>
      {children}
    </button>
  );
}
