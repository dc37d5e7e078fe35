/**
 * The open topic's configs: every one with the value in force, the default beside it (the
 * broker's setting, Kafka's default, or Eddy's for its own `dlq.*` dead-letter policy) and
 * whether the topic overrides it. Filterable by name
 * and to the overridden ones.
 */
import { useState } from 'react';
import { useAppStore } from '../../store/use-app-store';
import { selectTopicConfigs, selectTopicConfigsError } from '../../store/topics';
import { ConfigRow } from './ConfigRow';

export function ConfigsPanel({ topic }: { topic: string }) {
  const configs = useAppStore(selectTopicConfigs);
  const error = useAppStore(selectTopicConfigsError);
  const [filter, setFilter] = useState('');
  const [overriddenOnly, setOverriddenOnly] = useState(false);

  const needle = filter.trim().toLowerCase();
  const shown = (configs ?? []).filter((entry) => (!overriddenOnly || entry.overridden) && (needle === '' || entry.name.includes(needle)));

  return (
    <div className="panel" role="tabpanel" data-testid="configs-panel">
      <div className="panel__toolbar">
        <input
          type="search"
          className="input input--search"
          placeholder="Filter configs by name"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          aria-label="Filter configs by name"
          data-testid="configs-filter"
        />
        <label className="toggle">
          <input type="checkbox" checked={overriddenOnly} onChange={(event) => setOverriddenOnly(event.target.checked)} data-testid="configs-overridden-only" />
          Overridden only
        </label>
      </div>
      {error && <div className="panel__error">Could not read the configs: {error}</div>}
      {configs === null ? (
        <div className="empty-state">{error ? '' : 'Reading the configs…'}</div>
      ) : shown.length === 0 ? (
        <div className="empty-state" data-testid="configs-empty">
          {overriddenOnly && needle === '' ? 'This topic overrides no config: every value is the default.' : 'No config matches the filter.'}
        </div>
      ) : (
        <table className="table table--configs" data-testid="configs-table">
          <thead>
            <tr>
              <th scope="col">Config</th>
              <th scope="col">Value in force</th>
              <th scope="col">Default</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((entry) => (
              <ConfigRow key={entry.name} topic={topic} entry={entry} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
