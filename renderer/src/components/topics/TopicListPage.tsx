import { useState } from 'react';
import { formatCount } from '../../format/format-count';
import { useAppStore } from '../../store/use-app-store';
import { selectHostLinkStatus } from '../../store/host-link';
import { selectTopicList, selectTopicListError, selectTopicListLoaded, selectTopicsTotal } from '../../store/topics';
import { BrokerNotice } from './BrokerNotice';
import { CreateTopicDialog } from './CreateTopicDialog';
import { DeleteTopicDialog } from './DeleteTopicDialog';
import { TopicsTable } from './TopicsTable';
import { useClusterAction } from '../common/use-cluster-action';
import { useClusterViewText } from '../common/use-cluster-view-text';
import { selectShownClusterName } from '../../store/clusters';

/** Every topic with its size and activity, updated live; create and delete from here. */
export function TopicListPage() {
  const clusterName = useAppStore(selectShownClusterName);
  const topics = useAppStore(selectTopicList);
  const total = useAppStore(selectTopicsTotal);
  const loaded = useAppStore(selectTopicListLoaded);
  const error = useAppStore(selectTopicListError);
  const link = useAppStore(selectHostLinkStatus);
  const create = useClusterAction('createTopic');
  const remove = useClusterAction('deleteTopic');
  const [filter, setFilter] = useClusterViewText('topics.filter');
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<string | null>(null);

  const needle = filter.trim().toLowerCase();
  const shown = needle === '' ? topics : topics.filter((topic) => topic.name.toLowerCase().includes(needle));

  return (
    <section className={link === 'connected' ? 'view' : 'view view--stale'} data-testid="topics-view" aria-labelledby="topics-view-title">
      <header className="view__header">
        <div>
          <h1 className="view__title" id="topics-view-title">
            Topics
            <span className="view__count" data-testid="topics-count">
              {formatCount(total)}
            </span>
          </h1>
          <p className="view__subtitle">Topics on {clusterName}, updated live as clients write to them.</p>
        </div>
        <button type="button" className="button button--primary" onClick={() => setCreating(true)} disabled={create.disabled} title={create.reason} data-testid="new-topic-button">
          <PlusIcon />
          New topic
        </button>
      </header>

      <BrokerNotice />
      {error && loaded && <div className="panel__error">Could not refresh the topics: {error}</div>}

      <div className="panel topics-panel">
        <div className="panel__toolbar">
          <input
            type="search"
            className="input input--search"
            placeholder="Filter topics by name"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            aria-label="Filter topics by name"
            data-testid="topics-filter"
          />
          {needle !== '' && (
            <span className="panel__note">
              {formatCount(shown.length)} of {formatCount(topics.length)}
            </span>
          )}
        </div>
        {!loaded ? (
          <div className="empty-state" data-testid="topics-loading">
            {error ? `Could not read the topics: ${error}` : 'Reading the topics…'}
          </div>
        ) : topics.length === 0 ? (
          <div className="empty-state" data-testid="topics-empty">
            <div className="empty-state__title">No topics yet</div>
            Create one here, or produce to a topic from any Kafka client: the broker creates it on first use.
          </div>
        ) : (
          <TopicsTable topics={shown} onDelete={setDeleting} />
        )}
        {total > topics.length && (
          <div className="panel__note panel__note--foot">
            Showing the first {formatCount(topics.length)} of {formatCount(total)} topics.
          </div>
        )}
      </div>

      {creating && !create.disabled && <CreateTopicDialog onClose={() => setCreating(false)} />}
      {deleting !== null && !remove.disabled && <DeleteTopicDialog name={deleting} onClose={() => setDeleting(null)} />}
    </section>
  );
}

function PlusIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M8 3v10M3 8h10" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}
