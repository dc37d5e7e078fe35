/**
 * What changing the cluster shown does to the rest of the store ("Switching clusters keeps each
 * view's state per cluster; nothing from one cluster is ever shown under another's name"):
 *
 * - while a cluster is shown, the place in its views (the route: view, open topic or group, the
 *   messages query, the dead-letter filter…) is remembered under its id;
 * - when another cluster becomes current, everything read from the one before is dropped (topics,
 *   groups, records, the tail, dead letters, produce templates, the overview), reads in flight are
 *   superseded (and clusters/cluster-scoped-api.ts refuses their late answers), then the new
 *   cluster's remembered place is shown (a cluster not shown before: the same view with nothing
 *   open; Topics when coming from Connections) and its data is read;
 * - when the current cluster's connection comes (back) up, its data is read again.
 *
 * Started once at start-up, after route sync (so the places it shows are written to the URL).
 */
import { noDeadLetterFilter } from '../../../../electron/contract';
import type { AppRoute } from '../../routing/app-route';
import { applyRoute, routeOf } from '../../routing/route-sync';
import type { AppState } from '../app-state';
import type { AppStore } from '../create-app-store';
import { emptyMessagesQuery } from '../messages/messages-query';
import { selectActiveClusterId, selectShowsRemoteCluster } from './selectors';

/** Views that show one cluster's data; Settings (the embedded broker's) and Connections do not. */
const CLUSTER_VIEWS: ReadonlySet<AppState['activeView']> = new Set(['broker', 'topics', 'groups', 'messages', 'dead-letters']);

/** The same view as `route` with nothing of its cluster open in it. */
function emptyPlaceLike(route: AppRoute): AppRoute {
  switch (route.view) {
    case 'topics':
      return { view: 'topics', topic: null };
    case 'groups':
      return { view: 'groups', group: null };
    case 'messages':
      return { view: 'messages', query: emptyMessagesQuery(null), record: null };
    case 'dead-letters':
      return { view: 'dead-letters', topic: null, filter: noDeadLetterFilter, record: null };
    case 'broker':
      return { view: 'broker' };
    default:
      return { view: 'topics', topic: null };
  }
}

/** Drops what was read from the cluster shown before, and supersedes its reads in flight. */
export function clearClusterData(store: AppStore): void {
  const state = store.getState();
  state.leaveMessages();
  state.closeExport();
  state.stopTail();
  state.leaveDeadLetters();
  if (state.openTopicName !== null) state.closeTopic();
  if (state.openGroupId !== null) state.closeGroup();
  store.setState({
    topicList: [],
    topicsTotal: 0,
    topicListLoaded: false,
    topicListError: null,
    groupList: [],
    groupsTotal: 0,
    groupListLoaded: false,
    groupListError: null,
    topicLag: null,
    topicLagError: null,
    messagesError: null,
    messagesTopicGone: false,
    dlqTopics: [],
    dlqTopicsLoaded: false,
    dlqTopicsError: null,
    dlqSummary: null,
    dlqSummaryError: null,
    dlqDetail: null,
    dlqSweeper: null,
    dlqSweeperError: null,
    dlqPolicy: null,
    produceTemplates: null,
    copySelection: new Set(),
    produceSend: { sending: false, topic: null, outcomes: null, error: null },
    clusterOverview: null,
  });
}

/** Reads what the views show from the current cluster (after a switch, or its connection came up). */
export function loadClusterData(store: AppStore): void {
  const state = store.getState();
  void state.loadTopics();
  state.reloadOpenTopic();
  void state.loadGroups();
  state.reloadOpenGroup();
  if (state.topicLagTopic !== null) state.watchTopicLag(state.topicLagTopic);
  state.reloadMessages();
  state.reloadProduce();
  void state.loadDeadLetterTopics();
  state.reloadDeadLetters();
  if (selectShowsRemoteCluster(state)) void state.describeCluster();
}

export interface ClusterSwitch {
  /** The place remembered for a cluster (for tests and the switcher); undefined: never shown. */
  rememberedRoute(clusterId: string): AppRoute | undefined;
  stop(): void;
}

export function startClusterSwitch(store: AppStore): ClusterSwitch {
  const routes = new Map<string, AppRoute>();
  let shownId: string | null = store.getState().clusterCurrent?.activeId ?? null;
  let shownState = store.getState().clusterCurrent?.state ?? null;
  let switching = false;

  const remember = (state: AppState) => {
    if (shownId !== null && CLUSTER_VIEWS.has(state.activeView)) routes.set(shownId, routeOf(state));
  };

  const switchTo = (id: string) => {
    const before = routeOf(store.getState());
    clearClusterData(store);
    const target = routes.get(id) ?? emptyPlaceLike(before);
    // Settings is not about one cluster: it stays; anything else shows the new cluster's place.
    if (before.view !== 'settings') applyRoute(store, target);
    loadClusterData(store);
  };

  const onChange = (state: AppState) => {
    if (switching) return;
    const current = state.clusterCurrent;
    if (current === null) return;
    const id = selectActiveClusterId(state);
    if (shownId === null) {
      // The first state the host tells: the place the page opened on is this cluster's.
      shownId = id;
      shownState = current.state;
      remember(state);
      return;
    }
    if (id !== shownId) {
      shownId = id;
      shownState = current.state;
      switching = true;
      try {
        switchTo(id);
      } finally {
        switching = false;
      }
      remember(store.getState());
      return;
    }
    const cameUp = current.state === 'connected' && shownState !== 'connected';
    shownState = current.state;
    if (cameUp) {
      switching = true;
      try {
        loadClusterData(store);
      } finally {
        switching = false;
      }
    }
    remember(store.getState());
  };

  const unsubscribe = store.subscribe(onChange);
  onChange(store.getState());
  return {
    rememberedRoute: (clusterId) => routes.get(clusterId),
    stop: unsubscribe,
  };
}
