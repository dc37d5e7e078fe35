/**
 * A connection test's outcome: its summary, then each step (bootstrap, TLS, authentication, API
 * versions, brokers) with an ok / failed / skipped mark and the host's detail in words.
 */
import { useEffect, useRef } from 'react';
import type { ClusterDiagnosis } from '../../../../electron/contract';
import type { ClusterDiagnosisState } from '../../store/clusters';

type Step = ClusterDiagnosis['steps'][number];

const STEP_NAMES: Record<Step['step'], string> = {
  bootstrap: 'Bootstrap servers',
  tls: 'TLS',
  authentication: 'Authentication',
  'api-versions': 'API versions',
  brokers: 'Brokers',
};

const STATUS_WORDS: Record<Step['status'], string> = { ok: 'ok', failed: 'failed', skipped: 'skipped' };

function StepIcon({ status }: { status: Step['status'] }) {
  const path = status === 'ok' ? 'M3.5 8.5l3 3 6-7' : status === 'failed' ? 'M4 4l8 8M12 4l-8 8' : 'M4 8h8';
  return (
    <svg className={`diagnosis__icon diagnosis__icon--${status}`} width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
      <path d={path} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export function DiagnosisView({ state, testId }: { state: ClusterDiagnosisState | null; testId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // A new outcome is brought into view (the form's fields scroll; the row's may be below the fold).
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [state]);
  if (!state) return null;
  if (state.testing) {
    return (
      <div ref={ref} className="diagnosis diagnosis--testing" role="status" data-testid={testId}>
        Testing the connection…
      </div>
    );
  }
  if (state.error) {
    return (
      <div ref={ref} className="diagnosis diagnosis--failed" role="alert" data-testid={testId} data-ok="false">
        <div className="diagnosis__summary">Could not test the connection: {state.error}</div>
      </div>
    );
  }
  const diagnosis = state.diagnosis;
  if (!diagnosis) return null;
  return (
    <div ref={ref} className={diagnosis.ok ? 'diagnosis diagnosis--ok' : 'diagnosis diagnosis--failed'} role="status" data-testid={testId} data-ok={String(diagnosis.ok)}>
      <div className="diagnosis__summary" data-testid={`${testId}-summary`}>
        {diagnosis.summary}
      </div>
      <ol className="diagnosis__steps" aria-label="Test steps">
        {diagnosis.steps.map((step) => (
          <li key={step.step} className={`diagnosis__step diagnosis__step--${step.status}`} data-testid={`${testId}-step-${step.step}`} data-status={step.status}>
            <StepIcon status={step.status} />
            <span className="diagnosis__step-name">{STEP_NAMES[step.step]}</span>
            <span className="diagnosis__step-status">{STATUS_WORDS[step.status]}</span>
            <span className="diagnosis__step-detail">{step.detail}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
