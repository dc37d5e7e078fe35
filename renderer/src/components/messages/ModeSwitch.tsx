/** Browse pages of a topic, or tail it live: the same topic, partitions, decoding and filters either way. */
import type { MessagesMode } from '../../store/messages';

const MODES: Array<[MessagesMode, string, string]> = [
  ['browse', 'Browse', 'Pages of records from a position; filters search a range'],
  ['tail', 'Tail live', 'Records as they arrive; filters apply live'],
];

export function ModeSwitch({ mode, onChange }: { mode: MessagesMode; onChange(mode: MessagesMode): void }) {
  return (
    <div className="segmented segmented--large" role="group" aria-label="Browse or tail" data-testid="messages-mode">
      {MODES.map(([value, label, title]) => (
        <button
          key={value}
          type="button"
          className={mode === value ? 'segmented__item segmented__item--active' : 'segmented__item'}
          aria-pressed={mode === value}
          title={title}
          onClick={() => mode !== value && onChange(value)}
          data-testid={`messages-mode-${value}`}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
