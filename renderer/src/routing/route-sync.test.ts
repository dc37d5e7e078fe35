import { describe, expect, it } from 'vitest';
import type { ContractResult } from '../../../electron/contract';
import { fakeHostApi } from '../test-support/fake-host-api';
import { createAppStore } from '../store/create-app-store';
import { emptyMessagesQuery } from '../store/messages/messages-query';
import { startRouteSync, type RouteWindow } from './route-sync';

/** A window whose history is an array, with back and forward firing popstate as a browser does. */
function fakeWindow(initialHash: string) {
  const entries = [initialHash];
  let index = 0;
  const listeners = new Set<() => void>();
  const pushes: string[] = [];
  const win: RouteWindow & { back(): void; forward(): void; entries: string[]; pushes: string[] } = {
    location: {
      get hash() {
        return entries[index];
      },
    },
    history: {
      pushState(_data, _unused, url) {
        entries.splice(index + 1, entries.length, url);
        index += 1;
        pushes.push(url);
      },
      replaceState(_data, _unused, url) {
        entries[index] = url;
      },
    },
    addEventListener: (_type, listener) => listeners.add(listener),
    removeEventListener: (_type, listener) => listeners.delete(listener),
    back() {
      index -= 1;
      for (const listener of listeners) listener();
    },
    forward() {
      index += 1;
      for (const listener of listeners) listener();
    },
    entries,
    pushes,
  };
  return win;
}

const never = () => new Promise<ContractResult<unknown>>(() => {});

describe('route sync', () => {
  it('opens on the place the hash names, writing it canonically in place', () => {
    const api = fakeHostApi();
    api.respond = never;
    const store = createAppStore(api);
    const win = fakeWindow('#/messages?value=json&topic=orders');

    startRouteSync(store, win);

    expect(store.getState().activeView).toBe('messages');
    expect(store.getState().messagesQuery).toEqual({ ...emptyMessagesQuery('orders'), decoding: { key: 'auto', value: 'json' } });
    expect(win.entries).toEqual(['#/messages?topic=orders&start=newest&key=auto&value=json']);
    expect(api.calls.map((call) => call.method)).toEqual(['messages.browse']);
  });

  it('pushes an entry per change, replaces when only the open record switches, and follows back and forward', () => {
    const api = fakeHostApi();
    api.respond = never;
    const store = createAppStore(api);
    const win = fakeWindow('');
    startRouteSync(store, win);
    expect(win.entries).toEqual(['#/broker']);

    store.getState().showMessages(emptyMessagesQuery('orders'));
    store.getState().changeMessagesQuery({ start: { from: 'oldest' } });
    store.getState().openRecord({ partition: 0, offset: 1 });
    store.getState().openRecord({ partition: 0, offset: 2 });

    expect(win.entries).toEqual([
      '#/broker',
      '#/messages?topic=orders&start=newest&key=auto&value=auto',
      '#/messages?topic=orders&start=oldest&key=auto&value=auto',
      '#/messages?topic=orders&start=oldest&key=auto&value=auto&record=0:2',
    ]);

    win.back();
    expect(store.getState().messagesRecordKey).toBeNull();
    win.back();
    expect(store.getState().messagesQuery.start).toEqual({ from: 'newest' });
    win.back();
    expect(store.getState().activeView).toBe('broker');
    win.forward();
    expect(store.getState().activeView).toBe('messages');
    expect(win.pushes).toHaveLength(3);
  });

  it('opens and closes topic and group pages from the hash', () => {
    const api = fakeHostApi();
    api.respond = never;
    const store = createAppStore(api);
    const win = fakeWindow('#/topics/orders');
    startRouteSync(store, win);
    expect(store.getState().openTopicName).toBe('orders');

    store.getState().closeTopic();
    expect(win.entries.at(-1)).toBe('#/topics');
    win.back();
    expect(store.getState().openTopicName).toBe('orders');
  });

  it('writes the first DLQ topic the Dead letters view picks in place, and steps back through its filters', () => {
    const api = fakeHostApi();
    api.respond = never;
    const store = createAppStore(api);
    const win = fakeWindow('#/dead-letters');
    startRouteSync(store, win);
    expect(store.getState().activeView).toBe('dead-letters');

    store.getState().receiveDeadLetterTopics({ topics: [{ topic: 'orders.dlq', recognizedBy: 'sweeper-policy', partitions: 1, records: 2, dead: 2, replayed: 0, discarded: 0 }] });
    store.getState().changeDeadLetterFilter({ state: 'replayed' });
    store.getState().openDeadLetter({ partition: 0, offset: 1 });
    store.getState().openDeadLetter({ partition: 0, offset: 0 });

    expect(win.entries).toEqual(['#/dead-letters?topic=orders.dlq', '#/dead-letters?topic=orders.dlq&state=replayed', '#/dead-letters?topic=orders.dlq&state=replayed&record=0:0']);
    win.back();
    win.back();
    expect(store.getState().dlqFilter.state).toBeNull();
    expect(store.getState().dlqOpenKey).toBeNull();
  });
});
