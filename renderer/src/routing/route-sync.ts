/**
 * Keeps the URL hash and the store in step, both ways:
 * - the store changes (a click): the hash of the new place is pushed as a history entry, except
 *   when only the open record changes from one record to another (replaced, so back does not
 *   step through every record looked at), or when the Dead letters view opened without a topic
 *   picks its first one;
 * - the hash changes (back, forward, a typed URL) or the page loads with one: the place it names
 *   is applied to the store, and a hash that was not canonical is replaced by its canonical form.
 * Serve mode's `?token=` query string is never touched: only the fragment changes.
 */
import type { AppState } from '../store/app-state';
import type { AppStore } from '../store/create-app-store';
import { formatRoute, parseRoute, type AppRoute } from './app-route';

export interface HistoryLike {
  pushState(data: unknown, unused: string, url: string): void;
  replaceState(data: unknown, unused: string, url: string): void;
}

export interface RouteWindow {
  location: { hash: string };
  history: HistoryLike;
  addEventListener(type: 'popstate' | 'hashchange', listener: () => void): void;
  removeEventListener(type: 'popstate' | 'hashchange', listener: () => void): void;
}

/** The place the store shows. */
export function routeOf(state: AppState): AppRoute {
  switch (state.activeView) {
    case 'topics':
      return { view: 'topics', topic: state.openTopicName };
    case 'groups':
      return { view: 'groups', group: state.openGroupId };
    case 'messages':
      return {
        view: 'messages',
        query: state.messagesQuery,
        record: state.messagesRecordKey,
        ...(state.messagesQuery.mode === 'tail' ? { tail: state.tailOptions } : {}),
        ...(state.producePanel !== null ? { produce: state.producePanel } : {}),
      };
    case 'settings':
      return { view: 'settings' };
    case 'connections':
      return { view: 'connections' };
    case 'dead-letters':
      return { view: 'dead-letters', topic: state.dlqTopic, filter: state.dlqFilter, record: state.dlqOpenKey };
    default:
      return { view: 'broker' };
  }
}

/** Makes the store show `route`. */
export function applyRoute(store: AppStore, route: AppRoute): void {
  const state = store.getState();
  switch (route.view) {
    case 'broker':
    case 'settings':
    case 'connections':
      state.showView(route.view);
      return;
    case 'topics':
      if (route.topic === null) {
        if (state.openTopicName !== null) state.closeTopic();
        state.showView('topics');
      } else if (route.topic !== state.openTopicName) state.openTopic(route.topic);
      else state.showView('topics');
      return;
    case 'groups':
      if (route.group === null) {
        if (state.openGroupId !== null) state.closeGroup();
        state.showView('groups');
      } else if (route.group !== state.openGroupId) state.openGroup(route.group);
      else state.showView('groups');
      return;
    case 'messages':
      // The tail's options first: showMessages starts (or restarts) the tail with them.
      if (route.tail) state.setTailOptions(route.tail);
      state.showMessages(route.query, route.record);
      state.showProducePanel(route.produce ?? null);
      return;
    case 'dead-letters':
      state.showDeadLetters(route.topic, route.filter, route.record);
  }
}

/**
 * A change written in place rather than as a history entry: only the open record switched (a
 * record was open before and after), or the Dead letters view picked its first topic itself.
 */
function replacesEntry(before: AppRoute, after: AppRoute): boolean {
  if (before.view === 'dead-letters' && after.view === 'dead-letters') {
    if (before.topic === null) return true;
    return before.record !== null && after.record !== null && formatRoute({ ...before, record: null }) === formatRoute({ ...after, record: null });
  }
  if (before.view !== 'messages' || after.view !== 'messages' || !before.record || !after.record) return false;
  return formatRoute({ ...before, record: null }) === formatRoute({ ...after, record: null });
}

export function startRouteSync(store: AppStore, win: RouteWindow): () => void {
  let shown = win.location.hash;
  let applying = false;

  const fromLocation = () => {
    if (win.location.hash === shown) return;
    applying = true;
    try {
      applyRoute(store, parseRoute(win.location.hash));
    } finally {
      applying = false;
    }
    const canonical = formatRoute(routeOf(store.getState()));
    if (canonical !== win.location.hash) win.history.replaceState(null, '', canonical);
    shown = canonical;
  };

  const fromStore = (state: AppState) => {
    if (applying) return;
    const route = routeOf(state);
    const hash = formatRoute(route);
    if (hash === shown) return;
    if (replacesEntry(parseRoute(shown), route)) win.history.replaceState(null, '', hash);
    else win.history.pushState(null, '', hash);
    shown = hash;
  };

  // The page's first place: the hash it was opened with (or the Broker view).
  shown = '\u0000';
  fromLocation();
  const unsubscribe = store.subscribe(fromStore);
  win.addEventListener('popstate', fromLocation);
  win.addEventListener('hashchange', fromLocation);
  return () => {
    unsubscribe();
    win.removeEventListener('popstate', fromLocation);
    win.removeEventListener('hashchange', fromLocation);
  };
}
