/**
 * A replay's or export's progress: a bar (done and failed of the total, once the host knows it),
 * the counts and the rate, and once it ends a summary with the failures counted by reason, or
 * why it stopped early.
 */
import type { DlqJobProgress } from '../../../../electron/contract';
import { formatCount } from '../../format/format-count';
import type { DlqJobState } from '../../store/dlq';

const STATE_LABEL: Record<DlqJobProgress['state'], string> = { running: 'Running', done: 'Done', cancelled: 'Cancelled', failed: 'Stopped' };
const VERB: Record<DlqJobProgress['kind'], string> = { replay: 'replayed', export: 'exported' };

const plural = (count: number, noun: string) => `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;

function fractionOf(progress: DlqJobProgress | null): number {
  if (!progress) return 0;
  if (progress.state !== 'running') return 1;
  return progress.total ? Math.min(1, (progress.done + progress.failed) / progress.total) : 0;
}

export function DlqJobProgressView({ job, testId }: { job: DlqJobState; testId: string }) {
  const progress = job.progress;
  const fraction = fractionOf(progress);
  const state = job.error && (!progress || progress.state === 'running') ? 'failed' : (progress?.state ?? 'running');
  const verb = VERB[job.kind];
  return (
    <div className={`job-progress job-progress--${state}`} data-testid={testId} data-state={state} data-done={progress?.done ?? 0} data-failed={progress?.failed ?? 0}>
      <div className="job-progress__line">
        <span className="job-progress__state" data-testid={`${testId}-state`}>
          {progress ? STATE_LABEL[progress.state] : 'Starting…'}
        </span>
        <span className="job-progress__numbers">
          <strong data-testid={`${testId}-done`}>
            {formatCount(progress?.done ?? 0)} {verb}
          </strong>
          {progress?.total != null && <span> of {formatCount(progress.total)}</span>}
          {' · '}
          <span className={progress && progress.failed > 0 ? 'job-progress__failed' : undefined} data-testid={`${testId}-failed`}>
            {formatCount(progress?.failed ?? 0)} failed
          </span>
          {' · '}
          <span>{formatCount(Math.round(progress?.rate ?? 0))} dead letters/s</span>
        </span>
      </div>
      <div className="progress" role="progressbar" aria-label={`Dead letters ${verb}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)}>
        <div className="progress__fill" style={{ width: `${fraction * 100}%` }} />
      </div>
      {progress && progress.state !== 'running' && (
        <div className={progress.state === 'done' && progress.failed === 0 ? 'notice job-progress__summary' : 'notice notice--warning job-progress__summary'} role="status" data-testid={`${testId}-summary`}>
          {summaryOf(progress)}
        </div>
      )}
      {progress && progress.failures.length > 0 && (
        <div className="job-progress__bad-lines" data-testid={`${testId}-failures`}>
          <div className="field__label">Failures by reason</div>
          <ul>
            {[...progress.failures]
              .sort((a, b) => b.count - a.count)
              .map((failure) => (
                <li key={failure.name} data-testid="dlq-job-failure" data-reason={failure.name}>
                  <span className="job-progress__line-number">{formatCount(failure.count)}</span> {failure.name}
                </li>
              ))}
          </ul>
        </div>
      )}
      {progress?.error && progress.state === 'failed' && (
        <div className="form-error" role="alert" data-testid={`${testId}-error`}>
          {progress.error}
        </div>
      )}
      {job.error && (
        <div className="form-error" role="alert" data-testid={`${testId}-error`}>
          {progress ? `${job.error} (${plural(progress.done, 'dead letter')} ${verb} before that)` : job.error}
        </div>
      )}
    </div>
  );
}

function summaryOf(progress: DlqJobProgress): string {
  const verb = VERB[progress.kind];
  const done = `${plural(progress.done, 'dead letter')} ${verb}`;
  const failed = progress.failed > 0 ? `, ${formatCount(progress.failed)} failed` : '';
  switch (progress.state) {
    case 'done':
      return `Done: ${done}${failed}.`;
    case 'cancelled':
      return `Cancelled: ${done}${failed}; nothing more is ${verb}.`;
    case 'failed':
      return `Stopped early: ${done}${failed}.`;
    default:
      return '';
  }
}
