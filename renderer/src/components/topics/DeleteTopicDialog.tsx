/**
 * Delete a topic, confirmed by typing its name: the Delete button stays disabled until the text
 * matches exactly. The host's refusal (e.g. the topic is already gone) is shown as it is worded.
 */
import { formatBytes } from '../../format/format-bytes';
import { formatCount } from '../../format/format-count';
import { useAppStore } from '../../store/use-app-store';
import { selectTopicList } from '../../store/topics';
import { ConfirmDeleteDialog } from '../common/ConfirmDeleteDialog';
import { useTopicsActions } from './use-topics-actions';

export function DeleteTopicDialog({ name, onClose, onDeleted }: { name: string; onClose(): void; onDeleted?(): void }) {
  const { deleteTopic } = useTopicsActions();
  const topic = useAppStore(selectTopicList).find((candidate) => candidate.name === name);
  return (
    <ConfirmDeleteDialog
      subject={name}
      title="Delete topic"
      confirmLabel="Delete topic"
      testIdPrefix="delete-topic"
      remove={deleteTopic}
      onClose={onClose}
      onDeleted={onDeleted}
      description={
        <p className="dialog__text">
          This deletes <code className="dialog__subject">{name}</code>
          {topic ? (
            <>
              {' '}
              with its {formatCount(topic.partitions)} partition{topic.partitions === 1 ? '' : 's'}, {formatCount(topic.records)} record{topic.records === 1 ? '' : 's'}
              {topic.bytes === null ? '' : ` and ${formatBytes(topic.bytes)} of data`}
            </>
          ) : null}
          . Consumers and producers using it get errors, or re-create it if auto-create is on. It cannot be undone.
        </p>
      }
    />
  );
}
