/** Keeps `document.title` naming the place the store shows and the current cluster (window-title.ts). */
import { selectActiveCluster, selectShowsRemoteCluster } from '../store/clusters';
import type { AppStore } from '../store/create-app-store';
import { routeOf } from './route-sync';
import { windowTitle } from './window-title';

export function startTitleSync(store: AppStore, doc: { title: string }): () => void {
  const apply = () => {
    const state = store.getState();
    // The embedded broker is named by its address (as before there were clusters); a remote one by its name.
    const remote = selectShowsRemoteCluster(state) ? (selectActiveCluster(state)?.name ?? null) : null;
    const title = windowTitle(routeOf(state), remote ?? state.brokerStatus?.address ?? null);
    if (doc.title !== title) doc.title = title;
  };
  apply();
  return store.subscribe(apply);
}
