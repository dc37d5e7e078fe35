/** Keeps `document.title` naming the place the store shows and the broker's address (window-title.ts). */
import type { AppStore } from '../store/create-app-store';
import { routeOf } from './route-sync';
import { windowTitle } from './window-title';

export function startTitleSync(store: AppStore, doc: { title: string }): () => void {
  const apply = () => {
    const state = store.getState();
    const title = windowTitle(routeOf(state), state.brokerStatus?.address ?? null);
    if (doc.title !== title) doc.title = title;
  };
  apply();
  return store.subscribe(apply);
}
