/**
 * The TLS part of the connection form (SSL and SASL_SSL only): which CAs to trust (the system's, or
 * a PEM pasted here), an optional client certificate and key, and skipping verification, which
 * shows a warning for as long as it is checked.
 */
import type { ClusterDraft, DraftProblems } from './cluster-form-draft';
import { SecretField } from './SecretField';

interface TlsFieldsProps {
  draft: ClusterDraft;
  problems: DraftProblems;
  keyStored: boolean;
  secretStorage: string | null;
  edit(patch: Partial<ClusterDraft>): void;
}

export function TlsFields({ draft, problems, keyStored, secretStorage, edit }: TlsFieldsProps) {
  return (
    <fieldset className="form-section" data-testid="cluster-tls">
      <legend className="form-section__title">TLS</legend>
      <div className="choice-group field" role="radiogroup" aria-label="Certificate authorities">
        <label className="choice">
          <input type="radio" name="ca-mode" checked={draft.caMode === 'system'} onChange={() => edit({ caMode: 'system' })} />
          System CAs <span className="choice__note">(the certificate authorities this machine trusts)</span>
        </label>
        <label className="choice">
          <input type="radio" name="ca-mode" checked={draft.caMode === 'custom'} onChange={() => edit({ caMode: 'custom' })} />
          Custom CA
        </label>
      </div>
      {draft.caMode === 'custom' && (
        <label className="field">
          <span className="field__label">CA certificate (PEM)</span>
          <textarea
            className={problems.ca ? 'input input--mono textarea input--invalid' : 'input input--mono textarea'}
            rows={4}
            value={draft.ca}
            placeholder="-----BEGIN CERTIFICATE-----"
            spellCheck={false}
            onChange={(event) => edit({ ca: event.target.value })}
            data-testid="cluster-ca"
          />
          {problems.ca && <span className="field__problem">{problems.ca}</span>}
        </label>
      )}
      <div className="field-row">
        <label className="field">
          <span className="field__label">Client certificate (PEM)</span>
          <textarea
            className={problems.cert ? 'input input--mono textarea input--invalid' : 'input input--mono textarea'}
            rows={4}
            value={draft.cert}
            placeholder="optional: -----BEGIN CERTIFICATE-----"
            spellCheck={false}
            onChange={(event) => edit({ cert: event.target.value })}
            data-testid="cluster-cert"
          />
          {problems.cert && <span className="field__problem">{problems.cert}</span>}
        </label>
        <SecretField label="Client key (PEM)" value={draft.key} stored={keyStored} problem={problems.key ?? null} testId="cluster-key" multiline onChange={(key) => edit({ key })} />
      </div>
      {secretStorage && <p className="form-section__note">{secretStorage}</p>}
      <label className="toggle">
        <input type="checkbox" checked={draft.skipVerify} onChange={(event) => edit({ skipVerify: event.target.checked })} data-testid="cluster-skip-verify" />
        Skip certificate verification
      </label>
      {draft.skipVerify && (
        <div className="dialog__text dialog__text--warning" role="alert" data-testid="cluster-skip-verify-warning">
          The console will not check who it is talking to: anyone between you and the cluster can read and change what is sent, credentials included. Use this only to try a test cluster.
        </div>
      )}
    </fieldset>
  );
}
