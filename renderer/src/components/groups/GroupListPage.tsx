import { useState } from 'react';
import { formatCount } from '../../format/format-count';
import { useAppStore } from '../../store/use-app-store';
import { selectGroupList, selectGroupListError, selectGroupListLoaded, selectGroupsTotal } from '../../store/groups';
import { selectHostLinkStatus } from '../../store/host-link';
import { BrokerNotice } from '../topics/BrokerNotice';
import { useClusterAction } from '../common/use-cluster-action';
import { useClusterViewText } from '../common/use-cluster-view-text';
import { DeleteGroupDialog } from './DeleteGroupDialog';
import { GroupsTable } from './GroupsTable';
import { selectShownClusterName } from '../../store/clusters';

/** Every consumer group with its state, members, protocol and total lag, updated live. */
export function GroupListPage() {
  const clusterName = useAppStore(selectShownClusterName);
  const groups = useAppStore(selectGroupList);
  const total = useAppStore(selectGroupsTotal);
  const loaded = useAppStore(selectGroupListLoaded);
  const error = useAppStore(selectGroupListError);
  const link = useAppStore(selectHostLinkStatus);
  const [filter, setFilter] = useClusterViewText('groups.filter');
  const remove = useClusterAction('deleteGroup');
  const [deleting, setDeleting] = useState<string | null>(null);

  const needle = filter.trim().toLowerCase();
  const shown = needle === '' ? groups : groups.filter((group) => group.groupId.toLowerCase().includes(needle));

  return (
    <section className={link === 'connected' ? 'view' : 'view view--stale'} data-testid="groups-view" aria-labelledby="groups-view-title">
      <header className="view__header">
        <div>
          <h1 className="view__title" id="groups-view-title">
            Consumer groups
            <span className="view__count" data-testid="groups-count">
              {formatCount(total)}
            </span>
          </h1>
          <p className="view__subtitle">Groups on {clusterName} and how far behind each one is, updated live.</p>
        </div>
      </header>

      <BrokerNotice />
      {error && loaded && <div className="panel__error">Could not refresh the groups: {error}</div>}

      <div className="panel">
        <div className="panel__toolbar">
          <input
            type="search"
            className="input input--search"
            placeholder="Filter groups by id"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            aria-label="Filter groups by id"
            data-testid="groups-filter"
          />
          {needle !== '' && (
            <span className="panel__note">
              {formatCount(shown.length)} of {formatCount(groups.length)}
            </span>
          )}
        </div>
        {!loaded ? (
          <div className="empty-state" data-testid="groups-loading">
            {error ? `Could not read the groups: ${error}` : 'Reading the groups…'}
          </div>
        ) : groups.length === 0 ? (
          <div className="empty-state" data-testid="groups-empty">
            <div className="empty-state__title">No consumer groups yet</div>
            A group appears here when a consumer with a <code>group.id</code> joins or commits offsets.
          </div>
        ) : (
          <GroupsTable groups={shown} onDelete={setDeleting} />
        )}
        {total > groups.length && (
          <div className="panel__note panel__note--foot">
            Showing the first {formatCount(groups.length)} of {formatCount(total)} groups.
          </div>
        )}
      </div>

      {deleting !== null && !remove.disabled && <DeleteGroupDialog groupId={deleting} onClose={() => setDeleting(null)} />}
    </section>
  );
}
