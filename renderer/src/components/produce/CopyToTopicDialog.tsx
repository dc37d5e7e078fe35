/**
 * "Copy to topic…": the records checked in the table, copied (key, value, headers and timestamp
 * kept) to another topic, partitioned as chosen; progress, Cancel, and the exact count stored.
 */
import { useState } from 'react';
import type { ProduceSettings } from '../../../../electron/contract';
import { formatCount } from '../../format/format-count';
import { useAppStore } from '../../store/use-app-store';
import { selectMessagesTopic } from '../../store/messages';
import { DEFAULT_PRODUCE_SETTINGS, selectCopyJob, selectCopySelection } from '../../store/produce';
import { selectTopicList } from '../../store/topics';
import { Dialog, FormError } from '../common/Dialog';
import { useClusterAction } from '../common/use-cluster-action';
import { JobProgressView } from './JobProgressView';
import { ProduceSettingsFields } from './ProduceSettingsFields';
import { useProduceActions } from './use-produce-actions';

export function CopyToTopicDialog({ onClose }: { onClose(): void }) {
  const from = useAppStore(selectMessagesTopic);
  const selection = useAppStore(selectCopySelection);
  const topics = useAppStore(selectTopicList);
  const job = useAppStore(selectCopyJob);
  const { copySelectionTo, cancelJob, forgetJob, clearCopySelection } = useProduceActions();
  const targets = topics.filter((topic) => topic.name !== from);
  const [target, setTarget] = useState(targets[0]?.name ?? '');
  const [settings, setSettings] = useState<ProduceSettings>(DEFAULT_PRODUCE_SETTINGS);
  const { disabled: readOnly, reason } = useClusterAction('produce');
  const [problem, setProblem] = useState<string | null>(null);
  const running = job !== null && job.error === null && (job.progress === null || job.progress.state === 'running');
  const finished = job !== null && !running;

  const close = () => {
    if (finished && job?.progress?.state === 'done') clearCopySelection();
    forgetJob('copyJob');
    onClose();
  };

  const submit = async () => {
    if (job || readOnly) return;
    if (target.trim() === '') return setProblem('Choose the topic to copy to.');
    setProblem(null);
    await copySelectionTo(target.trim(), settings);
  };

  return (
    <Dialog
      title={`Copy ${formatCount(selection.size)} record${selection.size === 1 ? '' : 's'} to another topic`}
      testId="copy-dialog"
      onClose={close}
      onSubmit={() => void submit()}
      actions={
        job === null ? (
          <>
            <button type="button" className="button" onClick={close}>
              Cancel
            </button>
            <button type="submit" className="button button--primary" disabled={selection.size === 0 || readOnly} title={reason} data-testid="copy-submit">
              Copy
            </button>
          </>
        ) : running ? (
          <button type="button" className="button" onClick={() => void cancelJob('copyJob')} disabled={!job.jobId} data-testid="copy-cancel">
            Cancel the copy
          </button>
        ) : (
          <button type="button" className="button" onClick={close} data-testid="copy-close">
            Close
          </button>
        )
      }
    >
      {job === null ? (
        <>
          <label className="field">
            <span className="field__label">To topic</span>
            <input className="input input--mono" list="copy-topics" value={target} onChange={(event) => setTarget(event.target.value)} placeholder="a topic name" data-testid="copy-target" />
            <datalist id="copy-topics">
              {targets.map((topic) => (
                <option key={topic.name} value={topic.name} />
              ))}
            </datalist>
            <span className="field__help">Key, value, headers and timestamp are kept. A topic that does not exist is created if the broker auto-creates topics.</span>
          </label>
          <ProduceSettingsFields settings={settings.partitioner === 'explicit' ? { ...settings, partitioner: 'murmur2' } : settings} onChange={setSettings} />
          <FormError message={problem} testId="copy-problem" />
        </>
      ) : (
        <JobProgressView job={job} testId="copy-job" />
      )}
    </Dialog>
  );
}
