import { describe, expect, it } from 'vitest';
import { latestRead } from './latest-read';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('latestRead', () => {
  it('applies only the newest read when answers arrive out of order', async () => {
    const reads = latestRead();
    const applied: string[] = [];
    const outcome = { ok: (value: string) => void applied.push(value), failed: () => applied.push('failed'), thrown: () => applied.push('thrown') };
    const older = deferred<{ ok: true; value: string }>();
    const newer = deferred<{ ok: true; value: string }>();
    const first = reads.run(() => older.promise, () => true, outcome);
    const second = reads.run(() => newer.promise, () => true, outcome);
    newer.resolve({ ok: true, value: 'newer' });
    older.resolve({ ok: true, value: 'older' });
    await Promise.all([first, second]);
    expect(applied).toEqual(['newer']);
  });

  it('drops an answer no longer wanted, and everything in flight after supersede()', async () => {
    const reads = latestRead();
    const applied: string[] = [];
    const outcome = { ok: (value: string) => void applied.push(value), failed: () => applied.push('failed'), thrown: () => applied.push('thrown') };
    await reads.run(async () => ({ ok: true as const, value: 'unwanted' }), () => false, outcome);
    const pending = deferred<{ ok: true; value: string }>();
    const running = reads.run(() => pending.promise, () => true, outcome);
    reads.supersede();
    pending.resolve({ ok: true, value: 'superseded' });
    await running;
    await reads.run(async () => { throw new Error('offline'); }, () => true, outcome);
    expect(applied).toEqual(['thrown']);
  });
});
