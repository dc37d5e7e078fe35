import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ReplayLedger, parseLedgerLine, type LedgerChange } from './replay-ledger';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const stateDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'eddy-ledger-'));
  dirs.push(dir);
  return join(dir, 'state');
};

const replayed = (partition: number, offset: number, to: number, at = 1_000): LedgerChange => ({ partition, offset, mark: { state: 'replayed', at, to: { topic: 'orders', partition, offset: to } } });
const discarded = (partition: number, offset: number, at = 2_000): LedgerChange => ({ partition, offset, mark: { state: 'discarded', at } });

describe('ReplayLedger', () => {
  it('remembers replays and discards across a new ledger on the same state dir, the latest mark winning', async () => {
    const dir = stateDir();
    const changed: string[] = [];
    const ledger = new ReplayLedger(dir, (topic) => changed.push(topic));
    const orders = await ledger.open('orders.dlq', 'id-1');
    await orders.append([replayed(0, 1, 100), replayed(0, 2, 101), discarded(1, 5)]);
    await orders.append([replayed(1, 5, 7, 3_000)]); // a discarded one replayed after all
    expect(changed).toEqual(['orders.dlq', 'orders.dlq']);
    expect(orders.mark(1, 5)).toEqual({ state: 'replayed', at: 3_000, to: { topic: 'orders', partition: 1, offset: 7 } });
    await ledger.close();

    const reopened = await new ReplayLedger(dir).open('orders.dlq', 'id-1');
    expect(reopened.mark(0, 1)).toEqual({ state: 'replayed', at: 1_000, to: { topic: 'orders', partition: 0, offset: 100 } });
    expect(reopened.mark(1, 5)?.state).toBe('replayed');
    expect(reopened.mark(0, 3)).toBeUndefined();
    // Counted only within the partitions' ranges now.
    expect(reopened.counts([{ partition: 0, logStartOffset: 0, highWatermark: 10 }, { partition: 1, logStartOffset: 0, highWatermark: 10 }])).toEqual(expect.objectContaining({ replayed: 3, discarded: 0 }));
    expect(reopened.counts([{ partition: 0, logStartOffset: 2, highWatermark: 10 }])).toEqual(expect.objectContaining({ replayed: 1, discarded: 0 }));
  });

  it('ignores and cuts off a torn last line, and appends after it cleanly', async () => {
    const dir = stateDir();
    const ledger = new ReplayLedger(dir);
    const orders = await ledger.open('orders.dlq', null);
    await orders.append([replayed(0, 1, 100), discarded(0, 2)]);
    await ledger.close();
    appendFileSync(ledger.fileOf('orders.dlq'), '{"partition":0,"offset":3,"state":"repl');

    const reopened = new ReplayLedger(dir);
    const again = await reopened.open('orders.dlq', null);
    expect(again.mark(0, 3)).toBeUndefined();
    expect(again.mark(0, 2)?.state).toBe('discarded');
    await again.append([discarded(0, 4)]);
    await reopened.close();

    const lines = readFileSync(ledger.fileOf('orders.dlq'), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.slice(1).map((line) => parseLedgerLine(line))).toEqual([replayed(0, 1, 100), discarded(0, 2), discarded(0, 4)]);
    const third = await new ReplayLedger(dir).open('orders.dlq', null);
    expect(third.mark(0, 4)?.state).toBe('discarded');
  });

  it('writes appends made at once in group commits, each resolved once written', async () => {
    const dir = stateDir();
    const ledger = new ReplayLedger(dir);
    const orders = await ledger.open('orders.dlq', null);
    await Promise.all(Array.from({ length: 200 }, (_, i) => orders.append([replayed(0, i, 1000 + i)])));
    const lines = readFileSync(ledger.fileOf('orders.dlq'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(201); // the header and 200 marks
    expect(new Set(lines.slice(1).map((line) => parseLedgerLine(line)?.offset)).size).toBe(200);
  });

  it('moves aside a ledger written for an earlier topic of the same name', async () => {
    const dir = stateDir();
    const ledger = new ReplayLedger(dir);
    await (await ledger.open('orders.dlq', 'old-id')).append([replayed(0, 0, 1)]);
    await ledger.close();
    const fresh = await new ReplayLedger(dir).open('orders.dlq', 'new-id');
    expect(fresh.mark(0, 0)).toBeUndefined();
    expect(readdirSync(join(dir, 'dlq-ledger')).some((name) => name.startsWith('orders.dlq.jsonl.stale-'))).toBe(true);
    const same = await new ReplayLedger(dir).open('orders.dlq', null);
    expect(same.mark(0, 0)).toBeUndefined();
  });

  it('refuses appends once its file could not be written', async () => {
    const dir = stateDir();
    const ledger = new ReplayLedger(dir);
    const orders = await ledger.open('orders.dlq', null);
    mkdirSync(ledger.fileOf('orders.dlq')); // the file's place taken by a folder
    await expect(orders.append([replayed(0, 0, 1)])).rejects.toThrow(/could not be written/);
    await expect(orders.append([replayed(0, 1, 2)])).rejects.toThrow(/could not be written/);
    expect(existsSync(join(ledger.fileOf('orders.dlq'), 'x'))).toBe(false);
  });
});
