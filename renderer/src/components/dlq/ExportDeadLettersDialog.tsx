/**
 * Export the chosen dead letters as JSON Lines: each record as the messages export writes it,
 * plus its provenance and state. A job with progress and Cancel; once done, serve mode's browser
 * downloads the file (as the messages export does); the desktop app has written it where the
 * user chose.
 */
import { useEffect, useRef, useState } from 'react';
import { formatCount } from '../../format/format-count';
import { useAppStore } from '../../store/use-app-store';
import { exportFileName, selectChosenCount, selectDlqChoice, selectDlqJob } from '../../store/dlq';
import { Dialog, FormError } from '../common/Dialog';
import { download } from '../common/download';
import { DlqJobProgressView } from './DlqJobProgressView';
import { useDlqActions } from './use-dlq-actions';

export function ExportDeadLettersDialog({ topic, onClose }: { topic: string; onClose(): void }) {
  const chosen = useAppStore(selectChosenCount) ?? 0;
  const choice = useAppStore(selectDlqChoice);
  const job = useAppStore(selectDlqJob);
  const { startDeadLetterExport, cancelDlqJob, forgetDlqJob } = useDlqActions();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const exportJob = job?.kind === 'export' ? job : null;
  const running = exportJob !== null && exportJob.error === null && (exportJob.progress === null || exportJob.progress.state === 'running');
  const url = exportJob?.progress?.state === 'done' ? exportJob.downloadUrl : null;
  const downloaded = useRef<string | null>(null);
  useEffect(() => {
    if (url && downloaded.current !== url) {
      downloaded.current = url;
      download(url, exportFileName(topic));
    }
  }, [url, topic]);

  const close = () => {
    forgetDlqJob();
    onClose();
  };

  const submit = async () => {
    if (busy || exportJob) return;
    setBusy(true);
    setProblem(null);
    const result = await startDeadLetterExport();
    setBusy(false);
    if (!result.ok) setProblem(result.message);
  };

  const what = choice.kind === 'filter' ? `all ${formatCount(chosen)} dead letters matching the filter` : `${formatCount(chosen)} dead letter${chosen === 1 ? '' : 's'}`;
  return (
    <Dialog
      title="Export dead letters"
      testId="dlq-export-dialog"
      onClose={close}
      onSubmit={() => void submit()}
      actions={
        exportJob === null ? (
          <>
            <button type="button" className="button" onClick={close}>
              Cancel
            </button>
            <button type="submit" className="button button--primary" disabled={busy || chosen === 0} data-testid="dlq-export-submit">
              {busy ? 'Starting…' : 'Export'}
            </button>
          </>
        ) : running ? (
          <button type="button" className="button" onClick={() => void cancelDlqJob()} data-testid="dlq-export-cancel">
            Cancel the export
          </button>
        ) : (
          <button type="button" className="button" onClick={close} data-testid="dlq-export-close">
            Close
          </button>
        )
      }
    >
      {exportJob === null ? (
        <p className="dialog__text">
          Exports {what} of <code className="dialog__subject">{topic}</code> as JSON Lines: one per line, key, value and headers as decoded, with where each came from, why it died and its state.
        </p>
      ) : (
        <>
          <DlqJobProgressView job={exportJob} testId="dlq-export-job" />
          {exportJob.progress?.state === 'done' &&
            (url ? (
              <div className="notice dlq-export-done" data-testid="dlq-export-done">
                Downloaded as <code>{exportFileName(topic)}</code>.{' '}
                <a href={url} download={exportFileName(topic)} data-testid="dlq-export-download">
                  Download again
                </a>
              </div>
            ) : (
              <div className="notice" data-testid="dlq-export-done">
                Written to the file you chose.
              </div>
            ))}
        </>
      )}
      <FormError message={problem} testId="dlq-export-problem" />
    </Dialog>
  );
}
