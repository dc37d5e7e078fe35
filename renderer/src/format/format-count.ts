/** A count with thousands separators, `1,234,567` (the same in every locale, so tests can read it). */
const grouping = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(count: number): string {
  return grouping.format(count);
}
