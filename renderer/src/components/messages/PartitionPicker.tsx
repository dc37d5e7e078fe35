/**
 * Which partitions to read: all of them (the default), or any set, picked in a small menu of
 * checkboxes. A change applies at once; choosing none, or every one, means all.
 */
import { useEffect, useRef } from 'react';
import { formatCount } from '../../format/format-count';

interface PartitionPickerProps {
  /** How many partitions the topic has. */
  count: number;
  selected: number[] | null;
  onChange(partitions: number[] | null): void;
}

export function summarizePartitions(selected: number[] | null): string {
  if (selected === null) return 'All';
  if (selected.length <= 4) return selected.join(', ');
  return `${formatCount(selected.length)} partitions`;
}

export function PartitionPicker({ count, selected, onChange }: PartitionPickerProps) {
  const ref = useRef<HTMLDetailsElement>(null);
  // Close the menu on a click anywhere else.
  useEffect(() => {
    const close = (event: PointerEvent) => {
      if (ref.current?.open && !ref.current.contains(event.target as Node)) ref.current.open = false;
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, []);

  const toggle = (partition: number) => {
    const current = new Set(selected ?? []);
    if (selected === null) current.clear();
    if (current.has(partition)) current.delete(partition);
    else current.add(partition);
    const next = [...current].sort((a, b) => a - b);
    onChange(next.length === 0 || next.length === count ? null : next);
  };

  return (
    <div className="toolbar-field">
      <span className="toolbar-field__label">Partitions</span>
      <details className="picker" ref={ref} data-testid="messages-partitions">
        <summary className="select picker__summary" data-testid="messages-partitions-summary">
          {summarizePartitions(selected)}
        </summary>
        <div className="picker__menu" role="group" aria-label="Partitions to read">
          <label className="choice">
            <input type="checkbox" checked={selected === null} onChange={() => onChange(null)} data-testid="partition-option-all" />
            All partitions
          </label>
          {Array.from({ length: count }, (_, partition) => (
            <label className="choice" key={partition}>
              <input type="checkbox" checked={selected?.includes(partition) ?? false} onChange={() => toggle(partition)} data-testid={`partition-option-${partition}`} />
              Partition {partition}
            </label>
          ))}
        </div>
      </details>
    </div>
  );
}
