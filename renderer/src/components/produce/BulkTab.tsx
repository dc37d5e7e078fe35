/**
 * Bulk: the form's record as a template, repeated `count` times at most `rate` a second, with
 * placeholders replaced per record; progress while it runs, Cancel at any time, and the exact
 * count stored at the end.
 */
import { useState, type FormEvent } from 'react';
import { useAppStore } from '../../store/use-app-store';
import { selectMessagesTopic } from '../../store/messages';
import { selectProduceDraft, selectProduceJob, type DraftProblems } from '../../store/produce';
import { useClusterAction } from '../common/use-cluster-action';
import { JobProgressView } from './JobProgressView';
import { RecordFields } from './RecordFields';
import { useProduceActions } from './use-produce-actions';

const PLACEHOLDERS: Array<[string, string]> = [
  ['{{index}}', 'the record’s number: 0, 1, 2, …'],
  ['{{uuid}}', 'a random UUID'],
  ['{{timestamp}}', 'the time it is made, epoch ms'],
  ['{{randomInt 1 100}}', 'a whole number from 1 to 100'],
  ['{{pick red green blue}}', 'one of the words, at random ("New York" in quotes)'],
];

export function BulkTab() {
  const topic = useAppStore(selectMessagesTopic);
  const draft = useAppStore(selectProduceDraft);
  const job = useAppStore(selectProduceJob);
  const { startBulkFromDraft, editProduceDraft, cancelJob, forgetJob } = useProduceActions();
  const { disabled: readOnly, reason } = useClusterAction('produce');
  const [problems, setProblems] = useState<DraftProblems>({});
  const bulk = job?.kind === 'bulk' ? job : null;
  const running = bulk !== null && bulk.error === null && (bulk.progress === null || bulk.progress.state === 'running');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (running) return;
    const result = await startBulkFromDraft();
    setProblems(!result.ok && 'problems' in result ? result.problems : {});
  };

  return (
    <form className="produce-tab" onSubmit={(event) => void submit(event)} noValidate data-testid="produce-bulk-tab">
      {bulk && <JobProgressView job={bulk} testId="produce-job" />}
      <details className="placeholders-help" data-testid="produce-placeholders">
        <summary>Placeholders, replaced in each record’s key, value and header values</summary>
        <dl>
          {PLACEHOLDERS.map(([placeholder, meaning]) => (
            <div key={placeholder}>
              <dt>
                <code>{placeholder}</code>
              </dt>
              <dd>{meaning}</dd>
            </div>
          ))}
        </dl>
      </details>
      <RecordFields template problems={problems} setProblems={setProblems} />
      <div className="produce-settings">
        <label className="produce-settings__field">
          <span className="field__label">Records</span>
          <input className={problems.count ? 'input input--mono input--small input--count input--invalid' : 'input input--mono input--small input--count'} inputMode="numeric" value={draft.count} onChange={(event) => editProduceDraft({ count: event.target.value })} data-testid="produce-bulk-count" />
        </label>
        <label className="produce-settings__field">
          <span className="field__label">At most, per second</span>
          <input className={problems.rate ? 'input input--mono input--small input--count input--invalid' : 'input input--mono input--small input--count'} inputMode="numeric" value={draft.rate} placeholder="no limit" onChange={(event) => editProduceDraft({ rate: event.target.value })} data-testid="produce-bulk-rate" />
        </label>
      </div>
      {(problems.count || problems.rate) && <span className="field__problem">{problems.count ?? problems.rate}</span>}
      <div className="produce-tab__actions">
        {running ? (
          <button type="button" className="button button--danger-outline" onClick={() => void cancelJob('produceJob')} disabled={!bulk?.jobId} data-testid="produce-bulk-cancel">
            Cancel
          </button>
        ) : (
          <button type="submit" className="button button--primary" disabled={topic === null || readOnly} title={reason} data-testid="produce-bulk-start">
            {/^\d{1,9}$/.test(draft.count.trim()) ? `Send ${Number(draft.count).toLocaleString('en-US')} records` : 'Send'}
          </button>
        )}
        {bulk && !running && (
          <button type="button" className="button button--quiet" onClick={() => forgetJob('produceJob')} data-testid="produce-bulk-dismiss">
            Dismiss
          </button>
        )}
      </div>
      {Object.keys(problems).length > 0 && (
        <div className="form-error" role="alert" data-testid="produce-problems">
          Nothing was sent: fix the fields marked above.
        </div>
      )}
    </form>
  );
}
