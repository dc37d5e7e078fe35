/**
 * How the tail is shown and where it begins: the order rows are listed in, whether it starts at
 * the end (new records only) or with the last few records of each partition, and how many rows
 * the view keeps (its ring: older rows roll out, counted). The URL holds these in tail mode.
 */
import { DEFAULT_TAIL_BUFFER } from '../../../../electron/contract';

/** `newest-first`: the newest row on top (where new rows appear); `append`: in arrival order, new rows at the bottom. */
export type TailOrder = 'newest-first' | 'append';

export type TailFrom = { at: 'end' } | { at: 'last'; count: number };

export interface TailOptions {
  order: TailOrder;
  from: TailFrom;
  /** Most rows the view keeps. */
  bufferLimit: number;
}

export const MIN_TAIL_ROWS = 100;
export const MAX_TAIL_ROWS = 100_000;
export const MAX_TAIL_LAST = 10_000;

export const DEFAULT_TAIL_OPTIONS: TailOptions = { order: 'newest-first', from: { at: 'last', count: 50 }, bufferLimit: DEFAULT_TAIL_BUFFER };

export function formatTailFrom(from: TailFrom): string {
  return from.at === 'end' ? 'end' : `last:${from.count}`;
}

export function parseTailFrom(text: string | null): TailFrom | null {
  if (text === 'end') return { at: 'end' };
  const match = text ? /^last:(\d{1,5})$/.exec(text) : null;
  if (!match) return null;
  const count = Number(match[1]);
  return count >= 1 && count <= MAX_TAIL_LAST ? { at: 'last', count } : null;
}

/** A ring size the view accepts, or null. */
export function parseTailRows(text: string | null): number | null {
  if (!text || !/^\d{1,6}$/.test(text)) return null;
  const rows = Number(text);
  return rows >= MIN_TAIL_ROWS && rows <= MAX_TAIL_ROWS ? rows : null;
}
