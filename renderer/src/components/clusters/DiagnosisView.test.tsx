import { renderToStaticMarkup } from 'react-dom/server';
import { expect, it } from 'vitest';
import { DiagnosisView } from './DiagnosisView';

it('shows the summary and each step with its status and detail in words', () => {
  const html = renderToStaticMarkup(
    <DiagnosisView
      testId="d"
      state={{
        testing: false,
        error: null,
        diagnosis: {
          ok: false,
          summary: 'Reached the cluster, but it refused the credentials.',
          steps: [
            { step: 'bootstrap', status: 'ok', detail: 'kafka-1:9092 answered' },
            { step: 'authentication', status: 'failed', detail: 'wrong password' },
            { step: 'brokers', status: 'skipped', detail: 'not tried' },
          ],
        },
      }}
    />,
  );
  const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  expect(text).toBe('Reached the cluster, but it refused the credentials. Bootstrap servers ok kafka-1:9092 answered Authentication failed wrong password Brokers skipped not tried');
  expect(html).toContain('data-ok="false"');
  expect(html).toContain('data-status="failed"');
});
