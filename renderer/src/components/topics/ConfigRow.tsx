/**
 * One config row, editable inline: Edit turns the value into an input (a select for enums and
 * booleans), Save sends it to the host, and the host's refusal (Kafka's wording: what is wrong and
 * what is allowed) is shown under it. Reset removes the topic's override.
 */
import { memo, useState } from 'react';
import type { TopicConfigEntry } from '../../../../electron/contract';
import { configValueHint } from '../../format/config-value-hint';
import { useClusterAction } from '../common/use-cluster-action';
import { useTopicsActions } from './use-topics-actions';

const SOURCE_LABELS: Record<TopicConfigEntry['defaultSource'], string> = {
  DYNAMIC_BROKER_CONFIG: 'this broker (dynamic)',
  DYNAMIC_DEFAULT_BROKER_CONFIG: 'all brokers (dynamic)',
  STATIC_BROKER_CONFIG: 'broker',
  DEFAULT_CONFIG: 'Kafka default',
};

/** Eddy's own configs (the dead-letter policy): not Kafka's, so their default is Eddy's. */
const isEddyConfig = (name: string) => name.startsWith('dlq.');
const EDDY_TITLE = "Eddy's dead-letter policy, not a Kafka config: set it here or in the topic's Dead-letter policy tab";

function sourceLabel(entry: TopicConfigEntry): string {
  return isEddyConfig(entry.name) && entry.defaultSource === 'DEFAULT_CONFIG' ? 'Eddy default' : SOURCE_LABELS[entry.defaultSource];
}

export const ConfigRow = memo(function ConfigRow({ topic, entry }: { topic: string; entry: TopicConfigEntry }) {
  const { setTopicConfig, resetTopicConfig } = useTopicsActions();
  const { disabled: readOnly, reason } = useClusterAction('alterConfigs');
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editing = draft !== null;

  const run = async (change: () => ReturnType<typeof setTopicConfig>) => {
    setBusy(true);
    setError(null);
    const result = await change();
    setBusy(false);
    if (result.ok) setDraft(null);
    else setError(result.message);
  };
  const save = () => {
    if (draft !== null && !busy && !readOnly) void run(() => setTopicConfig(topic, entry.name, draft));
  };
  const cancel = () => {
    setDraft(null);
    setError(null);
  };

  const useSelect = entry.allowedValues !== null && entry.type !== 'LIST';
  const hint = configValueHint(entry.name, editing ? draft : entry.value);
  const defaultHint = configValueHint(entry.name, entry.defaultValue);

  return (
    <tr data-testid="config-row" data-config={entry.name} data-overridden={entry.overridden} className={entry.overridden ? 'config-row--overridden' : undefined}>
      <td className="config-name" title={isEddyConfig(entry.name) ? `${entry.documentation}\n\n${EDDY_TITLE}.` : entry.documentation}>
        <span className="table__mono">{entry.name}</span>
        {isEddyConfig(entry.name) && (
          <span className="tag tag--eddy" title={EDDY_TITLE} data-testid="config-eddy">
            Eddy’s dead-letter policy
          </span>
        )}
        {entry.overridden && (
          <span className="tag tag--accent" data-testid="config-overridden">
            overridden
          </span>
        )}
        {!entry.enforced && (
          <span className="tag tag--quiet" title="Stored and described as Kafka does, but a single local broker does not act on it">
            stored only
          </span>
        )}
      </td>
      <td className="config-value">
        {editing ? (
          <div className="config-editor">
            <div className="config-editor__row">
              {useSelect ? (
                <select className="select" value={draft} onChange={(event) => setDraft(event.target.value)} autoFocus aria-label={entry.name} data-testid="config-input">
                  {(entry.allowedValues ?? []).map((value) => (
                    <option key={value} value={value}>
                      {value}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  className={error ? 'input input--mono input--compact input--invalid' : 'input input--mono input--compact'}
                  value={draft}
                  onChange={(event) => {
                    setDraft(event.target.value);
                    setError(null);
                  }}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') save();
                    if (event.key === 'Escape') {
                      event.preventDefault();
                      cancel();
                    }
                  }}
                  placeholder={placeholder(entry)}
                  autoFocus
                  spellCheck={false}
                  aria-label={entry.name}
                  aria-invalid={error !== null}
                  data-testid="config-input"
                />
              )}
              <button type="button" className="button button--small button--primary" onClick={save} disabled={busy || readOnly} title={reason} data-testid="config-save">
                {busy ? 'Saving…' : 'Save'}
              </button>
              <button type="button" className="button button--small" onClick={cancel} disabled={busy} data-testid="config-cancel">
                Cancel
              </button>
            </div>
            {hint && !error && <span className="field__help">{hint}</span>}
          </div>
        ) : (
          <span data-testid="config-value">
            <span className="table__mono">{entry.value === '' ? <span className="table__muted">(empty)</span> : entry.value}</span>
            {hint && <span className="config-hint">{hint}</span>}
          </span>
        )}
        {error && (
          <div className="field__problem" role="alert" data-testid="config-error">
            {error}
          </div>
        )}
      </td>
      <td className="config-default" data-testid="config-default">
        <span className="table__mono">{entry.defaultValue === '' ? '(empty)' : entry.defaultValue}</span>
        {defaultHint && <span className="config-hint">{defaultHint}</span>}
        <span className="config-source" title={isEddyConfig(entry.name) ? EDDY_TITLE : undefined} data-testid="config-source">
          {sourceLabel(entry)}
        </span>
      </td>
      <td className="table__actions">
        {!editing && !entry.readOnly && (
          <button type="button" className="button button--small button--quiet" onClick={() => setDraft(entry.value)} disabled={readOnly} title={reason} data-testid="config-edit">
            Edit
          </button>
        )}
        {!editing && entry.overridden && (
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => void run(() => resetTopicConfig(topic, entry.name))}
            disabled={busy || readOnly}
            title={reason ?? `Remove the override: back to ${entry.defaultValue === '' ? '(empty)' : entry.defaultValue}`}
            data-testid="config-reset"
          >
            Reset
          </button>
        )}
      </td>
    </tr>
  );
});

function placeholder(entry: TopicConfigEntry): string {
  if (entry.type === 'LIST' && entry.allowedValues) return entry.allowedValues.join(',');
  if (entry.range) return `${entry.range.min} … ${entry.range.max.length > 12 ? 'Long.MAX' : entry.range.max}`;
  return entry.defaultValue;
}
