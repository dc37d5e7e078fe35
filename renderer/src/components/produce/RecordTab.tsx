/** Produce one record: the form, "Send", where it went (or why not), and the form as code. */
import { useState, type FormEvent } from 'react';
import { useAppStore } from '../../store/use-app-store';
import { selectMessagesTopic } from '../../store/messages';
import { recordOf, selectProduceDraft, selectProduceSend, type DraftProblems } from '../../store/produce';
import { useClusterAction } from '../common/use-cluster-action';
import { RecordFields } from './RecordFields';
import { SendOutcomes } from './SendOutcomes';
import { useProduceActions } from './use-produce-actions';

export function RecordTab() {
  const topic = useAppStore(selectMessagesTopic);
  const draft = useAppStore(selectProduceDraft);
  const send = useAppStore(selectProduceSend);
  const { sendProduceDraft, openSnippet, resetProduceDraft } = useProduceActions();
  const { disabled: readOnly, reason } = useClusterAction('produce');
  const [problems, setProblems] = useState<DraftProblems>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (readOnly) return;
    const result = await sendProduceDraft();
    setProblems(!result.ok && 'problems' in result ? result.problems : {});
  };

  const copyAsCode = () => {
    const built = recordOf(draft);
    if ('problems' in built) return setProblems(built.problems);
    if (topic !== null) openSnippet({ kind: 'produce', topic, record: built.record, settings: draft.settings }, 'the produce form');
  };

  return (
    <form className="produce-tab" onSubmit={(event) => void submit(event)} noValidate data-testid="produce-record-tab">
      <RecordFields template={false} problems={problems} setProblems={setProblems} />
      <div className="produce-tab__actions">
        <button type="submit" className="button button--primary" disabled={topic === null || send.sending || readOnly} title={reason} data-testid="produce-send">
          {send.sending ? 'Sending…' : 'Send'}
        </button>
        <button type="button" className="button" onClick={copyAsCode} disabled={topic === null} data-testid="produce-copy-as-code">
          Copy as code
        </button>
        <button type="button" className="button button--quiet" onClick={resetProduceDraft} data-testid="produce-reset">
          Clear the form
        </button>
      </div>
      {Object.keys(problems).length > 0 && (
        <div className="form-error" role="alert" data-testid="produce-problems">
          Nothing was sent: {Object.keys(problems).length === 1 ? 'one field needs' : `${Object.keys(problems).length} fields need`} fixing (marked above).
        </div>
      )}
      <SendOutcomes />
    </form>
  );
}
