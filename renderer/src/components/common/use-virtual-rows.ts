/**
 * Virtualizes the rows of a long table with @tanstack/react-virtual: only the rows in (and just
 * around) the scroll container's viewport are rendered, with spacer rows above and below keeping
 * the scroll height right (VirtualTableBody.tsx), so `<table>` semantics and column widths stay as they are.
 *
 * Rows have a fixed height (`rowHeight`, matched by CSS), so nothing is measured per row.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';

export function useVirtualRows(count: number, rowHeight: number) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer returns fresh functions each render by design; it is not memoizable.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
    initialRect: { width: 0, height: 600 },
  });
  const rows = virtualizer.getVirtualItems();
  const paddingTop = rows[0]?.start ?? 0;
  const paddingBottom = Math.max(0, virtualizer.getTotalSize() - (rows.at(-1)?.end ?? 0));
  return { scrollRef, rows, paddingTop, paddingBottom };
}
