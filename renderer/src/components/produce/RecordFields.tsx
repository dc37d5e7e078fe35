/**
 * The record the produce form sends (or, in Bulk, repeats as a template): key, value, headers,
 * the timestamp, and how it is sent (partitioner and partition, compression, acks). Edits go to
 * the store's draft; a problem found when sending stays on its field until that field changes.
 */
import type { Dispatch, SetStateAction } from 'react';
import { useAppStore } from '../../store/use-app-store';
import { selectMessagesTopicPartitions } from '../../store/messages';
import { selectProduceDraft, type DraftProblems, type ProduceDraft } from '../../store/produce';
import { FieldEditor } from './FieldEditor';
import { HeadersEditor } from './HeadersEditor';
import { ProduceSettingsFields } from './ProduceSettingsFields';
import { useProduceActions } from './use-produce-actions';

interface RecordFieldsProps {
  template: boolean;
  problems: DraftProblems;
  setProblems: Dispatch<SetStateAction<DraftProblems>>;
}

export function RecordFields({ template, problems, setProblems }: RecordFieldsProps) {
  const draft = useAppStore(selectProduceDraft);
  const partitionCount = useAppStore(selectMessagesTopicPartitions);
  const { editProduceDraft } = useProduceActions();
  const edit = (patch: Partial<ProduceDraft>, ...cleared: string[]) => {
    editProduceDraft(patch);
    if (cleared.some((key) => problems[key])) setProblems((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !cleared.includes(key))));
  };
  return (
    <div className="record-fields">
      <FieldEditor name="key" label="Key" field={draft.key} onChange={(key) => edit({ key }, 'key')} template={template} problem={problems.key} rows={1} />
      <FieldEditor name="value" label="Value" field={draft.value} onChange={(value) => edit({ value }, 'value')} template={template} problem={problems.value} rows={template ? 5 : 7} />
      <HeadersEditor
        headers={draft.headers}
        template={template}
        problems={problems}
        onChange={(headers) => edit({ headers }, ...Object.keys(problems).filter((key) => key.startsWith('header')))}
      />
      <ProduceSettingsFields
        settings={draft.settings}
        onChange={(settings) => edit({ settings }, 'partition')}
        partition={{ text: draft.partition, onChange: (partition) => edit({ partition }, 'partition'), problem: problems.partition ?? null, count: partitionCount }}
      />
      <label className="record-fields__timestamp">
        <span className="field__label">Timestamp</span>
        <span className="toolbar-field__row">
          <input
            type="datetime-local"
            step="1"
            className={problems.timestamp ? 'input input--small input--time input--invalid' : 'input input--small input--time'}
            value={draft.timestamp}
            onChange={(event) => edit({ timestamp: event.target.value }, 'timestamp')}
            data-testid="produce-timestamp"
          />
          {draft.timestamp === '' ? (
            <span className="field__help">empty: the time of sending</span>
          ) : (
            <button type="button" className="button button--small button--quiet" onClick={() => edit({ timestamp: '' }, 'timestamp')}>
              Use the time of sending
            </button>
          )}
        </span>
        {problems.timestamp && <span className="field__problem">{problems.timestamp}</span>}
      </label>
    </div>
  );
}
