import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit';

/** A sync whose completion the test controls. */
function controlledSyncs() {
  const rounds: { upTo: number; finish: () => void; fail: (error: Error) => void }[] = [];
  let end = 0;
  const start = () => {
    let finish!: () => void;
    let fail!: (error: Error) => void;
    const done = new Promise<void>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
    rounds.push({ upTo: end, finish, fail });
    return { upTo: end, done };
  };
  return { rounds, start, setEnd: (offset: number) => (end = offset) };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('resolves at once what is already durable', async () => {
    const syncs = controlledSyncs();
    const commit = new GroupCommit(10, syncs.start, () => {});
    await commit.waitFor(10);
    expect(syncs.rounds).toHaveLength(0);
  });

  it('lets every waiter of one event-loop turn share one sync', async () => {
    const syncs = controlledSyncs();
    const commit = new GroupCommit(0, syncs.start, () => {});
    syncs.setEnd(30);
    const resolved: number[] = [];
    const waits = [10, 20, 30].map((upTo) => commit.waitFor(upTo).then(() => resolved.push(upTo)));
    await turn();
    expect(syncs.rounds).toHaveLength(1);
    syncs.rounds[0].finish();
    await Promise.all(waits);
    expect(resolved).toEqual([10, 20, 30]);
    expect(commit.durableOffset).toBe(30);
    expect(commit.rounds).toBe(1);
  });

  it('makes waiters that arrive during a sync wait for the next one, which they share', async () => {
    const syncs = controlledSyncs();
    const commit = new GroupCommit(0, syncs.start, () => {});
    syncs.setEnd(5);
    const first = commit.waitFor(5);
    await turn();
    syncs.setEnd(9);
    let laterDone = 0;
    const later = [7, 9].map((upTo) => commit.waitFor(upTo).then(() => laterDone++));
    syncs.rounds[0].finish();
    await first;
    expect(laterDone).toBe(0);
    await turn();
    expect(syncs.rounds).toHaveLength(2);
    expect(syncs.rounds[1].upTo).toBe(9);
    syncs.rounds[1].finish();
    await Promise.all(later);
    expect(laterDone).toBe(2);
  });

  it('rejects every waiter and reports a failed sync', async () => {
    const syncs = controlledSyncs();
    const failures: unknown[] = [];
    const commit = new GroupCommit(0, syncs.start, (error) => failures.push(error));
    syncs.setEnd(3);
    const waits = [commit.waitFor(2), commit.waitFor(3)].map((wait) => wait.then(() => 'ok', (error: Error) => error.message));
    await turn();
    syncs.rounds[0].fail(new Error('EIO'));
    expect(await Promise.all(waits)).toEqual(['EIO', 'EIO']);
    expect(failures).toHaveLength(1);
    expect(commit.durableOffset).toBe(0);
  });
});
