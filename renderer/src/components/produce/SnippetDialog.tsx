/**
 * "Copy as code": what the produce form would send, or where the view reads from, as a runnable
 * snippet for kafka-python, confluent-kafka-python, kafkajs and kcat (one tab each), using the
 * cluster's bootstrap address, with a copy button. The code comes from the host (produce.snippet).
 */
import { useState } from 'react';
import type { SnippetLanguage } from '../../../../electron/contract';
import { useAppStore } from '../../store/use-app-store';
import { selectSnippet, SNIPPET_LANGUAGES } from '../../store/produce';
import { CopyButton } from '../common/CopyButton';
import { Dialog } from '../common/Dialog';
import { useProduceActions } from './use-produce-actions';

const LABELS: Record<SnippetLanguage, string> = { 'kafka-python': 'kafka-python', 'confluent-kafka-python': 'confluent-kafka', kafkajs: 'kafkajs', kcat: 'kcat' };

export function SnippetDialog() {
  const snippet = useAppStore(selectSnippet);
  const { closeSnippet } = useProduceActions();
  const [language, setLanguage] = useState<SnippetLanguage>('kafka-python');
  if (!snippet) return null;
  const code = snippet.codes[language];
  return (
    <Dialog
      title="Copy as code"
      testId="snippet-dialog"
      onClose={closeSnippet}
      onSubmit={closeSnippet}
      actions={
        <button type="submit" className="button" data-testid="snippet-close">
          Close
        </button>
      }
    >
      <p className="dialog__text">
        {snippet.title === 'the produce form' ? 'What the produce form sends' : 'Reading from this position'}, as each client writes it, with the cluster’s bootstrap address.
      </p>
      <div className="tabs tabs--compact" role="tablist" aria-label="Client">
        {SNIPPET_LANGUAGES.map((candidate) => (
          <button
            key={candidate}
            type="button"
            role="tab"
            aria-selected={candidate === language}
            className={candidate === language ? 'tabs__tab tabs__tab--active' : 'tabs__tab'}
            onClick={() => setLanguage(candidate)}
            data-testid={`snippet-tab-${candidate}`}
          >
            {LABELS[candidate]}
          </button>
        ))}
      </div>
      <div className="snippet" role="tabpanel" data-testid="snippet-panel" data-language={language}>
        {!code ? (
          <div className="detail__muted">Writing the code…</div>
        ) : code.error ? (
          <div className="form-error" role="alert" data-testid="snippet-error">
            {code.error}
          </div>
        ) : (
          <>
            <div className="snippet__bar">
              <span className="field__help">
                bootstrap <code data-testid="snippet-bootstrap">{code.bootstrap}</code>
              </span>
              <CopyButton text={code.code ?? ''} label="Copy the code" testId="snippet-copy" />
            </div>
            <pre className="snippet__code" data-testid="snippet-code">
              {code.code}
            </pre>
          </>
        )}
      </div>
    </Dialog>
  );
}
