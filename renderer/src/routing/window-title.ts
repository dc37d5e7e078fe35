/**
 * The page's title, which the desktop window shows as its own (main leaves `page-title-updated`
 * alone) and a browser shows on its tab: the view, the open topic or group when there is one, the
 * current cluster (a remote one's name, the embedded broker's address), and the
 * app: `Topics — staging — Eddy`, `orders — Topics — localhost:9092 — Eddy`. Without either the
 * cluster part is left out. Pure, so it is unit-tested.
 */
import { VIEW_SHORTCUTS } from '../../../electron/contract';
import type { AppRoute } from './app-route';

export const APP_NAME = 'Eddy';

function openItem(route: AppRoute): string | null {
  if (route.view === 'topics') return route.topic;
  if (route.view === 'groups') return route.group;
  if (route.view === 'messages' || route.view === 'dead-letters') return route.view === 'messages' ? route.query.topic : route.topic;
  return null;
}

/** Views without a shortcut, by the name the sidebar gives them. */
const OTHER_VIEWS: Record<string, string> = { connections: 'Connections' };

/** `cluster`: the current cluster: a remote one's name, the embedded broker's address. */
export function windowTitle(route: AppRoute, cluster: string | null): string {
  const view = VIEW_SHORTCUTS.find((shortcut) => shortcut.view === route.view)?.label ?? OTHER_VIEWS[route.view] ?? route.view;
  const item = openItem(route);
  return [item, view, cluster, APP_NAME].filter((part): part is string => Boolean(part)).join(' — ');
}
