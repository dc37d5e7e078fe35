/** A text of any length, rendered TEXT_STEP characters at a time ("Show more"), so a 1 MiB value never lands in the page at once. */
import { useState } from 'react';
import { formatCount } from '../../format/format-count';

const TEXT_STEP = 100_000;

export function LongText({ text, className, testId }: { text: string; className?: string; testId: string }) {
  const [shown, setShown] = useState(TEXT_STEP);
  const rest = text.length - shown;
  return (
    <div className="long-text">
      <pre className={['long-text__pre', className].filter(Boolean).join(' ')} data-testid={testId}>
        {rest > 0 ? text.slice(0, shown) : text}
      </pre>
      {rest > 0 && (
        <button type="button" className="button button--small" onClick={() => setShown(shown + TEXT_STEP)} data-testid={`${testId}-more`}>
          Show {formatCount(Math.min(TEXT_STEP, rest))} more characters of {formatCount(rest)}
        </button>
      )}
    </div>
  );
}
