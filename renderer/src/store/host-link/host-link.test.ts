import { describe, expect, it } from 'vitest';
import { fakeHostApi } from '../../test-support/fake-host-api';
import { createAppStore } from '../create-app-store';
import { selectHostLinkDetail, selectHostLinkStatus } from './selectors';

describe('host-link slice', () => {
  it('starts connecting and follows what it is told', () => {
    const store = createAppStore(fakeHostApi());
    expect(selectHostLinkStatus(store.getState())).toBe('connecting');

    store.getState().receiveHostLink({ status: 'disconnected', detail: 'retrying in 2 s' });

    expect(selectHostLinkStatus(store.getState())).toBe('disconnected');
    expect(selectHostLinkDetail(store.getState())).toBe('retrying in 2 s');
  });
});
