/**
 * Export what the view shows as JSON Lines or CSV: the page shown or everything from the start
 * position (browse), or the search's matches. The host streams it to a file (the desktop app
 * asks where first; cancelling that cancels the export) or, in serve mode, to a download the
 * browser is sent to once it is done. Progress while it runs, Cancel at any time.
 */
import { useEffect, useRef, useState } from 'react';
import type { ExportFormat, ExportProgress } from '../../../../electron/contract';
import { formatBytes } from '../../format/format-bytes';
import { formatCount } from '../../format/format-count';
import { useAppStore } from '../../store/use-app-store';
import { selectMessagesExport, selectMessagesQuery, selectShownRecords, type ExportScope, type ExportState } from '../../store/messages';
import { Dialog, FormError } from '../common/Dialog';
import { download } from '../common/download';
import { useMessagesActions } from './use-messages-actions';

function fileName(topic: string, format: ExportFormat): string {
  return `${topic}.${format === 'jsonl' ? 'jsonl' : 'csv'}`;
}

export function ExportDialog({ onClose }: { onClose(): void }) {
  const job = useAppStore(selectMessagesExport);
  const query = useAppStore(selectMessagesQuery);
  const shown = useAppStore(selectShownRecords);
  const { startExport, cancelExport, closeExport } = useMessagesActions();
  const searching = query.filters.length > 0;
  const [format, setFormat] = useState<ExportFormat>('jsonl');
  const [scope, setScope] = useState<ExportScope>(searching || shown.length === 0 ? 'range' : 'page');
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const topic = query.topic ?? 'records';

  const close = () => {
    closeExport();
    onClose();
  };

  const submit = async () => {
    if (busy || job) return;
    setBusy(true);
    setNote(null);
    const result = await startExport(format, scope);
    setBusy(false);
    if (result.ok && !result.value.started) setNote('Nothing was exported: no file was chosen.');
  };

  const running = job !== null && (job.progress === null || job.progress.state === 'running') && job.error === null;
  return (
    <Dialog
      title="Export records"
      testId="export-dialog"
      onClose={close}
      onSubmit={() => void submit()}
      actions={
        job === null ? (
          <>
            <button type="button" className="button" onClick={close}>
              Cancel
            </button>
            <button type="submit" className="button button--primary" disabled={busy} data-testid="export-submit">
              {busy ? 'Starting…' : 'Export'}
            </button>
          </>
        ) : running ? (
          <button type="button" className="button" onClick={() => void cancelExport()} disabled={job.exportId === null} data-testid="export-cancel">
            Cancel export
          </button>
        ) : (
          <button type="button" className="button" onClick={close} data-testid="export-close">
            Close
          </button>
        )
      }
    >
      {job === null ? (
        <>
          <fieldset className="field choice-group">
            <legend className="field__label">Format</legend>
            <label className="choice">
              <input type="radio" name="export-format" checked={format === 'jsonl'} onChange={() => setFormat('jsonl')} data-testid="export-format-jsonl" />
              JSON Lines <span className="choice__note">one record per line, key, value and headers as decoded</span>
            </label>
            <label className="choice">
              <input type="radio" name="export-format" checked={format === 'csv'} onChange={() => setFormat('csv')} data-testid="export-format-csv" />
              CSV <span className="choice__note">for spreadsheets</span>
            </label>
          </fieldset>
          <fieldset className="field choice-group">
            <legend className="field__label">Records</legend>
            {searching ? (
              <label className="choice">
                <input type="radio" name="export-scope" checked readOnly data-testid="export-scope-range" />
                Every record of the search’s range that matches its filters
              </label>
            ) : (
              <>
                <label className="choice">
                  <input type="radio" name="export-scope" checked={scope === 'page'} disabled={shown.length === 0} onChange={() => setScope('page')} data-testid="export-scope-page" />
                  The records shown <span className="choice__note">{formatCount(shown.length)}</span>
                </label>
                <label className="choice">
                  <input type="radio" name="export-scope" checked={scope === 'range'} onChange={() => setScope('range')} data-testid="export-scope-range" />
                  Every record from the start position to the newest
                  <span className="choice__note">{query.start.from === 'newest' ? '(from the oldest, since a start at the newest holds none)' : ''}</span>
                </label>
              </>
            )}
          </fieldset>
          <p className="dialog__text">Values are written whole, decoded as the view shows them ({query.decoding.key} keys, {query.decoding.value} values).</p>
          {note && (
            <div className="notice" data-testid="export-note">
              {note}
            </div>
          )}
        </>
      ) : (
        <ExportJobView job={job} topic={topic} />
      )}
    </Dialog>
  );
}

function ExportJobView({ job, topic }: { job: ExportState; topic: string }) {
  const progress = job.progress;
  const downloaded = useRef<string | null>(null);
  const url = progress?.state === 'done' ? progress.downloadUrl : null;
  useEffect(() => {
    if (url && downloaded.current !== url) {
      downloaded.current = url;
      download(url, fileName(topic, job.format));
    }
  }, [url, topic, job.format]);

  if (job.error) return <FormError message={`The export failed: ${job.error.message}`} testId="export-error" />;
  if (!progress) return <div className="dialog__text">Starting the export…</div>;
  return (
    <div className="export-progress" data-testid="export-progress" data-state={progress.state}>
      <ExportNumbers progress={progress} />
      {progress.state === 'done' && (
        <div className="notice" data-testid="export-done">
          Exported {formatCount(progress.written)} record{progress.written === 1 ? '' : 's'} ({formatBytes(progress.bytes)})
          {progress.path ? (
            <>
              {' '}
              to <code>{progress.path}</code>.
            </>
          ) : progress.downloadUrl ? (
            <>
              {' '}
              as a download.{' '}
              <a href={progress.downloadUrl} download={fileName(topic, job.format)} data-testid="export-download">
                Download again
              </a>
            </>
          ) : (
            '.'
          )}
        </div>
      )}
      {progress.state === 'cancelled' && (
        <div className="notice" data-testid="export-cancelled">
          Export cancelled after {formatCount(progress.written)} records.
        </div>
      )}
      {progress.state === 'failed' && <FormError message={`The export failed: ${progress.error ?? 'no reason given'}`} testId="export-error" />}
    </div>
  );
}

function ExportNumbers({ progress }: { progress: ExportProgress }) {
  const fraction = progress.total > 0 ? Math.min(1, progress.scanned / progress.total) : progress.state === 'running' ? 0 : 1;
  return (
    <>
      <div className="progress" role="progressbar" aria-label="Records exported" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)}>
        <div className="progress__fill" style={{ width: `${fraction * 100}%` }} />
      </div>
      <div className="export-progress__numbers" data-testid="export-numbers">
        <strong data-testid="export-written">{formatCount(progress.written)} written</strong> · {formatCount(progress.scanned)} of {formatCount(progress.total)} looked at · {formatBytes(progress.bytes)} ·{' '}
        {formatCount(Math.round(progress.rate))} records/s
      </div>
    </>
  );
}
