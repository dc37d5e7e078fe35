/**
 * Import a JSON Lines file: one record per line (`{"key", "value", "headers", "partition",
 * "timestamp"}`, every member optional: what the messages export writes). The file is read here
 * a slice at a time and sent as it is read; bad lines are listed by number and the good ones sent.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { ProduceSettings } from '../../../../electron/contract';
import { formatBytes } from '../../format/format-bytes';
import { useAppStore } from '../../store/use-app-store';
import { selectMessagesTopic } from '../../store/messages';
import { selectProduceDraft, selectProduceJob } from '../../store/produce';
import { useClusterAction } from '../common/use-cluster-action';
import { JobProgressView } from './JobProgressView';
import { ProduceSettingsFields } from './ProduceSettingsFields';
import { useProduceActions } from './use-produce-actions';

export function ImportTab() {
  const topic = useAppStore(selectMessagesTopic);
  const draft = useAppStore(selectProduceDraft);
  const job = useAppStore(selectProduceJob);
  const { importFile, editProduceDraft, cancelJob, forgetJob } = useProduceActions();
  const { disabled: readOnly, reason } = useClusterAction('produce');
  const [file, setFile] = useState<File | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const imported = job?.kind === 'import' ? job : null;
  const running = imported !== null && imported.error === null && (imported.progress === null || imported.progress.state === 'running');
  // Lines name their own partition where they have one; the others use this partitioner (never "explicit": there is no one partition to give).
  const settings: ProduceSettings = draft.settings.partitioner === 'explicit' ? { ...draft.settings, partitioner: 'murmur2' } : draft.settings;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file || topic === null || running || readOnly) return;
    void importFile(topic, file, settings);
  };

  return (
    <form className="produce-tab" onSubmit={submit} noValidate data-testid="produce-import-tab">
      {imported && <JobProgressView job={imported} testId="produce-job" />}
      <p className="field__help">
        One record per line: <code>{'{"key": …, "value": …, "headers": {…}, "partition": 0, "timestamp": 1700000000000}'}</code>, every member optional. A string is sent as its text, any other JSON value as its
        JSON. Files exported from this view import back as they were.
      </p>
      <div className="import-file">
        <input ref={input} type="file" accept=".jsonl,.ndjson,.json,.txt,application/x-ndjson,application/json,text/plain" className="visually-hidden" onChange={(event) => setFile(event.target.files?.[0] ?? null)} data-testid="produce-import-file" />
        <button type="button" className="button" onClick={() => input.current?.click()} disabled={running} data-testid="produce-import-choose">
          Choose a file…
        </button>
        <span className="import-file__name" data-testid="produce-import-file-name">
          {file ? `${file.name} · ${formatBytes(file.size)}` : 'No file chosen'}
        </span>
      </div>
      <ProduceSettingsFields settings={settings} onChange={(next) => editProduceDraft({ settings: next })} />
      <div className="produce-tab__actions">
        {running ? (
          <button type="button" className="button button--danger-outline" onClick={() => void cancelJob('produceJob')} disabled={!imported?.jobId} data-testid="produce-import-cancel">
            Cancel
          </button>
        ) : (
          <button type="submit" className="button button--primary" disabled={!file || topic === null || readOnly} title={reason} data-testid="produce-import-start">
            Import
          </button>
        )}
        {imported && !running && (
          <button type="button" className="button button--quiet" onClick={() => forgetJob('produceJob')} data-testid="produce-import-dismiss">
            Dismiss
          </button>
        )}
      </div>
    </form>
  );
}
