/**
 * The page's title, which the desktop window shows as its own (main leaves `page-title-updated`
 * alone) and a browser shows on its tab: the view, the open topic or group when there is one, the
 * cluster's address, and the app: `Topics — localhost:9092 — Eddy`,
 * `orders — Topics — localhost:9092 — Eddy`. Without an address (the broker not listening) the
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

export function windowTitle(route: AppRoute, clusterAddress: string | null): string {
  const view = VIEW_SHORTCUTS.find((shortcut) => shortcut.view === route.view)?.label ?? route.view;
  const item = openItem(route);
  return [item, view, clusterAddress, APP_NAME].filter((part): part is string => Boolean(part)).join(' — ');
}
