/**
 * The `<tbody>` of a table virtualized with `useVirtualRows`: the rendered rows between two spacer
 * rows that stand in for the rows scrolled out of view above and below.
 */
import type { ReactNode } from 'react';

interface VirtualTableBodyProps {
  /** The table's column count (the spacers span them all). */
  columns: number;
  paddingTop: number;
  paddingBottom: number;
  children: ReactNode;
}

export function VirtualTableBody({ columns, paddingTop, paddingBottom, children }: VirtualTableBodyProps) {
  return (
    <tbody>
      {paddingTop > 0 && <SpacerRow columns={columns} height={paddingTop} />}
      {children}
      {paddingBottom > 0 && <SpacerRow columns={columns} height={paddingBottom} />}
    </tbody>
  );
}

function SpacerRow({ columns, height }: { columns: number; height: number }) {
  return (
    <tr aria-hidden="true">
      <td colSpan={columns} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}
