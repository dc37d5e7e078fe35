import { describe, expect, it } from 'vitest';
import { fakeHostApi } from '../../test-support/fake-host-api';
import { createAppStore } from '../create-app-store';
import { selectActiveView } from './selectors';

describe('navigation slice', () => {
  it('starts on the Broker view and switches to what it is told', () => {
    const store = createAppStore(fakeHostApi());
    expect(selectActiveView(store.getState())).toBe('broker');

    store.getState().showView('topics');

    expect(selectActiveView(store.getState())).toBe('topics');
  });
});
