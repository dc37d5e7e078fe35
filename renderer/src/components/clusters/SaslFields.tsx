/**
 * The SASL part of the connection form (SASL_PLAINTEXT and SASL_SSL only): the mechanism, then a
 * user name and password (PLAIN, SCRAM), or OAUTHBEARER with a static token or a client-credentials
 * token endpoint, client id, client secret and scope.
 */
import { SASL_MECHANISMS, type ClusterDraft, type DraftProblems, type SaslMechanismName } from './cluster-form-draft';
import { SecretField } from './SecretField';

interface SaslFieldsProps {
  draft: ClusterDraft;
  problems: DraftProblems;
  secretStored: boolean;
  secretStorage: string | null;
  edit(patch: Partial<ClusterDraft>): void;
}

export function SaslFields({ draft, problems, secretStored, secretStorage, edit }: SaslFieldsProps) {
  return (
    <fieldset className="form-section" data-testid="cluster-sasl">
      <legend className="form-section__title">SASL authentication</legend>
      <label className="field">
        <span className="field__label">SASL mechanism</span>
        <select className="select" value={draft.saslMechanism} onChange={(event) => edit({ saslMechanism: event.target.value as SaslMechanismName })} data-testid="cluster-sasl-mechanism">
          {SASL_MECHANISMS.map((mechanism) => (
            <option key={mechanism} value={mechanism}>
              {mechanism}
            </option>
          ))}
        </select>
      </label>
      {draft.saslMechanism !== 'OAUTHBEARER' ? (
        <div className="field-row">
          <label className="field">
            <span className="field__label">User name</span>
            <input className={problems.username ? 'input input--invalid' : 'input'} value={draft.username} autoComplete="off" spellCheck={false} onChange={(event) => edit({ username: event.target.value })} data-testid="cluster-username" />
            {problems.username && <span className="field__problem">{problems.username}</span>}
          </label>
          <SecretField label="Password" value={draft.password} stored={secretStored} problem={problems.password ?? null} testId="cluster-password" onChange={(password) => edit({ password })} />
        </div>
      ) : (
        <>
          <div className="choice-group field" role="radiogroup" aria-label="OAuth token">
            <label className="choice">
              <input type="radio" name="oauth-kind" checked={draft.oauthKind === 'token'} onChange={() => edit({ oauthKind: 'token' })} />
              Static token
            </label>
            <label className="choice">
              <input type="radio" name="oauth-kind" checked={draft.oauthKind === 'client-credentials'} onChange={() => edit({ oauthKind: 'client-credentials' })} />
              Client credentials <span className="choice__note">(a token endpoint issues the token)</span>
            </label>
          </div>
          {draft.oauthKind === 'token' ? (
            <SecretField label="Token" value={draft.token} stored={secretStored} problem={problems.token ?? null} testId="cluster-token" onChange={(token) => edit({ token })} />
          ) : (
            <>
              <label className="field">
                <span className="field__label">Token endpoint</span>
                <input
                  className={problems.tokenEndpoint ? 'input input--mono input--invalid' : 'input input--mono'}
                  value={draft.tokenEndpoint}
                  placeholder="https://auth.example.com/oauth2/token"
                  spellCheck={false}
                  onChange={(event) => edit({ tokenEndpoint: event.target.value })}
                  data-testid="cluster-token-endpoint"
                />
                {problems.tokenEndpoint && <span className="field__problem">{problems.tokenEndpoint}</span>}
              </label>
              <div className="field-row">
                <label className="field">
                  <span className="field__label">OAuth client id</span>
                  <input className={problems.oauthClientId ? 'input input--invalid' : 'input'} value={draft.oauthClientId} spellCheck={false} onChange={(event) => edit({ oauthClientId: event.target.value })} data-testid="cluster-oauth-client-id" />
                  {problems.oauthClientId && <span className="field__problem">{problems.oauthClientId}</span>}
                </label>
                <SecretField label="Client secret" value={draft.clientSecret} stored={secretStored} problem={problems.clientSecret ?? null} testId="cluster-client-secret" onChange={(clientSecret) => edit({ clientSecret })} />
              </div>
              <label className="field">
                <span className="field__label">Scope</span>
                <input className="input" value={draft.scope} placeholder="optional" spellCheck={false} onChange={(event) => edit({ scope: event.target.value })} data-testid="cluster-scope" />
              </label>
            </>
          )}
        </>
      )}
      {secretStorage && (
        <p className="form-section__note" data-testid="cluster-secret-storage">
          {secretStorage}
        </p>
      )}
    </fieldset>
  );
}
