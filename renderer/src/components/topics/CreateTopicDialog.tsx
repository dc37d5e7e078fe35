/**
 * Create a topic: its name (checked against Kafka's rules as it is typed; the host checks again
 * and its refusal is shown as it is worded), partitions, and optional retention and segment size
 * in friendly units (left empty, the broker's defaults apply and no override is stored).
 */
import { useState } from 'react';
import { MAX_PARTITIONS, MAX_TOPIC_NAME_LENGTH, topicNameProblem } from '../../../../electron/contract';
import { configValueHint } from '../../format/config-value-hint';
import { DURATION_UNITS, SIZE_UNITS, toBaseUnits, type Unit } from '../../format/units';
import { useAppStore } from '../../store/use-app-store';
import { selectTopicExists } from '../../store/topics';
import { Dialog, FormError } from '../common/Dialog';
import { useTopicsActions } from './use-topics-actions';

const FOREVER = 'forever';

const unitById = (units: readonly Unit[], id: string) => units.find((unit) => unit.id === id) ?? units[0];

export function CreateTopicDialog({ onClose }: { onClose(): void }) {
  const { createTopic } = useTopicsActions();
  const [name, setName] = useState('');
  const [partitions, setPartitions] = useState('1');
  const [retention, setRetention] = useState('');
  const [retentionUnit, setRetentionUnit] = useState('d');
  const [segment, setSegment] = useState('');
  const [segmentUnit, setSegmentUnit] = useState('MiB');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [hostError, setHostError] = useState<string | null>(null);
  const exists = useAppStore(selectTopicExists(name));

  const nameProblem = topicNameProblem(name) ?? (exists ? `a topic named "${name}" already exists` : null);
  const showNameProblem = nameProblem !== null && (name !== '' || submitted);
  const partitionCount = /^\d+$/.test(partitions.trim()) ? Number(partitions) : NaN;
  const partitionsProblem = partitionCount >= 1 && partitionCount <= MAX_PARTITIONS ? null : `a whole number from 1 to ${MAX_PARTITIONS}`;
  const retentionMs = retentionUnit === FOREVER ? -1 : retention.trim() === '' ? null : toBaseUnits(retention, unitById(DURATION_UNITS, retentionUnit));
  const retentionProblem = retentionUnit !== FOREVER && retention.trim() !== '' && retentionMs === null ? 'a positive number' : null;
  const segmentBytes = segment.trim() === '' ? null : toBaseUnits(segment, unitById(SIZE_UNITS, segmentUnit));
  const segmentProblem = segment.trim() !== '' && segmentBytes === null ? 'a positive number' : null;
  const invalid = nameProblem !== null || partitionsProblem !== null || retentionProblem !== null || segmentProblem !== null;

  const submit = async () => {
    setSubmitted(true);
    if (invalid || busy) return;
    const configs: Record<string, string> = {};
    if (retentionMs !== null) configs['retention.ms'] = String(retentionMs);
    if (segmentBytes !== null) configs['segment.bytes'] = String(segmentBytes);
    setBusy(true);
    setHostError(null);
    const result = await createTopic({ name, partitions: partitionCount, ...(Object.keys(configs).length > 0 ? { configs } : {}) });
    setBusy(false);
    if (!result.ok) {
      setHostError(result.message);
      return;
    }
    onClose();
  };

  return (
    <Dialog
      title="New topic"
      testId="create-topic-dialog"
      onClose={onClose}
      onSubmit={() => void submit()}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy || (submitted && invalid)} data-testid="create-topic-submit">
            {busy ? 'Creating…' : 'Create topic'}
          </button>
        </>
      }
    >
      <label className="field">
        <span className="field__label">Name</span>
        <input
          className={showNameProblem ? 'input input--mono input--invalid' : 'input input--mono'}
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            setHostError(null);
          }}
          placeholder="orders.v1"
          maxLength={MAX_TOPIC_NAME_LENGTH + 50}
          autoFocus
          spellCheck={false}
          autoComplete="off"
          aria-invalid={showNameProblem}
          data-testid="create-topic-name"
        />
        {showNameProblem ? (
          <span className="field__problem" data-testid="create-topic-name-problem">
            {capitalize(nameProblem)}.
          </span>
        ) : (
          <span className="field__help">
            Letters, digits, <code>.</code> <code>_</code> and <code>-</code>; up to {MAX_TOPIC_NAME_LENGTH} characters.
          </span>
        )}
      </label>

      <div className="field-row">
        <label className="field field--narrow">
          <span className="field__label">Partitions</span>
          <input
            className={submitted && partitionsProblem ? 'input input--invalid' : 'input'}
            type="number"
            min={1}
            max={MAX_PARTITIONS}
            value={partitions}
            onChange={(event) => setPartitions(event.target.value)}
            data-testid="create-topic-partitions"
          />
          {submitted && partitionsProblem && <span className="field__problem">Partitions: {partitionsProblem}.</span>}
        </label>

        <div className="field">
          <span className="field__label">Retention</span>
          <div className="input-group">
            <input
              className={retentionProblem ? 'input input--invalid' : 'input'}
              inputMode="decimal"
              value={retentionUnit === FOREVER ? '' : retention}
              disabled={retentionUnit === FOREVER}
              onChange={(event) => setRetention(event.target.value)}
              placeholder="default"
              aria-label="Retention"
              data-testid="create-topic-retention"
            />
            <select className="select" value={retentionUnit} onChange={(event) => setRetentionUnit(event.target.value)} aria-label="Retention unit" data-testid="create-topic-retention-unit">
              {DURATION_UNITS.map((unit) => (
                <option key={unit.id} value={unit.id}>
                  {unit.label}
                </option>
              ))}
              <option value={FOREVER}>keep forever</option>
            </select>
          </div>
          <span className={retentionProblem ? 'field__problem' : 'field__help'}>{retentionProblem ? `Retention: ${retentionProblem}.` : retentionHelp(retentionMs)}</span>
        </div>

        <div className="field">
          <span className="field__label">Segment size</span>
          <div className="input-group">
            <input
              className={segmentProblem ? 'input input--invalid' : 'input'}
              inputMode="decimal"
              value={segment}
              onChange={(event) => setSegment(event.target.value)}
              placeholder="default"
              aria-label="Segment size"
              data-testid="create-topic-segment"
            />
            <select className="select" value={segmentUnit} onChange={(event) => setSegmentUnit(event.target.value)} aria-label="Segment size unit" data-testid="create-topic-segment-unit">
              {SIZE_UNITS.map((unit) => (
                <option key={unit.id} value={unit.id}>
                  {unit.label}
                </option>
              ))}
            </select>
          </div>
          <span className={segmentProblem ? 'field__problem' : 'field__help'}>
            {segmentProblem ? `Segment size: ${segmentProblem}.` : segmentBytes === null ? 'Empty: broker default (1 GiB).' : `${segmentBytes} bytes`}
          </span>
        </div>
      </div>

      <FormError message={hostError} testId="create-topic-error" />
    </Dialog>
  );
}

function retentionHelp(retentionMs: number | null): string {
  if (retentionMs === null) return 'Empty: broker default (7 days).';
  if (retentionMs === -1) return 'Records are never deleted by age.';
  const hint = configValueHint('retention.ms', String(retentionMs));
  return hint ? `${hint} (${retentionMs} ms)` : `${retentionMs} ms`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
