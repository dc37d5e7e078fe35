/**
 * On a topic's page: its dead-letter policy, Eddy's own (the topic's `dlq.*` configs, so any
 * Kafka admin client can set it too). When enabled, the broker's sweeper moves the records the
 * group has not consumed within the maximum age to the DLQ topic. The form is read with
 * `dlq.policyGet` and saved with `dlq.policySet`; the host's refusal is shown beside it.
 */
import { useEffect, useState } from 'react';
import type { DlqPolicy } from '../../../../electron/contract';
import { formatMillis } from '../../format/config-value-hint';
import { DURATION_UNITS, toBaseUnits, type Unit } from '../../format/units';
import { useAppStore } from '../../store/use-app-store';
import { selectDlqPolicy, selectShowDeadLetters } from '../../store/dlq';
import { selectGroupList } from '../../store/groups';
import { FormError } from '../common/Dialog';
import { useReadOnly } from '../common/use-read-only';
import { useDlqActions } from './use-dlq-actions';

/** Seconds to days: the sweeper's pace is a second by default, so milliseconds are not offered. */
const AGE_UNITS = DURATION_UNITS.filter((unit) => unit.id !== 'ms');

interface PolicyDraft {
  enabled: boolean;
  group: string;
  amount: string;
  unit: string;
  dlqTopic: string;
}

/** The largest unit the age is a whole number of (seconds when none is). */
function draftOf(policy: DlqPolicy): PolicyDraft {
  const unit = [...AGE_UNITS].reverse().find((candidate) => policy.maxAgeMs % candidate.factor === 0) ?? AGE_UNITS[0];
  return { enabled: policy.enabled, group: policy.group, amount: String(policy.maxAgeMs / unit.factor), unit: unit.id, dlqTopic: policy.dlqTopic };
}

const unitById = (id: string): Unit => AGE_UNITS.find((unit) => unit.id === id) ?? AGE_UNITS[0];

export function DlqPolicyPanel({ topic }: { topic: string }) {
  const state = useAppStore(selectDlqPolicy);
  const { loadDlqPolicy } = useDlqActions();
  useEffect(() => loadDlqPolicy(topic), [topic, loadDlqPolicy]);
  const policy = state?.topic === topic ? state.policy : null;
  return (
    <div className="panel dlq-policy" role="tabpanel" data-testid="dlq-policy-panel">
      <p className="panel__note dlq-policy__intro">
        Eddy’s own policy, kept in this topic’s <code>dlq.*</code> configs: while it is on, the broker’s sweeper moves the records the group has not consumed within the maximum age (by the time the broker appended them) to a DLQ topic, and moves the group’s committed offset past them.
      </p>
      {state?.topic === topic && state.error && <FormError message={`Could not read the policy: ${state.error}`} testId="dlq-policy-load-error" />}
      {policy === null ? (
        !(state?.topic === topic && state.error) && <div className="detail__muted">Reading the policy…</div>
      ) : (
        <PolicyForm key={topic} topic={topic} policy={policy} />
      )}
    </div>
  );
}

function PolicyForm({ topic, policy }: { topic: string; policy: DlqPolicy }) {
  const groups = useAppStore(selectGroupList);
  const showDeadLetters = useAppStore(selectShowDeadLetters);
  const { saveDlqPolicy } = useDlqActions();
  const [draft, setDraft] = useState<PolicyDraft>(() => draftOf(policy));
  const { readOnly, reason } = useReadOnly();
  const [busy, setBusy] = useState(false);
  const [hostError, setHostError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const edit = (patch: Partial<PolicyDraft>) => {
    setDraft({ ...draft, ...patch });
    setSaved(false);
    setHostError(null);
  };

  const maxAgeMs = toBaseUnits(draft.amount, unitById(draft.unit));
  const ageProblem = maxAgeMs === null || maxAgeMs < 1 ? 'The maximum age is a positive number.' : null;
  const groupProblem = draft.enabled && draft.group.trim() === '' ? 'Name the consumer group whose committed offsets say what was consumed.' : null;
  const dlqTopic = draft.dlqTopic.trim();
  const topicProblem = dlqTopic === topic ? 'The DLQ topic must be another topic than this one.' : null;
  const invalid = ageProblem !== null || groupProblem !== null || topicProblem !== null;
  const target = dlqTopic === '' ? `${topic}.dlq` : dlqTopic;

  const save = async () => {
    if (invalid || busy || readOnly || maxAgeMs === null) return;
    setBusy(true);
    setHostError(null);
    const result = await saveDlqPolicy(topic, { enabled: draft.enabled, group: draft.group.trim(), maxAgeMs, dlqTopic });
    setBusy(false);
    if (!result.ok) return setHostError(`The policy was not saved: ${result.message}`);
    setSaved(true);
  };

  return (
    <form
      className="dlq-policy__form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      noValidate
      data-testid="dlq-policy-form"
      data-enabled={policy.enabled}
    >
      <label className="toggle dlq-policy__enabled">
        <input type="checkbox" checked={draft.enabled} onChange={(event) => edit({ enabled: event.target.checked })} data-testid="dlq-policy-enabled" />
        Dead-letter the records this topic’s group leaves unconsumed
      </label>
      <div className="field-row">
        <label className="field">
          <span className="field__label">Consumer group</span>
          <input
            className={groupProblem ? 'input input--mono input--invalid' : 'input input--mono'}
            list="dlq-policy-groups"
            value={draft.group}
            onChange={(event) => edit({ group: event.target.value })}
            placeholder="the group that consumes this topic"
            spellCheck={false}
            autoComplete="off"
            data-testid="dlq-policy-group"
          />
          <datalist id="dlq-policy-groups">
            {groups.map((group) => (
              <option key={group.groupId} value={group.groupId} />
            ))}
          </datalist>
          {groupProblem ? <span className="field__problem">{groupProblem}</span> : <span className="field__help">A record counts as consumed once this group’s committed offset has passed it.</span>}
        </label>
        <div className="field">
          <span className="field__label">Maximum age</span>
          <div className="input-group">
            <input className={ageProblem ? 'input input--invalid' : 'input'} inputMode="decimal" value={draft.amount} onChange={(event) => edit({ amount: event.target.value })} aria-label="Maximum age" data-testid="dlq-policy-max-age" />
            <select className="select" value={draft.unit} onChange={(event) => edit({ unit: event.target.value })} aria-label="Maximum age unit" data-testid="dlq-policy-max-age-unit">
              {AGE_UNITS.map((unit) => (
                <option key={unit.id} value={unit.id}>
                  {unit.label}
                </option>
              ))}
            </select>
          </div>
          <span className={ageProblem ? 'field__problem' : 'field__help'}>{ageProblem ?? `Unconsumed for longer than ${formatMillis(maxAgeMs!)}: dead.`}</span>
        </div>
        <label className="field">
          <span className="field__label">DLQ topic</span>
          <input
            className={topicProblem ? 'input input--mono input--invalid' : 'input input--mono'}
            value={draft.dlqTopic}
            onChange={(event) => edit({ dlqTopic: event.target.value })}
            placeholder={`${topic}.dlq`}
            spellCheck={false}
            autoComplete="off"
            data-testid="dlq-policy-topic"
          />
          {topicProblem ? <span className="field__problem">{topicProblem}</span> : <span className="field__help">Empty: <code>{topic}.dlq</code>, created when the first record dies.</span>}
        </label>
      </div>
      <div className="dlq-policy__actions">
        <button type="submit" className="button button--primary" disabled={busy || invalid || readOnly} title={reason} data-testid="dlq-policy-save">
          {busy ? 'Saving…' : 'Save policy'}
        </button>
        {saved && (
          <span className="dlq-policy__saved" role="status" data-testid="dlq-policy-saved">
            Saved: {policy.enabled ? `records unconsumed by ${policy.group} for ${formatMillis(policy.maxAgeMs)} go to ${policy.dlqTopic || `${topic}.dlq`}.` : 'the sweeper leaves this topic alone.'}
          </span>
        )}
        <button type="button" className="button button--quiet dlq-policy__open" onClick={() => showDeadLetters(target)} data-testid="dlq-policy-open-dead-letters">
          Dead letters in {target} →
        </button>
      </div>
      <FormError message={hostError} testId="dlq-policy-error" />
    </form>
  );
}
