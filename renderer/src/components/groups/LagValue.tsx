import { formatCount } from '../../format/format-count';

/** A lag figure: "—" without a committed offset, muted at 0, highlighted when behind. */
export function LagValue({ lag }: { lag: number | null }) {
  if (lag === null) return <span className="table__muted" title="No committed offset">—</span>;
  return <span className={lag === 0 ? 'lag lag--caught-up' : 'lag lag--behind'}>{formatCount(lag)}</span>;
}
