/**
 * Replay the chosen dead letters: each to its original topic and partition (from its provenance
 * headers) or all to a topic the user picks, at a rate limit or as fast as the broker takes
 * them; discarded ones only when asked. If some were replayed already the host starts nothing
 * and the dialog asks first ("replay them again?"). Then the job's progress, Cancel, and a
 * summary with the failures counted by reason.
 */
import { useState } from 'react';
import type { ReplayTarget } from '../../../../electron/contract';
import { formatCount } from '../../format/format-count';
import { useAppStore } from '../../store/use-app-store';
import { selectChosenCount, selectDlqChoice, selectDlqJob, type ReplayOptions } from '../../store/dlq';
import { selectTopicList } from '../../store/topics';
import { Dialog, FormError } from '../common/Dialog';
import { DlqJobProgressView } from './DlqJobProgressView';
import { useDlqActions } from './use-dlq-actions';

/** "N of these were replayed already — replay them again?", worded for one, all, or some. */
function askAgainText(already: number, selected: number): string {
  if (already === selected) return selected === 1 ? 'It was replayed already — replay it again?' : `All ${formatCount(selected)} of these were replayed already — replay them again?`;
  return `${formatCount(already)} of these ${formatCount(selected)} ${already === 1 ? 'was' : 'were'} replayed already — replay ${already === 1 ? 'it' : 'them'} again?`;
}

type Step = { kind: 'form' } | { kind: 'ask-again'; options: ReplayOptions; alreadyReplayed: number; selected: number };

export function ReplayDialog({ topic, onClose }: { topic: string; onClose(): void }) {
  const chosen = useAppStore(selectChosenCount);
  const choice = useAppStore(selectDlqChoice);
  const job = useAppStore(selectDlqJob);
  const topics = useAppStore(selectTopicList);
  const { startReplay, cancelDlqJob, forgetDlqJob } = useDlqActions();
  const [step, setStep] = useState<Step>({ kind: 'form' });
  const [targetKind, setTargetKind] = useState<ReplayTarget['kind']>('original');
  const [targetTopic, setTargetTopic] = useState('');
  const [rate, setRate] = useState('');
  const [includeDiscarded, setIncludeDiscarded] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const replayJob = job?.kind === 'replay' ? job : null;
  const running = replayJob !== null && replayJob.error === null && (replayJob.progress === null || replayJob.progress.state === 'running');

  const close = () => {
    forgetDlqJob();
    onClose();
  };

  const start = async (options: ReplayOptions) => {
    setBusy(true);
    setProblem(null);
    const result = await startReplay(options);
    setBusy(false);
    if (!result.ok) return setProblem(result.message);
    if (!result.value.started) {
      if (result.value.alreadyReplayed > 0) setStep({ kind: 'ask-again', options, alreadyReplayed: result.value.alreadyReplayed, selected: result.value.selected });
      else setProblem(`Nothing to replay: none of the ${formatCount(result.value.selected)} chosen can be replayed${includeDiscarded ? '' : ' (discarded ones are skipped unless included)'}.`);
    }
  };

  const submit = () => {
    if (busy || replayJob) return;
    if (step.kind === 'ask-again') return void start({ ...step.options, replayAgain: true });
    const target: ReplayTarget | null = targetKind === 'original' ? { kind: 'original' } : targetTopic.trim() === '' ? null : { kind: 'topic', topic: targetTopic.trim() };
    if (target === null) return setProblem('Choose the topic to replay to.');
    const ratePerSecond = rate.trim() === '' ? null : /^\d+$/.test(rate.trim()) && Number(rate) >= 1 ? Number(rate) : NaN;
    if (Number.isNaN(ratePerSecond)) return setProblem('The rate limit is a whole number of dead letters per second, 1 or more (empty: as fast as the broker takes them).');
    void start({ target, ratePerSecond, includeDiscarded, replayAgain: false });
  };

  const what = choice.kind === 'filter' ? `all ${formatCount(chosen ?? 0)} dead letters matching the filter` : `${formatCount(chosen ?? 0)} dead letter${chosen === 1 ? '' : 's'}`;
  return (
    <Dialog
      title="Replay dead letters"
      testId="replay-dialog"
      onClose={close}
      onSubmit={submit}
      actions={
        replayJob ? (
          running ? (
            <button type="button" className="button" onClick={() => void cancelDlqJob()} data-testid="replay-cancel">
              Cancel the replay
            </button>
          ) : (
            <button type="button" className="button" onClick={close} data-testid="replay-close">
              Close
            </button>
          )
        ) : step.kind === 'ask-again' ? (
          <>
            <button type="button" className="button" onClick={close} data-testid="replay-not-again">
              Cancel
            </button>
            <button type="submit" className="button button--primary" disabled={busy} data-testid="replay-again">
              {busy ? 'Starting…' : 'Replay again'}
            </button>
          </>
        ) : (
          <>
            <button type="button" className="button" onClick={close}>
              Cancel
            </button>
            <button type="submit" className="button button--primary" disabled={busy || !chosen} data-testid="replay-submit">
              {busy ? 'Starting…' : 'Replay'}
            </button>
          </>
        )
      }
    >
      {replayJob ? (
        <DlqJobProgressView job={replayJob} testId="replay-job" />
      ) : step.kind === 'ask-again' ? (
        <p className="dialog__text dialog__text--warning" data-testid="replay-ask-again">
          {askAgainText(step.alreadyReplayed, step.selected)} Their consumers would see {step.alreadyReplayed === 1 ? 'it' : 'them'} twice.
        </p>
      ) : (
        <>
          <p className="dialog__text">
            Re-produces {what} of <code className="dialog__subject">{topic}</code>, keeping key, value and headers (the provenance headers are dropped; <code>__dlq.replay.of</code> names the dead letter each copy came from).
          </p>
          <fieldset className="field choice-group">
            <legend className="field__label">Replay to</legend>
            <label className="choice">
              <input type="radio" name="replay-target" checked={targetKind === 'original'} onChange={() => setTargetKind('original')} data-testid="replay-target-original" />
              Each one’s original topic and partition <span className="choice__note">from its provenance headers; those without are failed, and say why</span>
            </label>
            <label className="choice">
              <input type="radio" name="replay-target" checked={targetKind === 'topic'} onChange={() => setTargetKind('topic')} data-testid="replay-target-topic" />
              This topic
              <input
                className="input input--mono input--compact"
                list="replay-topics"
                value={targetTopic}
                onChange={(event) => {
                  setTargetTopic(event.target.value);
                  setTargetKind('topic');
                }}
                placeholder="a topic name"
                aria-label="Topic to replay to"
                data-testid="replay-topic"
              />
              <datalist id="replay-topics">
                {topics.map((entry) => (
                  <option key={entry.name} value={entry.name} />
                ))}
              </datalist>
            </label>
          </fieldset>
          <div className="field-row">
            <label className="field">
              <span className="field__label">Rate limit</span>
              <div className="input-group">
                <input className="input" inputMode="numeric" value={rate} onChange={(event) => setRate(event.target.value)} placeholder="no limit" aria-label="Dead letters per second" data-testid="replay-rate" />
                <span className="input-group__unit">per second</span>
              </div>
            </label>
            <label className="field choice dlq-replay__discarded">
              <span className="toggle">
                <input type="checkbox" checked={includeDiscarded} onChange={(event) => setIncludeDiscarded(event.target.checked)} data-testid="replay-include-discarded" />
                Include discarded ones
              </span>
            </label>
          </div>
        </>
      )}
      <FormError message={problem} testId="replay-problem" />
    </Dialog>
  );
}
