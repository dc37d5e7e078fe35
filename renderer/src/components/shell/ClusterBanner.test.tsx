import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { EMBEDDED_CLUSTER_ID } from '../../../../electron/contract';
import { AppStoreProvider } from '../../store/AppStoreProvider';
import type { AppState } from '../../store/app-state';
import { createAppStore } from '../../store/create-app-store';
import { clusterList, clusterState, fakeHostApi } from '../../test-support/fake-host-api';
import { ClusterBanner } from './ClusterBanner';

function render(state: ReturnType<typeof clusterState>, openError: string | null = null): string {
  const store = createAppStore(fakeHostApi());
  store.getState().receiveClusterList(clusterList(['staging'], state));
  store.setState({ clusterOpenError: openError });
  // A server render reads the store's initial state: render one that starts where this one is.
  const seeded = createStore<AppState>()(() => store.getState());
  return renderToStaticMarkup(
    <AppStoreProvider store={seeded}>
      <ClusterBanner />
    </AppStoreProvider>,
  ).replace(/<!-- -->/g, '');
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

describe('ClusterBanner', () => {
  it('says nothing while the cluster shown is connected or connecting', () => {
    expect(render(clusterState('staging'))).toBe('');
    expect(render(clusterState('staging', { state: 'connecting' }))).toBe('');
  });

  it('counts down to the next attempt while reconnecting, with the problem', () => {
    const html = render(clusterState('staging', { state: 'reconnecting', nextAttemptAt: Date.now() + 4_500, attempt: 2, problem: 'connection refused' }));
    expect(text(html)).toBe('Lost the connection to staging; reconnecting in 5 s (attempt 2) connection refused');
  });

  it('says why it could not connect, offering Retry and the way back to the local broker', () => {
    const html = render(clusterState('staging', { state: 'failed', problem: 'no broker answered' }));
    expect(text(html)).toBe('Could not connect to staging: no broker answered Retry Back to the local broker');
    expect(text(render(clusterState(EMBEDDED_CLUSTER_ID, { state: 'failed', problem: 'stopped' })))).toBe('Could not connect to Local broker: stopped Retry');
  });

  it('says an open the host refused outright, until dismissed', () => {
    expect(text(render(clusterState(EMBEDDED_CLUSTER_ID), 'Could not open the connection: no connection gone'))).toBe('Could not open the connection: no connection gone Dismiss');
  });
});
