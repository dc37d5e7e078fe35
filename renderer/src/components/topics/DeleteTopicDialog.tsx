/**
 * Delete a topic, confirmed by typing its name: the Delete button stays disabled until the text
 * matches exactly. The host's refusal (e.g. the topic is already gone) is shown as it is worded.
 */
import { useState } from 'react';
import { formatBytes } from '../../format/format-bytes';
import { formatCount } from '../../format/format-count';
import { useAppStore } from '../../store/use-app-store';
import { selectTopicList } from '../../store/topics';
import { Dialog, FormError } from '../common/Dialog';
import { useTopicsActions } from './use-topics-actions';

export function DeleteTopicDialog({ name, onClose, onDeleted }: { name: string; onClose(): void; onDeleted?(): void }) {
  const { deleteTopic } = useTopicsActions();
  const topic = useAppStore(selectTopicList).find((candidate) => candidate.name === name);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [hostError, setHostError] = useState<string | null>(null);
  const confirmed = typed === name;

  const submit = async () => {
    if (!confirmed || busy) return;
    setBusy(true);
    const result = await deleteTopic(name);
    setBusy(false);
    if (!result.ok) {
      setHostError(result.message);
      return;
    }
    onClose();
    onDeleted?.();
  };

  return (
    <Dialog
      title="Delete topic"
      testId="delete-topic-dialog"
      tone="danger"
      onClose={onClose}
      onSubmit={() => void submit()}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--danger" disabled={!confirmed || busy} data-testid="delete-topic-submit">
            {busy ? 'Deleting…' : 'Delete topic'}
          </button>
        </>
      }
    >
      <p className="dialog__text">
        This deletes <code className="dialog__subject">{name}</code>
        {topic ? (
          <>
            {' '}
            with its {formatCount(topic.partitions)} partition{topic.partitions === 1 ? '' : 's'}, {formatCount(topic.records)} record{topic.records === 1 ? '' : 's'} and{' '}
            {formatBytes(topic.bytes)} of data
          </>
        ) : null}
        . Consumers and producers using it get errors, or re-create it if auto-create is on. It cannot be undone.
      </p>
      <label className="field">
        <span className="field__label">
          Type <code>{name}</code> to confirm
        </span>
        <input
          className="input input--mono"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          autoFocus
          spellCheck={false}
          autoComplete="off"
          data-testid="delete-topic-confirm"
        />
      </label>
      <FormError message={hostError} testId="delete-topic-error" />
    </Dialog>
  );
}
