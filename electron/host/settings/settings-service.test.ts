/**
 * Unit tests of the settings service with real files in a temp folder: validation of every field
 * (nothing saved when any is invalid), the atomic save, a corrupt file (copied aside, defaults
 * used, no crash), flags winning over settings, which saved values need a restart, and data
 * directory changes (move, fresh, a failed move put back) applied at the next start.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContractEvent } from '../../contract';
import { HostRefusal } from '../host-refusal';
import { createSettingsService, type SettingsServiceOptions } from './settings-service';

let root: string;
let file: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'eddy-settings-'));
  file = join(root, 'Eddy', 'settings.json');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function service(overrides: Partial<SettingsServiceOptions> = {}) {
  return createSettingsService({
    file,
    flags: {},
    defaults: { port: 9092, dataDir: join(root, 'Eddy', 'data') },
    runningPort: () => null,
    isPortFree: async (port) => port !== 9999,
    localAddresses: () => ['127.0.0.1', '::1', '192.168.1.20'],
    ...overrides,
  });
}

const savedFile = () => JSON.parse(readFileSync(file, 'utf8')) as { broker: Record<string, unknown> };

describe('settings service', () => {
  it('starts from the defaults, each marked as such', async () => {
    const view = await service().handlers['settings.get']({});
    expect(view.port).toEqual({ value: 9092, source: 'default', flag: null });
    expect(view.dataDir).toMatchObject({ value: join(root, 'Eddy', 'data'), source: 'default' });
    expect(view.listenAddress).toMatchObject({ value: '', source: 'default' });
    expect(view.configs.find((config) => config.name === 'log.retention.ms')).toMatchObject({ value: '604800000', source: 'default', default: '604800000' });
    expect(view.loadProblem).toBeNull();
    expect(view.pendingRestart).toEqual([]);
  });

  it('saves valid changes atomically, in canonical form, and uses them for the next start', async () => {
    const settings = service();
    const result = await settings.handlers['settings.update']({ port: 9500, listenAddress: '0.0.0.0', config: { 'log.retention.ms': ' 3600000 ', 'auto.create.topics.enable': 'FALSE' } });

    expect(result.ok).toBe(true);
    expect(savedFile().broker).toEqual({ port: 9500, listenAddress: '0.0.0.0', config: { 'log.retention.ms': '3600000', 'auto.create.topics.enable': 'false' } });
    expect(readdirSync(join(root, 'Eddy'))).toEqual(['settings.json']);
    expect(settings.current()).toMatchObject({ port: 9500, host: '0.0.0.0', config: { 'log.retention.ms': '3600000' } });
    const reread = await service().handlers['settings.get']({});
    expect(reread.port).toMatchObject({ value: 9500, source: 'settings' });
  });

  it('rejects every invalid field at once, naming what is allowed, and saves nothing', async () => {
    const settings = service();
    await settings.handlers['settings.update']({ config: { 'num.partitions': '3' } });
    const before = readFileSync(file, 'utf8');

    const result = await settings.handlers['settings.update']({
      port: 70000,
      listenAddress: 'example',
      config: { 'log.retention.ms': 'soon', 'no.such.config': '1', 'num.partitions': '4' },
    });

    expect(result).toEqual({
      ok: false,
      errors: {
        port: 'port 70000 is out of range: use a whole number from 1 to 65535',
        listenAddress: '"example" is not an IP address: leave it empty for loopback (127.0.0.1 and ::1), or use 0.0.0.0 for every interface',
        'config.log.retention.ms': 'invalid value "soon" for broker config log.retention.ms: expected an integer from -1 to 9223372036854775807',
        'config.no.such.config': 'unknown broker config "no.such.config"',
      },
    });
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(settings.current().config).toEqual({ 'num.partitions': '3' });
  });

  it('refuses a port another program holds, and an address that is not this machine’s', async () => {
    const result = await service().handlers['settings.update']({ port: 9999, listenAddress: '10.9.9.9' });
    expect(result).toEqual({
      ok: false,
      errors: {
        port: 'port 9999 is already in use by another program: pick another (Pick a free port finds one)',
        listenAddress: '10.9.9.9 is not an address of this machine (it has 127.0.0.1, ::1, 192.168.1.20)',
      },
    });
    expect(existsSync(file)).toBe(false);
  });

  it('lets flags win: their values are shown as set by them and cannot be changed', async () => {
    const settings = service({ flags: { port: 0, dataDir: join(root, 'flag-data'), config: { 'num.partitions': '2' } } });
    const view = await settings.handlers['settings.get']({});
    expect(view.port).toEqual({ value: 0, source: 'flag', flag: '--port 0' });
    expect(view.dataDir).toMatchObject({ source: 'flag', flag: `--data-dir ${join(root, 'flag-data')}` });
    expect(view.configs.find((config) => config.name === 'num.partitions')).toMatchObject({ value: '2', source: 'flag', flag: '--config num.partitions=2' });

    const result = await settings.handlers['settings.update']({ port: 9500, config: { 'num.partitions': '5' } });
    expect(result).toMatchObject({ ok: false, errors: { port: 'set by --port 0 on the command line, which wins over settings', 'config.num.partitions': 'set by --config num.partitions=2 on the command line, which wins over settings' } });
    expect(await settings.rememberPort(9500)).toBe(false);
    expect(existsSync(file)).toBe(false);
  });

  it('says which saved values need a restart until the next start uses them', async () => {
    let port: number | null = null;
    const settings = service({ runningPort: () => port });
    await settings.prepare();
    port = 9092;
    const events: ContractEvent[] = [];
    settings.onEvent((event) => events.push(event));

    const result = await settings.handlers['settings.update']({ port: 9500, config: { 'log.retention.ms': '1000' } });

    expect(result).toMatchObject({ ok: true, restartNeeded: true, settings: { pendingRestart: ['port', 'config.log.retention.ms'] } });
    expect(events.at(-1)).toMatchObject({ event: 'settings.changed', payload: { pendingRestart: ['port', 'config.log.retention.ms'] } });
    await settings.prepare();
    expect((await settings.handlers['settings.get']({})).pendingRestart).toEqual([]);
  });

  it('keeps a corrupt file: copied aside, defaults used, the problem said; the next save replaces it', async () => {
    mkdirSync(join(root, 'Eddy'), { recursive: true });
    writeFileSync(file, '{"version": 1, "broker": {"port": ');
    const settings = service();

    const view = await settings.handlers['settings.get']({});

    const backups = readdirSync(join(root, 'Eddy')).filter((name) => name.startsWith('settings.json.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(root, 'Eddy', backups[0]), 'utf8')).toBe('{"version": 1, "broker": {"port": ');
    expect(view.loadProblem).toContain('is not valid JSON');
    expect(view.loadProblem).toContain(backups[0]);
    expect(view.port.value).toBe(9092);

    await settings.handlers['settings.update']({ port: 9500 });
    expect(savedFile().broker).toEqual({ port: 9500 });
    expect((await settings.handlers['settings.get']({})).loadProblem).toBeNull();
  });

  it('treats a file of the wrong shape as corrupt too', async () => {
    mkdirSync(join(root, 'Eddy'), { recursive: true });
    writeFileSync(file, '{"version": 1, "broker": {"port": "ninety"}}');
    const view = await service().handlers['settings.get']({});
    expect(view.loadProblem).toMatch(/is not Eddy's settings \(broker\.port: /);
  });

  it('refuses a data directory that is not empty, holds another broker’s data, is relative or cannot be created', async () => {
    const other = join(root, 'other-broker');
    mkdirSync(other);
    writeFileSync(join(other, 'meta.properties'), 'version=1\ncluster.id=abc123\nnode.id=1\n');
    const busy = join(root, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'notes.txt'), 'x');
    writeFileSync(join(root, 'a-file'), 'x');
    const settings = service();

    const errors = async (path: string) => {
      const result = await settings.handlers['settings.update']({ dataDir: { path, mode: 'move' } });
      return result.ok ? null : result.errors.dataDir;
    };

    expect(await errors(other)).toBe(`${other} holds another broker's data (cluster abc123): choose an empty or new folder; nothing there is touched`);
    expect(await errors(busy)).toBe(`${busy} is not empty (1 entries): choose an empty or new folder`);
    expect(await errors('relative/dir')).toMatch(/is not a full path/);
    expect(await errors(join(root, 'a-file', 'data'))).toBe(`${join(root, 'a-file', 'data')} cannot be created: ${join(root, 'a-file')} is a file, not a folder`);
    expect(await errors(join(root, 'Eddy', 'data', 'inner'))).toMatch(/is inside the current data directory/);
    expect(existsSync(file)).toBe(false);
  });

  it('moves the data directory at the next start and says so', async () => {
    const from = join(root, 'Eddy', 'data');
    mkdirSync(from, { recursive: true });
    writeFileSync(join(from, 'meta.properties'), 'cluster.id=abc\n');
    const to = join(root, 'moved', 'data');
    const settings = service();

    const result = await settings.handlers['settings.update']({ dataDir: { path: to, mode: 'move' } });
    expect(result).toMatchObject({ ok: true, settings: { dataDirNote: `At the next start, the data in ${from} moves to ${to}.` } });
    expect(existsSync(join(from, 'meta.properties'))).toBe(true);

    const plan = await settings.prepare();

    expect(plan.dataDir).toBe(to);
    expect(readFileSync(join(to, 'meta.properties'), 'utf8')).toBe('cluster.id=abc\n');
    expect(existsSync(from)).toBe(false);
    expect((await settings.handlers['settings.get']({})).dataDirNote).toBe(`The data was moved from ${from} to ${to}.`);
  });

  it('starts fresh in a new directory, keeping the old one where it is', async () => {
    const from = join(root, 'Eddy', 'data');
    mkdirSync(from, { recursive: true });
    writeFileSync(join(from, 'meta.properties'), 'cluster.id=abc\n');
    const to = join(root, 'fresh');
    const settings = service();

    await settings.handlers['settings.update']({ dataDir: { path: to, mode: 'fresh' } });
    const plan = await settings.prepare();

    expect(plan.dataDir).toBe(to);
    expect(existsSync(join(from, 'meta.properties'))).toBe(true);
    expect((await settings.handlers['settings.get']({})).dataDirNote).toContain(`The previous data directory ${from} is kept where it is, untouched`);
  });

  it('puts the old data directory back when the move fails, losing nothing', async () => {
    const from = join(root, 'Eddy', 'data');
    mkdirSync(from, { recursive: true });
    writeFileSync(join(from, 'meta.properties'), 'cluster.id=abc\n');
    const to = join(root, 'target');
    const settings = service();
    await settings.handlers['settings.update']({ dataDir: { path: to, mode: 'move' } });
    mkdirSync(to);
    writeFileSync(join(to, 'late-arrival'), 'x');

    const plan = await settings.prepare();

    expect(plan.dataDir).toBe(from);
    expect(existsSync(join(from, 'meta.properties'))).toBe(true);
    const view = await settings.handlers['settings.get']({});
    expect(view.dataDir).toMatchObject({ value: from, source: 'default' });
    expect(view.dataDirNote).toContain('could not be moved');
  });

  it('remembers a port from "Use port N", and refuses a save it cannot write without changing anything', async () => {
    const settings = service();
    expect(await settings.rememberPort(9601)).toBe(true);
    expect(savedFile().broker).toEqual({ port: 9601 });

    const blocked = createSettingsService({ file: join(root, 'a-file-parent', 'settings.json'), flags: {}, defaults: { port: 9092, dataDir: join(root, 'd') }, runningPort: () => null, isPortFree: async () => true });
    writeFileSync(join(root, 'a-file-parent'), 'x');
    await expect(blocked.handlers['settings.update']({ port: 9700 })).rejects.toBeInstanceOf(HostRefusal);
    expect(blocked.current().port).toBe(9092);
  });
});
