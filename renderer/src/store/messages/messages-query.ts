/**
 * What the Messages view shows, as data: browse or tail, the topic, its partitions, where to
 * start, how to decode, the filters (browse: none lists pages, some search `start..end`; tail:
 * applied live) and the page paged to.
 * The URL holds exactly this plus the open record (routing/app-route.ts), so back, forward and a
 * reload return to the same view; the store reads whatever a query asks for.
 */
import type { Decoding, PageCursor, RecordFilter, SearchEnd, StartPosition } from '../../../../electron/contract';

/** Browse pages (or search a range), or tail the partitions live (store/tail/). */
export type MessagesMode = 'browse' | 'tail';

export interface MessagesQuery {
  mode: MessagesMode;
  /** null: no topic chosen yet. */
  topic: string | null;
  /** Sorted, without duplicates; null: all of them. */
  partitions: number[] | null;
  start: StartPosition;
  decoding: Decoding;
  /** All must match; none: browse, some: search. */
  filters: RecordFilter[];
  /** Where a search stops (browse pages on past it). Not used by a tail. */
  end: SearchEnd;
  /** The page paged to from the first one (browse only); null: the first page from `start`. Not used by a tail. */
  cursor: PageCursor | null;
}

/** One record of a topic: what the detail panel shows. */
export interface RecordKey {
  partition: number;
  offset: number;
}

export const DEFAULT_DECODING: Decoding = { key: 'auto', value: 'auto' };

export function emptyMessagesQuery(topic: string | null = null): MessagesQuery {
  return { mode: 'browse', topic, partitions: null, start: { from: 'newest' }, decoding: DEFAULT_DECODING, filters: [], end: { to: 'newest' }, cursor: null };
}

/** The order pages of a browse from `start` are listed in (the host keeps it from page to page). */
export function orderOf(start: StartPosition): PageCursor['order'] {
  return start.from === 'newest' ? 'newest-first' : 'oldest-first';
}

/** Sorted partitions without duplicates (null stays "all"). */
export function normalizePartitions(partitions: readonly number[] | null): number[] | null {
  if (partitions === null) return null;
  return [...new Set(partitions)].sort((a, b) => a - b);
}

/** JSON with every object's keys sorted, so equal values give equal text whatever built them. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A stable text for a query, to tell whether two ask for the same records (a browse ignores `end`, a tail where to start and end). */
export function queryKey(query: MessagesQuery): string {
  if (query.mode === 'tail') return stableJson(['tail', query.topic, query.partitions, query.decoding, query.filters]);
  return stableJson([query.topic, query.partitions, query.start, query.decoding, query.filters, query.filters.length > 0 ? query.end : null, query.cursor]);
}

export function sameRecordKey(a: RecordKey | null, b: RecordKey | null): boolean {
  return a === b || (a !== null && b !== null && a.partition === b.partition && a.offset === b.offset);
}

export function isSearch(query: MessagesQuery): boolean {
  return query.mode === 'browse' && query.filters.length > 0;
}
