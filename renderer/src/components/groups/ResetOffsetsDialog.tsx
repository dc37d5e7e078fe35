/**
 * Reset a group's committed offsets, as `kafka-consumer-groups --reset-offsets` does, in two
 * steps: choose (topic, all or some partitions, where to), then a preview from the host shows per
 * partition the current → new offset and how many records the group will read again or skip.
 * Nothing changes until "Apply" sets exactly the offsets previewed. Changing any choice drops the
 * preview. The broker refuses while the group has members; the refusal is shown as worded.
 */
import { useState } from 'react';
import type { ResetPlan, ResetTarget } from '../../../../electron/contract';
import { formatCount } from '../../format/format-count';
import { useAppStore } from '../../store/use-app-store';
import { selectTopicList } from '../../store/topics';
import { Dialog, FormError } from '../common/Dialog';
import { useGroupsActions } from './use-groups-actions';

type TargetKind = ResetTarget['kind'];

const TARGETS: Array<{ kind: TargetKind; label: string }> = [
  { kind: 'earliest', label: 'Earliest' },
  { kind: 'latest', label: 'Latest' },
  { kind: 'timestamp', label: 'Date and time' },
  { kind: 'offset', label: 'Offset' },
  { kind: 'shift', label: 'Shift by' },
];

/** "0, 2, 5-7" → [0, 2, 5, 6, 7], or a problem in words. */
export function parsePartitions(text: string, count: number): number[] | string {
  const chosen = new Set<number>();
  for (const part of text.split(',').map((piece) => piece.trim()).filter((piece) => piece !== '')) {
    const range = /^(\d+)\s*-\s*(\d+)$/.exec(part);
    const [from, to] = range ? [Number(range[1]), Number(range[2])] : /^\d+$/.test(part) ? [Number(part), Number(part)] : [NaN, NaN];
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from > to) return `"${part}" is not a partition or a range like 2-5`;
    if (to >= count) return `the topic has partitions 0 to ${count - 1}`;
    for (let partition = from; partition <= to; partition++) chosen.add(partition);
  }
  return chosen.size === 0 ? 'name at least one partition' : [...chosen].sort((a, b) => a - b);
}

function target(kind: TargetKind, value: string): ResetTarget | string {
  switch (kind) {
    case 'earliest':
    case 'latest':
      return { kind };
    case 'timestamp': {
      const timestamp = new Date(value).getTime();
      return value === '' || Number.isNaN(timestamp) ? 'choose a date and time' : { kind, timestamp: Math.max(0, timestamp) };
    }
    case 'offset':
      return /^\d+$/.test(value.trim()) ? { kind, offset: Number(value.trim()) } : 'an offset is a whole number, 0 or more';
    case 'shift':
      return /^[+-]?\d+$/.test(value.trim()) && Number(value.trim()) !== 0 ? { kind, by: Number(value.trim()) } : 'shift by a whole number of records, e.g. -100 or +50';
  }
}

export function ResetOffsetsDialog({ groupId, topics, members, onClose }: { groupId: string; topics: string[]; members: number; onClose(): void }) {
  const { previewReset, resetOffsets } = useGroupsActions();
  const topicList = useAppStore(selectTopicList);
  const [topic, setTopic] = useState(topics[0] ?? topicList[0]?.name ?? '');
  const [scope, setScope] = useState<'all' | 'some'>('all');
  const [partitionText, setPartitionText] = useState('');
  const [kind, setKind] = useState<TargetKind>('earliest');
  const [value, setValue] = useState('');
  const [plan, setPlan] = useState<ResetPlan | null>(null);
  const [busy, setBusy] = useState(false);
  const [hostError, setHostError] = useState<string | null>(null);
  const [applied, setApplied] = useState(false);

  const partitionCount = topicList.find((candidate) => candidate.name === topic)?.partitions ?? 0;
  const partitions = scope === 'all' ? undefined : parsePartitions(partitionText, partitionCount);
  const chosenTarget = target(kind, value);
  const problem = topic === '' ? 'choose a topic' : typeof partitions === 'string' ? partitions : typeof chosenTarget === 'string' ? chosenTarget : null;
  const topicChoices = [...new Set([...topics, ...topicList.map((candidate) => candidate.name)])];

  /** Any change to the choices drops the preview: what is applied is always what was shown. */
  const change = <T,>(apply: (next: T) => void) => (next: T) => {
    apply(next);
    setPlan(null);
    setHostError(null);
  };

  const preview = async () => {
    if (problem !== null || typeof chosenTarget === 'string' || typeof partitions === 'string' || busy) return;
    setBusy(true);
    const result = await previewReset({ groupId, topic, target: chosenTarget, ...(partitions ? { partitions } : {}) });
    setBusy(false);
    if (result.ok) setPlan(result.value);
    else setHostError(result.message);
  };

  const apply = async () => {
    if (!plan || busy) return;
    setBusy(true);
    const result = await resetOffsets({ groupId, topic: plan.topic, offsets: plan.partitions.map(({ partition, newOffset }) => ({ partition, offset: newOffset })) });
    setBusy(false);
    if (!result.ok) {
      setHostError(result.reason === 'GROUP_NOT_EMPTY' ? `The group must be inactive to reset its offsets: ${result.message}` : result.message);
      return;
    }
    setApplied(true);
    onClose();
  };

  return (
    <Dialog
      title="Reset offsets"
      testId="reset-dialog"
      onClose={onClose}
      onSubmit={() => void (plan ? apply() : preview())}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          {plan ? (
            <button type="submit" className="button button--primary" disabled={busy || applied} data-testid="reset-apply">
              {busy ? 'Applying…' : `Apply to ${formatCount(plan.partitions.length)} partition${plan.partitions.length === 1 ? '' : 's'}`}
            </button>
          ) : (
            <button type="submit" className="button button--primary" disabled={problem !== null || busy} data-testid="reset-preview-button">
              {busy ? 'Computing…' : 'Preview'}
            </button>
          )}
        </>
      }
    >
      <p className="dialog__text">
        Moves the committed offsets of <code className="dialog__subject">{groupId}</code>. Nothing changes until you apply the preview.
      </p>
      {members > 0 && (
        <div className="notice notice--warning" role="status" data-testid="reset-active-warning">
          The group has {formatCount(members)} active member{members === 1 ? '' : 's'}. Kafka resets offsets only of an inactive group: stop its consumers first, or applying is refused.
        </div>
      )}
      <div className="field-row">
        <label className="field">
          <span className="field__label">Topic</span>
          <select className="select input--mono" value={topic} onChange={(event) => change(setTopic)(event.target.value)} data-testid="reset-topic">
            {topicChoices.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Partitions</span>
          <select className="select" value={scope} onChange={(event) => change(setScope)(event.target.value as 'all' | 'some')} data-testid="reset-scope">
            <option value="all">All {partitionCount > 0 ? formatCount(partitionCount) : ''}</option>
            <option value="some">Chosen…</option>
          </select>
        </label>
        {scope === 'some' && (
          <label className="field field--narrow">
            <span className="field__label">Which</span>
            <input className="input input--mono" value={partitionText} placeholder="0, 2, 4-6" onChange={(event) => change(setPartitionText)(event.target.value)} data-testid="reset-partitions" />
          </label>
        )}
      </div>
      <div className="field-row">
        <label className="field">
          <span className="field__label">Reset to</span>
          <select
            className="select"
            value={kind}
            onChange={(event) => {
              change(setKind)(event.target.value as TargetKind);
              setValue('');
            }}
            data-testid="reset-target"
          >
            {TARGETS.map((option) => (
              <option key={option.kind} value={option.kind}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        {kind === 'timestamp' && (
          <label className="field">
            <span className="field__label">Date and time (local)</span>
            <input className="input" type="datetime-local" step={1} value={value} onChange={(event) => change(setValue)(event.target.value)} data-testid="reset-value" />
          </label>
        )}
        {(kind === 'offset' || kind === 'shift') && (
          <label className="field">
            <span className="field__label">{kind === 'offset' ? 'Offset' : 'Records (− back, + ahead)'}</span>
            <input className="input input--mono" inputMode="numeric" value={value} placeholder={kind === 'offset' ? '0' : '-100'} onChange={(event) => change(setValue)(event.target.value)} data-testid="reset-value" />
          </label>
        )}
      </div>
      {problem !== null && (partitionText !== '' || value !== '') && (
        <div className="field__problem" data-testid="reset-problem">
          {problem}
        </div>
      )}
      {plan && <ResetPreview plan={plan} />}
      <FormError message={hostError} testId="reset-error" />
    </Dialog>
  );
}

function ResetPreview({ plan }: { plan: ResetPlan }) {
  const unchanged = plan.reread === 0 && plan.skipped === 0;
  return (
    <div className="reset-preview" data-testid="reset-preview">
      <div className="reset-preview__summary" data-testid="reset-summary">
        {unchanged ? (
          'No committed offset moves.'
        ) : (
          <>
            {plan.reread > 0 && (
              <span className="reset-preview__reread">
                {formatCount(plan.reread)} record{plan.reread === 1 ? '' : 's'} will be read again
              </span>
            )}
            {plan.reread > 0 && plan.skipped > 0 && ' · '}
            {plan.skipped > 0 && (
              <span className="reset-preview__skip">
                {formatCount(plan.skipped)} record{plan.skipped === 1 ? '' : 's'} will be skipped
              </span>
            )}
          </>
        )}
      </div>
      <div className="reset-preview__scroll">
        <table className="table table--compact" data-testid="reset-preview-table">
          <thead>
            <tr>
              <th scope="col">Partition</th>
              <th scope="col" className="table__numeric">
                Current
              </th>
              <th scope="col" className="table__numeric">
                New
              </th>
              <th scope="col" className="table__numeric">
                Range
              </th>
              <th scope="col" className="table__gap">
                Effect
              </th>
            </tr>
          </thead>
          <tbody>
            {plan.partitions.map((row) => (
              <tr key={row.partition} data-testid="reset-row" data-partition={row.partition}>
                <td className="table__mono">{row.partition}</td>
                <td className="table__numeric" data-testid="reset-current">
                  {row.currentOffset === null ? <span className="table__muted">none</span> : formatCount(row.currentOffset)}
                </td>
                <td className="table__numeric" data-testid="reset-new">
                  <span className="reset-preview__arrow">→</span> {formatCount(row.newOffset)}
                  {row.clamped && (
                    <span className="tag" title={`Clamped to the partition's range ${row.logStartOffset}–${row.highWatermark}`}>
                      clamped
                    </span>
                  )}
                </td>
                <td className="table__numeric table__muted">
                  {formatCount(row.logStartOffset)}–{formatCount(row.highWatermark)}
                </td>
                <td className="table__gap" data-testid="reset-effect">
                  {row.reread === null ? (
                    <span className="table__muted">no committed offset yet</span>
                  ) : row.reread > 0 ? (
                    <span className="reset-preview__reread">re-reads {formatCount(row.reread)}</span>
                  ) : row.skipped && row.skipped > 0 ? (
                    <span className="reset-preview__skip">skips {formatCount(row.skipped)}</span>
                  ) : (
                    <span className="table__muted">unchanged</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
