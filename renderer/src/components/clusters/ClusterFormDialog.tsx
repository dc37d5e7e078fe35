/**
 * Add or edit a remote connection. Fields are checked as they are typed (cluster-form-draft.ts) and
 * the problems shown at them; Save and "Test connection" refuse while there is one. The test runs
 * `clusters.test` with the form's values (and, on an edit, the stored secrets of the fields left
 * empty) and shows the diagnosis step by step. The host's refusal of a save is shown as worded.
 */
import { useEffect, useState } from 'react';
import type { ClusterConnectionSummary, SecurityProtocolName } from '../../../../electron/contract';
import { selectClusterDiagnosis, selectClusterSecretStorage } from '../../store/clusters';
import { useAppStore } from '../../store/use-app-store';
import { Dialog, FormError } from '../common/Dialog';
import {
  draftOf,
  draftProblems,
  emptyClusterDraft,
  inputOf,
  saslSecretStored,
  SECURITY_PROTOCOLS,
  storedSecretsOf,
  usesSasl,
  usesTls,
  type ClusterDraft,
  type DraftField,
} from './cluster-form-draft';
import { ColourField } from './ColourField';
import { DiagnosisView } from './DiagnosisView';
import { SaslFields } from './SaslFields';
import { TlsFields } from './TlsFields';
import { useClustersActions } from './use-clusters-actions';

interface ClusterFormDialogProps {
  /** The connection edited; null adds one. */
  editing: ClusterConnectionSummary | null;
  onClose(): void;
}

export function ClusterFormDialog({ editing, onClose }: ClusterFormDialogProps) {
  const id = editing?.id ?? null;
  const { saveCluster, testCluster, clearClusterDiagnosis } = useClustersActions();
  const diagnosis = useAppStore(selectClusterDiagnosis(id));
  const secretStorage = useAppStore(selectClusterSecretStorage);
  const [draft, setDraft] = useState<ClusterDraft>(() => (editing ? draftOf(editing) : emptyClusterDraft()));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [hostError, setHostError] = useState<string | null>(null);
  const stored = storedSecretsOf(editing);
  const problems = draftProblems(draft, stored);
  const invalid = Object.keys(problems).length > 0;
  const shown = (field: DraftField) => (submitted || touched.has(field) ? (problems[field] ?? null) : null);
  const shownProblems = Object.fromEntries((Object.keys(problems) as DraftField[]).filter((field) => shown(field) !== null).map((field) => [field, problems[field]]));

  useEffect(() => () => clearClusterDiagnosis(id), [clearClusterDiagnosis, id]);

  const edit = (patch: Partial<ClusterDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setTouched((current) => new Set([...current, ...Object.keys(patch)]));
    setHostError(null);
  };

  const test = () => {
    setSubmitted(true);
    if (invalid) return;
    void testCluster(id, inputOf(draft, stored));
  };

  const submit = async () => {
    setSubmitted(true);
    if (invalid || busy) return;
    setBusy(true);
    const result = await saveCluster(id, inputOf(draft, stored));
    setBusy(false);
    if (!result.ok) {
      setHostError(result.message);
      return;
    }
    onClose();
  };

  const nameProblem = shown('name');
  const bootstrapProblem = shown('bootstrap');
  const clientIdProblem = shown('clientId');

  return (
    <Dialog
      title={editing ? `Edit ${editing.name}` : 'New connection'}
      testId="cluster-form-dialog"
      onClose={onClose}
      onSubmit={() => void submit()}
      actions={
        <>
          <button type="button" className="button cluster-form__test" onClick={test} disabled={diagnosis?.testing === true} data-testid="cluster-form-test">
            {diagnosis?.testing ? 'Testing…' : 'Test connection'}
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy || (submitted && invalid)} data-testid="cluster-form-save">
            {busy ? 'Saving…' : 'Save'}
          </button>
        </>
      }
    >
      <div className="field-row">
        <label className="field">
          <span className="field__label">Name</span>
          <input
            className={nameProblem ? 'input input--invalid' : 'input'}
            value={draft.name}
            placeholder="staging"
            maxLength={150}
            autoFocus
            autoComplete="off"
            aria-invalid={nameProblem ? true : undefined}
            onChange={(event) => edit({ name: event.target.value })}
            data-testid="cluster-name"
          />
          {nameProblem && (
            <span className="field__problem" data-testid="cluster-name-problem">
              {nameProblem}
            </span>
          )}
        </label>
        <ColourField value={draft.colour} problem={shown('colour')} onChange={(colour) => edit({ colour })} />
      </div>

      <label className="field">
        <span className="field__label">Bootstrap servers</span>
        <textarea
          className={bootstrapProblem ? 'input input--mono textarea input--invalid' : 'input input--mono textarea'}
          rows={Math.min(6, Math.max(2, draft.bootstrap.split('\n').length))}
          value={draft.bootstrap}
          placeholder="kafka-1.example.com:9092, kafka-2.example.com:9092"
          spellCheck={false}
          aria-invalid={bootstrapProblem ? true : undefined}
          onChange={(event) => edit({ bootstrap: event.target.value })}
          data-testid="cluster-bootstrap"
        />
        {bootstrapProblem ? (
          <span className="field__problem" data-testid="cluster-bootstrap-problem">
            {bootstrapProblem}
          </span>
        ) : (
          <span className="field__help">
            <code>host:port</code>, separated by commas or new lines.
          </span>
        )}
      </label>

      <div className="field-row">
        <label className="field">
          <span className="field__label">Client id</span>
          <input className={clientIdProblem ? 'input input--invalid' : 'input'} value={draft.clientId} spellCheck={false} onChange={(event) => edit({ clientId: event.target.value })} data-testid="cluster-client-id" />
          {clientIdProblem && <span className="field__problem">{clientIdProblem}</span>}
        </label>
        <label className="field">
          <span className="field__label">Security protocol</span>
          <select className="select" value={draft.securityProtocol} onChange={(event) => edit({ securityProtocol: event.target.value as SecurityProtocolName })} data-testid="cluster-security-protocol">
            {SECURITY_PROTOCOLS.map((protocol) => (
              <option key={protocol} value={protocol}>
                {protocol}
              </option>
            ))}
          </select>
        </label>
      </div>

      {usesSasl(draft.securityProtocol) && <SaslFields draft={draft} problems={shownProblems} secretStored={saslSecretStored(draft, stored)} secretStorage={secretStorage?.description ?? null} edit={edit} />}
      {usesTls(draft.securityProtocol) && <TlsFields draft={draft} problems={shownProblems} keyStored={stored.key} secretStorage={usesSasl(draft.securityProtocol) ? null : (secretStorage?.description ?? null)} edit={edit} />}

      <div className="field">
        <label className="toggle">
          <input type="checkbox" checked={draft.readOnly} onChange={(event) => edit({ readOnly: event.target.checked })} data-testid="cluster-read-only" />
          Read-only
        </label>
        <span className="field__help">No produce, delete, config change, offset reset or replay — enforced by the app.</span>
      </div>

      {submitted && invalid && (
        <span className="field__problem" role="alert" data-testid="cluster-form-invalid">
          Fix the {Object.keys(problems).length === 1 ? 'field' : `${Object.keys(problems).length} fields`} marked above.
        </span>
      )}
      <DiagnosisView state={diagnosis} testId="cluster-form-diagnosis" />
      <FormError message={hostError} testId="cluster-form-error" />
    </Dialog>
  );
}
