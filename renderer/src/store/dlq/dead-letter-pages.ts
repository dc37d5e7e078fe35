/**
 * The list's pages, as pure functions: which pages hold a range of rows, the row at an index,
 * and which pages to keep when more than MAX_HELD_PAGES would be held (those nearest the rows
 * in view). Page `n` holds rows `n * pageSize` up to `(n + 1) * pageSize`.
 */
import type { DeadLetter } from '../../../../electron/contract';

export type Pages = Readonly<Record<number, readonly DeadLetter[]>>;

/** The page numbers holding rows `from..to` (inclusive), within `total` rows when known. */
export function pagesCovering(from: number, to: number, pageSize: number, total: number | null): number[] {
  const last = total === null ? to : Math.min(to, total - 1);
  if (last < from || last < 0) return total === null || total > 0 ? [Math.floor(Math.max(0, from) / pageSize)] : [];
  const pages: number[] = [];
  for (let page = Math.floor(Math.max(0, from) / pageSize); page <= Math.floor(last / pageSize); page += 1) pages.push(page);
  return pages;
}

/** The row at `index`, if its page is held. */
export function rowAt(pages: Pages, index: number, pageSize: number): DeadLetter | undefined {
  return pages[Math.floor(index / pageSize)]?.[index % pageSize];
}

/** `pages` without the ones farthest from page `center`, so that at most `max` are held. */
export function keepNearest(pages: Pages, center: number, max: number): Pages {
  const numbers = Object.keys(pages).map(Number);
  if (numbers.length <= max) return pages;
  const kept = numbers.sort((a, b) => Math.abs(a - center) - Math.abs(b - center) || a - b).slice(0, max);
  return Object.fromEntries(kept.map((page) => [page, pages[page]]));
}
