import { describe, expect, it } from 'vitest';
import { noDeadLetterFilter } from '../../../electron/contract';
import { emptyMessagesQuery } from '../store/messages/messages-query';
import { DEFAULT_TAIL_OPTIONS } from '../store/tail/tail-options';
import { formatRoute, parseRoute, type AppRoute } from './app-route';

describe('app routes', () => {
  it('reads and writes every view', () => {
    const routes: AppRoute[] = [
      { view: 'broker' },
      { view: 'settings' },
      { view: 'connections' },
      { view: 'topics', topic: null },
      { view: 'topics', topic: 'orders.v2' },
      { view: 'groups', group: 'billing workers/1' },
      { view: 'messages', query: emptyMessagesQuery('orders'), record: null },
    ];
    for (const route of routes) expect(parseRoute(formatRoute(route))).toEqual(route);
    expect(formatRoute({ view: 'groups', group: 'billing workers/1' })).toBe('#/groups/billing%20workers%2F1');
  });

  it('writes the messages view readably, in a fixed order, and reads it back whole', () => {
    const query = {
      ...emptyMessagesQuery('orders'),
      partitions: [0, 2],
      start: { from: 'offset' as const, offset: 100 },
      decoding: { key: 'long' as const, value: 'json' as const },
    };
    const hash = formatRoute({ view: 'messages', query, record: { partition: 2, offset: 57 } });
    expect(hash).toBe('#/messages?topic=orders&partitions=0,2&start=offset:100&key=long&value=json&record=2:57');
    expect(parseRoute(hash)).toEqual({ view: 'messages', query, record: { partition: 2, offset: 57 } });
  });

  it('keeps filters, the search end, a time start and a page cursor', () => {
    const query = {
      ...emptyMessagesQuery('orders'),
      start: { from: 'time' as const, timestamp: Date.UTC(2024, 4, 1, 10, 0, 0) },
      filters: [
        { kind: 'contains' as const, field: 'value' as const, text: 'a&b=c, "d"', caseSensitive: false },
        { kind: 'predicate' as const, source: '(r) => r.value.n > 1 && r.key !== "#"' },
      ],
      end: { to: 'offset' as const, offset: 500 },
    };
    const hash = formatRoute({ view: 'messages', query, record: null });
    expect(hash).toContain('start=time:2024-05-01T10:00:00.000Z');
    expect(hash).toContain('end=offset:500');
    expect(parseRoute(hash)).toEqual({ view: 'messages', query, record: null });

    const paged = { ...emptyMessagesQuery('orders'), cursor: { toward: 'older' as const, positions: { '0': 100, '2': 95 }, order: 'newest-first' as const } };
    const pagedHash = formatRoute({ view: 'messages', query: paged, record: null });
    expect(pagedHash).toBe('#/messages?topic=orders&start=newest&key=auto&value=auto&page=older&at=0:100,2:95');
    expect(parseRoute(pagedHash)).toEqual({ view: 'messages', query: paged, record: null });
  });

  it('writes a tail with its options and without a start, end or page', () => {
    const filter = { kind: 'predicate' as const, source: '(r) => r.value.n > 1' };
    const query = { ...emptyMessagesQuery('orders'), mode: 'tail' as const, partitions: [1], filters: [filter] };
    const tail = { order: 'append' as const, from: { at: 'end' as const }, bufferLimit: 500 };
    const hash = formatRoute({ view: 'messages', query, record: { partition: 1, offset: 9 }, tail });
    expect(hash).toMatch(/^#\/messages\?mode=tail&topic=orders&partitions=1&key=auto&value=auto&filter=[^&]+&order=append&from=end&rows=500&record=1:9$/);
    expect(parseRoute(hash)).toEqual({ view: 'messages', query, record: { partition: 1, offset: 9 }, tail });
    // A start, an end or a page in a tail's URL is ignored; bad options fall back to the defaults.
    expect(parseRoute('#/messages?mode=tail&topic=orders&start=oldest&page=older&at=0:5&order=up&from=last:0&rows=1')).toEqual({
      view: 'messages',
      query: { ...emptyMessagesQuery('orders'), mode: 'tail' },
      record: null,
      tail: DEFAULT_TAIL_OPTIONS,
    });
  });

  it('keeps the produce panel’s tab, in browse and in tail mode', () => {
    const browse = { view: 'messages' as const, query: emptyMessagesQuery('orders'), record: null, produce: 'bulk' as const };
    expect(formatRoute(browse)).toBe('#/messages?topic=orders&start=newest&key=auto&value=auto&produce=bulk');
    expect(parseRoute(formatRoute(browse))).toEqual(browse);
    const tail = { view: 'messages' as const, query: { ...emptyMessagesQuery('orders'), mode: 'tail' as const }, record: null, tail: DEFAULT_TAIL_OPTIONS, produce: 'import' as const };
    expect(parseRoute(formatRoute(tail))).toEqual(tail);
    expect(parseRoute('#/messages?topic=orders&produce=sideways')).toEqual({ view: 'messages', query: emptyMessagesQuery('orders'), record: null });
  });

  it('writes the dead letters view with its topic, filter and open dead letter, and reads it back', () => {
    const filter = { reason: 'not consumed by group billing & co', sourceTopic: 'orders', from: Date.UTC(2024, 4, 1, 10, 0, 0), to: null, state: 'dead' as const };
    const route: AppRoute = { view: 'dead-letters', topic: 'orders.dlq', filter, record: { partition: 0, offset: 12 } };
    const hash = formatRoute(route);
    expect(hash).toBe('#/dead-letters?topic=orders.dlq&state=dead&reason=not+consumed+by+group+billing+%26+co&source=orders&from=2024-05-01T10:00:00.000Z&record=0:12');
    expect(parseRoute(hash)).toEqual(route);
    const none = { view: 'dead-letters' as const, topic: null, filter: noDeadLetterFilter, record: null };
    expect(formatRoute(none)).toBe('#/dead-letters');
    expect(parseRoute('#/dead-letters?state=lost&from=yesterday&record=x')).toEqual(none);
  });

  it('falls back to defaults for anything it cannot read, never failing', () => {
    expect(parseRoute('')).toEqual({ view: 'broker' });
    expect(parseRoute('#/nowhere')).toEqual({ view: 'broker' });
    expect(parseRoute('#/topics/%E0%A4%A')).toEqual({ view: 'topics', topic: null });
    const route = parseRoute('#/messages?topic=orders&partitions=0,x&start=offset:-1&key=rot13&value=json&filter={bad&filter={"kind":"nope"}&page=sideways&at=0:1&record=1:');
    expect(route).toEqual({ view: 'messages', query: { ...emptyMessagesQuery('orders'), decoding: { key: 'auto', value: 'json' } }, record: null });
  });

  it('sorts and de-duplicates partitions', () => {
    const route = parseRoute('#/messages?topic=t&partitions=3,1,3');
    expect(route.view === 'messages' && route.query.partitions).toEqual([1, 3]);
  });
});
