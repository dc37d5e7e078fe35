/**
 * A produce job's progress (bulk, import, copy): a bar, records stored and refused, the rate,
 * and once it ends the exact count stored, why it stopped early (a topic deleted mid-run), and
 * an import's bad lines by number.
 */
import type { JobProgress } from '../../../../electron/contract';
import { formatBytes } from '../../format/format-bytes';
import { formatCount } from '../../format/format-count';
import type { JobState } from '../../store/produce';

const STATE_LABEL: Record<JobProgress['state'], string> = { running: 'Sending', done: 'Done', cancelled: 'Cancelled', failed: 'Stopped' };
const NOUN: Record<JobState['kind'], string> = { bulk: 'bulk run', import: 'import', copy: 'copy' };

function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

function fractionOf(job: JobState): number {
  const progress = job.progress;
  if (job.file && job.file.bytes > 0 && (!progress || progress.state === 'running')) return Math.min(1, job.file.bytesRead / job.file.bytes);
  if (!progress) return 0;
  if (progress.state !== 'running') return 1;
  return progress.total ? Math.min(1, (progress.sent + progress.failed) / progress.total) : 0;
}

export function JobProgressView({ job, testId }: { job: JobState; testId: string }) {
  const progress = job.progress;
  const fraction = fractionOf(job);
  const badLines = [...(job.file?.badLines ?? []), ...(progress?.badLines ?? [])].sort((a, b) => a.line - b.line);
  const badLineCount = (job.file?.badLines.length ?? 0) + (progress?.badLineCount ?? 0);
  const state = job.error && (!progress || progress.state === 'running') ? 'failed' : (progress?.state ?? 'running');
  return (
    <div className={`job-progress job-progress--${state}`} data-testid={testId} data-state={state} data-sent={progress?.sent ?? 0} data-failed={progress?.failed ?? 0}>
      <div className="job-progress__line">
        <span className="job-progress__state" data-testid={`${testId}-state`}>
          {progress ? STATE_LABEL[progress.state] : job.jobId ? 'Sending' : 'Starting…'}
        </span>
        <span className="job-progress__numbers">
          <strong data-testid={`${testId}-sent`}>{formatCount(progress?.sent ?? 0)} sent</strong>
          {progress?.total != null && <span> of {formatCount(progress.total)}</span>}
          {' · '}
          <span className={progress && progress.failed > 0 ? 'job-progress__failed' : undefined} data-testid={`${testId}-failed`}>
            {formatCount(progress?.failed ?? 0)} failed
          </span>
          {' · '}
          <span data-testid={`${testId}-rate`}>{formatCount(Math.round(progress?.rate ?? 0))} records/s</span>
          {job.file && (
            <span>
              {' · '}
              {formatBytes(job.file.bytesRead)} of {formatBytes(job.file.bytes)} read
            </span>
          )}
        </span>
      </div>
      <div className="progress" role="progressbar" aria-label={`Progress of the ${NOUN[job.kind]}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)}>
        <div className="progress__fill" style={{ width: `${fraction * 100}%` }} />
      </div>
      {progress && progress.state !== 'running' && (
        <div className={progress.state === 'done' && progress.failed === 0 && badLineCount === 0 ? 'notice job-progress__summary' : 'notice notice--warning job-progress__summary'} role="status" data-testid={`${testId}-summary`}>
          {summaryOf(job.kind, progress, badLineCount)}
        </div>
      )}
      {progress?.error && progress.state === 'failed' && (
        <div className="form-error" role="alert" data-testid={`${testId}-error`}>
          {progress.error}
        </div>
      )}
      {job.error && (
        <div className="form-error" role="alert" data-testid={`${testId}-error`}>
          {progress ? `${job.error} (${plural(progress.sent, 'record')} stored before that)` : `The ${NOUN[job.kind]} did not start: ${job.error}`}
        </div>
      )}
      {badLines.length > 0 && (
        <div className="job-progress__bad-lines" data-testid={`${testId}-bad-lines`}>
          <div className="field__label">
            Bad lines{badLineCount > badLines.length ? ` (the first ${formatCount(badLines.length)} of ${formatCount(badLineCount)})` : ''}: not sent
          </div>
          <ul>
            {badLines.map((bad) => (
              <li key={bad.line} data-testid="bad-line" data-line={bad.line}>
                <span className="job-progress__line-number">line {formatCount(bad.line)}</span> {bad.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function summaryOf(kind: JobState['kind'], progress: JobProgress, badLineCount: number): string {
  const stored = `${plural(progress.sent, 'record')} stored`;
  const failed = progress.failed > 0 ? `, ${formatCount(progress.failed)} refused by the broker` : '';
  const bad = badLineCount > 0 ? `, ${plural(badLineCount, 'bad line')} not sent` : '';
  switch (progress.state) {
    case 'done':
      return `Done: ${stored}${failed}${bad}.`;
    case 'cancelled':
      return `Cancelled: ${stored}${failed}${bad}; nothing more is sent.`;
    case 'failed':
      return `The ${NOUN[kind]} stopped early: ${stored}${failed}${bad}.`;
    default:
      return '';
  }
}
