/**
 * The app's place as a URL hash, so back, forward and a reload (serve mode) return to it:
 *
 *   #/broker                  #/settings                #/connections
 *   #/topics                  #/topics/<topic>
 *   #/groups                  #/groups/<group id>
 *   #/messages?topic=orders&partitions=0,2&start=offset:100&key=auto&value=json
 *             [&filter=<JSON of a filter>]…[&end=newest|offset:N|time:<ISO>]
 *             [&page=older|newer&at=<partition>:<offset>,…][&record=<partition>:<offset>]
 *   #/messages?mode=tail&topic=orders&partitions=0,2&key=auto&value=json[&filter=…]…
 *             &order=newest|append&from=end|last:<n>&rows=<ring size>[&record=…]
 *   either one [&produce=record|bulk|import]: the produce panel open on that tab
 *   #/dead-letters[?topic=orders.dlq][&state=dead|replayed|discarded][&reason=<text>][&source=<topic>]
 *             [&from=<ISO>][&to=<ISO>][&record=<partition>:<offset>]
 *
 * `start` is `newest`, `oldest`, `offset:<n>` or `time:<ISO 8601>`; no `partitions` means all of
 * them. A tail (`mode=tail`) has no start, end or page: it lists records as they arrive, in the
 * `order` asked for, beginning at the `end` or with the `last` n of each partition, keeping `rows`. Only the hash is used: the query string before it (serve mode's `?token=`) is left alone.
 * `formatRoute(parseRoute(hash))` is canonical, and anything unreadable falls back to a default
 * (an unknown view is the Broker view; a bad parameter its default), never an error.
 */
import {
  deadLetterStateSchema,
  decodeModeSchema,
  noDeadLetterFilter,
  recordFilterSchema,
  type DeadLetterFilter,
  type PageCursor,
  type RecordFilter,
  type SearchEnd,
  type StartPosition,
} from '../../../electron/contract';
import { emptyMessagesQuery, normalizePartitions, orderOf, type MessagesQuery, type RecordKey } from '../store/messages/messages-query';
import type { ProduceTab } from '../store/produce/state';
import { DEFAULT_TAIL_OPTIONS, formatTailFrom, parseTailFrom, parseTailRows, type TailOptions } from '../store/tail/tail-options';

export type AppRoute =
  | { view: 'broker' }
  | { view: 'settings' }
  | { view: 'connections' }
  | { view: 'topics'; topic: string | null }
  | { view: 'groups'; group: string | null }
  /** `tail`: the tail's options, in tail mode only; `produce`: the produce panel's tab, when it is open. */
  | { view: 'messages'; query: MessagesQuery; record: RecordKey | null; tail?: TailOptions; produce?: ProduceTab }
  /** `topic` null: the first DLQ topic (the view writes the one it picked in place). */
  | { view: 'dead-letters'; topic: string | null; filter: DeadLetterFilter; record: RecordKey | null };

const OFFSET = /^\d{1,16}$/;

function parseOffset(text: string): number | null {
  if (!OFFSET.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

function parseTime(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return null;
  const epochMs = Date.parse(text);
  return Number.isNaN(epochMs) || epochMs < 0 ? null : epochMs;
}

export function formatStart(start: StartPosition): string {
  switch (start.from) {
    case 'newest':
    case 'oldest':
      return start.from;
    case 'offset':
      return `offset:${start.offset}`;
    case 'time':
      return `time:${new Date(start.timestamp).toISOString()}`;
  }
}

export function parseStart(text: string | null): StartPosition | null {
  if (text === 'newest' || text === 'oldest') return { from: text };
  if (text?.startsWith('offset:')) {
    const offset = parseOffset(text.slice(7));
    return offset === null ? null : { from: 'offset', offset };
  }
  if (text?.startsWith('time:')) {
    const timestamp = parseTime(text.slice(5));
    return timestamp === null ? null : { from: 'time', timestamp };
  }
  return null;
}

export function formatEnd(end: SearchEnd): string {
  return end.to === 'newest' ? 'newest' : end.to === 'offset' ? `offset:${end.offset}` : `time:${new Date(end.timestamp).toISOString()}`;
}

export function parseEnd(text: string | null): SearchEnd | null {
  if (text === 'newest') return { to: 'newest' };
  if (text?.startsWith('offset:')) {
    const offset = parseOffset(text.slice(7));
    return offset === null ? null : { to: 'offset', offset };
  }
  if (text?.startsWith('time:')) {
    const timestamp = parseTime(text.slice(5));
    return timestamp === null ? null : { to: 'time', timestamp };
  }
  return null;
}

/** `0:100,2:95` ↔ { "0": 100, "2": 95 }. */
function formatPositions(positions: Record<string, number>): string {
  return Object.entries(positions)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([partition, offset]) => `${partition}:${offset}`)
    .join(',');
}

function parsePositions(text: string | null): Record<string, number> | null {
  if (!text) return null;
  const positions: Record<string, number> = {};
  for (const part of text.split(',')) {
    const [partition, offset, extra] = part.split(':');
    const p = parseOffset(partition ?? '');
    const o = parseOffset(offset ?? '');
    if (p === null || o === null || extra !== undefined) return null;
    positions[String(p)] = o;
  }
  return Object.keys(positions).length > 0 ? positions : null;
}

function parsePartitions(text: string | null): number[] | null {
  if (!text) return null;
  const partitions = text.split(',').map(parseOffset);
  if (partitions.some((partition) => partition === null)) return null;
  return normalizePartitions(partitions as number[]);
}

function parseRecordKey(text: string | null): RecordKey | null {
  const match = text ? /^(\d{1,7}):(\d{1,16})$/.exec(text) : null;
  if (!match) return null;
  const partition = parseOffset(match[1]);
  const offset = parseOffset(match[2]);
  return partition === null || offset === null ? null : { partition, offset };
}

function parseFilter(text: string): RecordFilter | null {
  try {
    const parsed = recordFilterSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function parseTailOptions(params: URLSearchParams): TailOptions {
  const order = params.get('order');
  return {
    order: order === 'append' ? 'append' : order === 'newest' ? 'newest-first' : DEFAULT_TAIL_OPTIONS.order,
    from: parseTailFrom(params.get('from')) ?? DEFAULT_TAIL_OPTIONS.from,
    bufferLimit: parseTailRows(params.get('rows')) ?? DEFAULT_TAIL_OPTIONS.bufferLimit,
  };
}

function parseMessages(params: URLSearchParams): AppRoute {
  const query = emptyMessagesQuery(params.get('topic') || null);
  const tailing = params.get('mode') === 'tail';
  if (tailing) query.mode = 'tail';
  query.partitions = parsePartitions(params.get('partitions'));
  if (!tailing) query.start = parseStart(params.get('start')) ?? query.start;
  const key = decodeModeSchema.safeParse(params.get('key'));
  const value = decodeModeSchema.safeParse(params.get('value'));
  query.decoding = { key: key.success ? key.data : 'auto', value: value.success ? value.data : 'auto' };
  query.filters = params
    .getAll('filter')
    .map(parseFilter)
    .filter((filter): filter is RecordFilter => filter !== null)
    .slice(0, 20);
  const record = parseRecordKey(params.get('record'));
  const panel = params.get('produce');
  const produce: { produce?: ProduceTab } = panel === 'record' || panel === 'bulk' || panel === 'import' ? { produce: panel } : {};
  if (tailing) return { view: 'messages', query, record, tail: parseTailOptions(params), ...produce };
  if (query.filters.length > 0) query.end = parseEnd(params.get('end')) ?? query.end;
  const toward = params.get('page');
  const positions = parsePositions(params.get('at'));
  if (query.filters.length === 0 && (toward === 'older' || toward === 'newer') && positions) {
    const cursor: PageCursor = { toward, positions, order: orderOf(query.start) };
    query.cursor = cursor;
  }
  return { view: 'messages', query, record, ...produce };
}

function parseDeadLetters(params: URLSearchParams): AppRoute {
  const state = deadLetterStateSchema.safeParse(params.get('state'));
  const from = params.get('from');
  const to = params.get('to');
  const filter: DeadLetterFilter = {
    reason: params.get('reason')?.slice(0, 10_000) || noDeadLetterFilter.reason,
    sourceTopic: params.get('source')?.slice(0, 1000) || noDeadLetterFilter.sourceTopic,
    from: from === null ? null : parseTime(from),
    to: to === null ? null : parseTime(to),
    state: state.success ? state.data : null,
  };
  return { view: 'dead-letters', topic: params.get('topic') || null, filter, record: parseRecordKey(params.get('record')) };
}

function formatDeadLetters(route: Extract<AppRoute, { view: 'dead-letters' }>): string {
  const { topic, filter, record } = route;
  const params = new URLSearchParams();
  if (topic !== null) params.set('topic', topic);
  if (filter.state !== null) params.set('state', filter.state);
  if (filter.reason !== null) params.set('reason', filter.reason);
  if (filter.sourceTopic !== null) params.set('source', filter.sourceTopic);
  if (filter.from !== null) params.set('from', new Date(filter.from).toISOString());
  if (filter.to !== null) params.set('to', new Date(filter.to).toISOString());
  if (record) params.set('record', `${record.partition}:${record.offset}`);
  const query = encodeParams(params);
  return query === '' ? '#/dead-letters' : `#/dead-letters?${query}`;
}

export function parseRoute(hash: string): AppRoute {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const queryAt = text.indexOf('?');
  const path = (queryAt === -1 ? text : text.slice(0, queryAt)).replace(/^\/+/, '');
  const params = new URLSearchParams(queryAt === -1 ? '' : text.slice(queryAt + 1));
  const slash = path.indexOf('/');
  const view = slash === -1 ? path : path.slice(0, slash);
  let name: string | null = null;
  if (slash !== -1) {
    try {
      name = decodeURIComponent(path.slice(slash + 1)) || null;
    } catch {
      name = null;
    }
  }
  switch (view) {
    case 'topics':
      return { view: 'topics', topic: name };
    case 'groups':
      return { view: 'groups', group: name };
    case 'messages':
      return parseMessages(params);
    case 'dead-letters':
      return parseDeadLetters(params);
    case 'settings':
      return { view: 'settings' };
    case 'connections':
      return { view: 'connections' };
    default:
      return { view: 'broker' };
  }
}

/** URLSearchParams' encoding, but keeping `:` and `,` readable (both are safe in a fragment). */
function encodeParams(params: URLSearchParams): string {
  return params.toString().replace(/%3A/gi, ':').replace(/%2C/gi, ',');
}

export function formatRoute(route: AppRoute): string {
  switch (route.view) {
    case 'broker':
      return '#/broker';
    case 'settings':
      return '#/settings';
    case 'connections':
      return '#/connections';
    case 'topics':
      return route.topic === null ? '#/topics' : `#/topics/${encodeURIComponent(route.topic)}`;
    case 'groups':
      return route.group === null ? '#/groups' : `#/groups/${encodeURIComponent(route.group)}`;
    case 'messages': {
      const { query, record } = route;
      let tail = route.tail;
      const tailing = query.mode === 'tail';
      const params = new URLSearchParams();
      if (tailing) params.set('mode', 'tail');
      if (query.topic !== null) params.set('topic', query.topic);
      if (query.partitions !== null) params.set('partitions', query.partitions.join(','));
      if (!tailing) params.set('start', formatStart(query.start));
      params.set('key', query.decoding.key);
      params.set('value', query.decoding.value);
      for (const filter of query.filters) params.append('filter', JSON.stringify(filter));
      if (tailing) {
        tail ??= DEFAULT_TAIL_OPTIONS;
        params.set('order', tail.order === 'append' ? 'append' : 'newest');
        params.set('from', formatTailFrom(tail.from));
        params.set('rows', String(tail.bufferLimit));
        if (route.produce) params.set('produce', route.produce);
        if (record) params.set('record', `${record.partition}:${record.offset}`);
        return `#/messages?${encodeParams(params)}`;
      }
      if (query.filters.length > 0) params.set('end', formatEnd(query.end));
      if (query.cursor && query.filters.length === 0) {
        params.set('page', query.cursor.toward);
        params.set('at', formatPositions(query.cursor.positions));
      }
      if (route.produce) params.set('produce', route.produce);
      if (record) params.set('record', `${record.partition}:${record.offset}`);
      return `#/messages?${encodeParams(params)}`;
    }
    case 'dead-letters':
      return formatDeadLetters(route);
  }
}
