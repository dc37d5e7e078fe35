/**
 * Renderer entry: connect to the host (Electron preload or serve-mode WebSocket), build the one
 * store, start the event hub, route, cluster-switch and title syncs once, render the shell; a
 * closing page stops its tail.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectHostApi } from './api/connect-host-api';
import { localSeenDeadLetters, storageOf } from './api/seen-dead-letters';
import { AppShell } from './components/shell/AppShell';
import { startEventHub } from './events/event-hub';
import { startRouteSync } from './routing/route-sync';
import { startTitleSync } from './routing/title-sync';
import { AppStoreProvider } from './store/AppStoreProvider';
import { startClusterSwitch } from './store/clusters/cluster-switch';
import { createAppStore } from './store/create-app-store';
import './styles/base.css';
import './styles/shell.css';
import './styles/broker.css';
import './styles/controls.css';
import './styles/topics.css';
import './styles/groups.css';
import './styles/messages.css';
import './styles/tail.css';
import './styles/produce.css';
import './styles/dead-letters.css';
import './styles/settings.css';
import './styles/clusters.css';

const api = connectHostApi({ api: window.api, location: window.location });
const store = createAppStore(api, { dlq: { seenStore: localSeenDeadLetters(storageOf(window)) } });
startEventHub(api, store);
startRouteSync(store, window);
startClusterSwitch(store);
startTitleSync(store, document);
// A closing tab stops its tail (the host would stop it anyway once nobody polls it).
window.addEventListener('pagehide', () => store.getState().stopTail());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <AppStoreProvider store={store}>
      <AppShell />
    </AppStoreProvider>
  </StrictMode>,
);
