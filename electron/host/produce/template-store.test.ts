import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BulkTemplate, ProduceSettings } from '../../contract';
import { TEMPLATES_FILE, TemplateStore } from './template-store';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const stateDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'eddy-templates-'));
  dirs.push(dir);
  return join(dir, 'state');
};

const template: BulkTemplate = { key: { text: 'k-{{index}}', encoding: 'text' }, value: { text: '{"n": {{index}}}', encoding: 'json' }, headers: [{ key: 'h', value: null }] };
const settings: ProduceSettings = { partitioner: 'murmur2', compression: 'gzip', acks: -1 };

describe('TemplateStore', () => {
  it('keeps templates per topic, sorted by name, a save under the same name replacing it, across a new store', async () => {
    const dir = stateDir();
    const store = new TemplateStore(dir);
    expect(await store.list('orders')).toEqual([]);
    await store.save('orders', 'zeta', template, settings);
    await store.save('orders', 'alpha', template, settings);
    await store.save('payments', 'alpha', { ...template, key: null }, { ...settings, acks: 1 });
    const replaced = await store.save('orders', 'zeta', { ...template, headers: [] }, settings);
    expect(replaced.map((saved) => saved.name)).toEqual(['alpha', 'zeta']);
    expect(replaced[1].template.headers).toEqual([]);

    const reopened = new TemplateStore(dir);
    expect((await reopened.list('orders')).map((saved) => [saved.name, saved.template.headers.length])).toEqual([
      ['alpha', 1],
      ['zeta', 0],
    ]);
    expect((await reopened.list('payments'))[0]).toMatchObject({ name: 'alpha', template: { key: null }, settings: { acks: 1 } });
    expect(await reopened.delete('orders', 'alpha')).toHaveLength(1);
    await expect(reopened.delete('orders', 'alpha')).rejects.toThrow('topic "orders" has no template named "alpha"');
    expect(readdirSync(dir)).toEqual([TEMPLATES_FILE]); // no temp file left behind
    expect(JSON.parse(readFileSync(join(dir, TEMPLATES_FILE), 'utf8')).version).toBe(1);
  });

  it('serializes concurrent saves (none lost)', async () => {
    const store = new TemplateStore(stateDir());
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.save('t', `n${String(i).padStart(2, '0')}`, template, settings)));
    expect(await new TemplateStore(store.file.replace(`/${TEMPLATES_FILE}`, '')).list('t')).toHaveLength(20);
  });

  it('moves an unreadable file aside instead of overwriting it', async () => {
    const dir = stateDir();
    const store = new TemplateStore(dir);
    await store.save('t', 'a', template, settings);
    writeFileSync(store.file, '{ not json');
    const fresh = new TemplateStore(dir);
    expect(await fresh.list('t')).toEqual([]);
    await fresh.save('t', 'b', template, settings);
    expect(readdirSync(dir).some((name) => name.startsWith(`${TEMPLATES_FILE}.unreadable-`))).toBe(true);
    expect(existsSync(store.file)).toBe(true);
  });
});
