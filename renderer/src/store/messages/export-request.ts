/**
 * What an export asks the host for, from what the view shows. `messages.exportStart` takes one
 * range (partitions × start..end) and filters, so:
 * - the whole range: the browse's partitions from its start (from `newest`, whose range forwards
 *   is empty, from the oldest record) to the newest, or a search's range and filters;
 * - the page shown: per partition the offsets the page holds. One partition is a plain offset
 *   range; several are the range spanning them all, narrowed per partition by a predicate.
 */
import type { MessageRecord, MethodRequest, RecordFilter, StartPosition } from '../../../../electron/contract';
import type { MessagesQuery } from './messages-query';

export type ExportScope = 'page' | 'range';
export type ExportRange = Omit<MethodRequest<'messages.exportStart'>, 'format' | 'decode'>;

/** Records in all, for "everything": the contract's largest limit. */
export const EXPORT_ALL_LIMIT = 100_000_000;

/** A search or an export reads forwards: `newest` would be an empty range, so it starts at the oldest. */
export function forwardStart(start: StartPosition): StartPosition {
  return start.from === 'newest' ? { from: 'oldest' } : start;
}

interface Span {
  partition: number;
  from: number;
  to: number;
}

function spansOf(records: readonly MessageRecord[]): Span[] {
  const spans = new Map<number, Span>();
  for (const record of records) {
    const span = spans.get(record.partition);
    if (!span) spans.set(record.partition, { partition: record.partition, from: record.offset, to: record.offset + 1 });
    else {
      span.from = Math.min(span.from, record.offset);
      span.to = Math.max(span.to, record.offset + 1);
    }
  }
  return [...spans.values()].sort((a, b) => a.partition - b.partition);
}

/** The predicate that keeps, of each partition, only the offsets the page holds. */
export function pageSpansPredicate(spans: readonly Span[]): RecordFilter {
  const clauses = spans.map((span) => `(r.partition === ${span.partition} && r.offset >= ${span.from} && r.offset < ${span.to})`);
  return { kind: 'predicate', source: `(r) => ${clauses.join(' || ')}` };
}

export function exportRange(query: MessagesQuery, scope: ExportScope, shown: readonly MessageRecord[]): ExportRange | null {
  if (query.topic === null) return null;
  if (scope === 'range') {
    return {
      topic: query.topic,
      partitions: query.partitions,
      start: forwardStart(query.start),
      end: query.filters.length > 0 ? query.end : { to: 'newest' },
      filters: query.filters,
      limit: EXPORT_ALL_LIMIT,
    };
  }
  const spans = spansOf(shown);
  if (spans.length === 0) return null;
  const from = Math.min(...spans.map((span) => span.from));
  const to = Math.max(...spans.map((span) => span.to));
  return {
    topic: query.topic,
    partitions: spans.map((span) => span.partition),
    start: { from: 'offset', offset: from },
    end: { to: 'offset', offset: to },
    filters: spans.length === 1 ? [] : [pageSpansPredicate(spans)],
    limit: shown.length,
  };
}
