/**
 * One consumer group's page: its state, members and total lag, a lag-over-time chart, the
 * members with their assigned partitions, and per partition the committed offset, end offset and
 * lag. Everything follows pushes. Reset offsets (with a preview) and delete from here.
 */
import { useState } from 'react';
import { formatClockTime } from '../../format/format-clock-time';
import { formatCount } from '../../format/format-count';
import { useAppStore } from '../../store/use-app-store';
import { selectLagHistory, selectOpenGroupDetail, selectOpenGroupError, selectOpenGroupGone, selectOpenGroupSummary } from '../../store/groups';
import { selectHostLinkStatus } from '../../store/host-link';
import { useClusterAction } from '../common/use-cluster-action';
import { BrokerNotice } from '../topics/BrokerNotice';
import { TrashIcon } from '../topics/TopicsTable';
import { DeleteGroupDialog } from './DeleteGroupDialog';
import { GroupStateBadge } from './GroupStateBadge';
import { LagChart } from './LagChart';
import { MembersTable } from './MembersTable';
import { PartitionLagTable } from './PartitionLagTable';
import { ResetOffsetsDialog } from './ResetOffsetsDialog';
import { useGroupsActions } from './use-groups-actions';

type Dialog = 'reset' | 'delete' | null;

export function GroupPage({ groupId }: { groupId: string }) {
  const summary = useAppStore(selectOpenGroupSummary);
  const detail = useAppStore(selectOpenGroupDetail);
  const error = useAppStore(selectOpenGroupError);
  const gone = useAppStore(selectOpenGroupGone);
  const history = useAppStore(selectLagHistory);
  const link = useAppStore(selectHostLinkStatus);
  const { closeGroup } = useGroupsActions();
  const reset = useClusterAction('alterGroupOffsets');
  const remove = useClusterAction('deleteGroup');
  const [dialog, setDialog] = useState<Dialog>(null);

  return (
    <section className={link === 'connected' ? 'view' : 'view view--stale'} data-testid="group-page" data-group={groupId} aria-labelledby="group-page-title">
      <header className="view__header">
        <div className="topic-heading">
          <button type="button" className="breadcrumb" onClick={closeGroup} data-testid="group-back">
            <svg width="12" height="12" viewBox="0 0 16 16" aria-hidden="true">
              <path d="M10 3L5 8l5 5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            Consumer groups
          </button>
          <h1 className="view__title view__title--mono" id="group-page-title" data-testid="group-page-name">
            {groupId}
          </h1>
          {summary && (
            <p className="view__subtitle">
              {summary.protocolType ? `Protocol type ${summary.protocolType}` : 'Offsets only (no protocol)'}
              {summary.protocolName && (
                <>
                  {' '}
                  · assignor <code>{summary.protocolName}</code>
                </>
              )}{' '}
              · generation {summary.generationId ?? '—'}
              {detail?.stateChangedAt != null && detail.stateChangedAt > 0 && <> · state since {formatClockTime(detail.stateChangedAt)}</>}
            </p>
          )}
        </div>
        <div className="view__actions">
          <button type="button" className="button" disabled={gone || !summary || reset.disabled} title={reset.reason} onClick={() => setDialog('reset')} data-testid="reset-offsets-button">
            Reset offsets…
          </button>
          <button type="button" className="button button--danger-outline" disabled={gone || remove.disabled} title={remove.reason} onClick={() => setDialog('delete')} data-testid="group-delete-button">
            <TrashIcon />
            Delete
          </button>
        </div>
      </header>

      <BrokerNotice />
      {gone && (
        <div className="notice notice--warning" role="status" data-testid="group-gone">
          This group no longer exists: it was deleted, or its offsets expired.{' '}
          <button type="button" className="link-button" onClick={closeGroup}>
            Back to the groups
          </button>
        </div>
      )}
      {error && !gone && <div className="panel__error">Could not read the group: {error}</div>}

      <div className="overview overview--four">
        <div className="card">
          <div className="card__label">State</div>
          <div className="card__value card__value--small">{summary ? <GroupStateBadge state={summary.state} /> : '—'}</div>
        </div>
        <Stat label="Members" value={summary ? formatCount(summary.members) : '—'} testId="stat-members" />
        <Stat label="Total lag" value={summary ? (summary.totalLag === null ? '—' : formatCount(summary.totalLag)) : '—'} detail={summary?.totalLag == null ? undefined : 'records'} testId="stat-lag" />
        <Stat label="Topics" value={summary ? formatCount(summary.topics.length) : '—'} detail={detail ? `${formatCount(detail.partitions.length)} partitions` : undefined} testId="stat-topics" />
      </div>

      <div className="panel panel--section">
        <div className="panel__header">
          <h2 className="panel__title">Lag over time</h2>
          <span className="panel__note">Total lag, one sample a second, last 10 minutes</span>
        </div>
        <LagChart samples={history} />
      </div>

      <div className="panel panel--section">
        <div className="panel__header">
          <h2 className="panel__title">
            Partitions <span className="panel__count">{detail ? formatCount(detail.partitions.length) : ''}</span>
          </h2>
          <span className="panel__note">Lag = end offset − committed offset</span>
        </div>
        {detail && detail.partitions.length === 0 ? (
          <div className="empty-state empty-state--compact">No committed offsets and no assigned partitions.</div>
        ) : (
          <PartitionLagTable partitions={detail?.partitions ?? []} />
        )}
      </div>

      <div className="panel panel--section">
        <div className="panel__header">
          <h2 className="panel__title">
            Members <span className="panel__count">{detail ? formatCount(detail.members.length) : ''}</span>
          </h2>
        </div>
        {detail ? <MembersTable members={detail.members} /> : <div className="empty-state empty-state--compact">Reading the group…</div>}
      </div>

      {dialog === 'reset' && summary && !reset.disabled && <ResetOffsetsDialog groupId={groupId} topics={summary.topics} members={summary.members} onClose={() => setDialog(null)} />}
      {dialog === 'delete' && !remove.disabled && <DeleteGroupDialog groupId={groupId} onClose={() => setDialog(null)} onDeleted={closeGroup} />}
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
