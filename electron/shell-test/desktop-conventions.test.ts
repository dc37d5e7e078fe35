/**
 * What only Electron does for the desktop conventions, under the stand-in `electron`: the
 * single-instance lock asked for first (before ready, so before the broker and its data directory),
 * a second launch focusing the window and naming its flags, the application menu installed and
 * its items acting, the system's theme followed, and the window's bounds remembered across runs
 * (restored only while on a connected display).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { launchApp, type LaunchedApp } from './launched-app';
import type { ElectronCall } from './main-process';

const launched: LaunchedApp[] = [];
const scratchDirs: string[] = [];
afterEach(async () => {
  for (const app of launched.splice(0)) await app.dispose();
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function start(options: Parameters<typeof launchApp>[0] = {}): LaunchedApp {
  const app = launchApp(options);
  launched.push(app);
  return app;
}

async function startRunning(options: Parameters<typeof launchApp>[0] = {}): Promise<LaunchedApp> {
  const app = start(options);
  await app.main.ready();
  await app.running();
  return app;
}

async function quit(app: LaunchedApp): Promise<void> {
  await app.main.command('quit');
  expect(await app.main.exited, app.main.output()).toEqual({ code: 0, signal: null });
}

const callsTo = (calls: ElectronCall[], target: string, method: string) => calls.filter((call) => call.target === target && call.method === method);

describe('one instance', () => {
  it('asks for the single-instance lock before anything else, with its argv for the running instance', async () => {
    const app = start();
    const before = await app.main.calls();
    expect(before[0]).toMatchObject({ target: 'app', method: 'requestSingleInstanceLock' });
    expect(before[0].args[0]).toMatchObject({ argv: expect.arrayContaining(['--data-dir', app.dataDir, '--port', '0']) });
    expect(existsSync(app.dataDir)).toBe(false); // no broker yet: it starts on ready
    await app.main.ready();
    await app.running();
    const calls = await app.main.calls();
    expect(callsTo(calls, 'app', 'requestSingleInstanceLock')).toHaveLength(1);
    await quit(app);
  }, 60_000);

  it('brings the window back (restored when minimized) on a second launch and names its flags', async () => {
    const app = await startRunning();
    await app.main.command('minimizeWindow', { windowId: 1 });
    await app.main.command('secondInstance', {
      argv: ['/opt/Eddy/eddy', '--no-sandbox', '--port', '9093'],
      additionalData: { argv: ['/opt/Eddy/eddy', '--port', '9093', '--data-dir', '/tmp/elsewhere'] },
    });
    const calls = await app.main.calls();
    const minimizedAt = callsTo(calls, 'window 1', 'minimize')[0].seq;
    const restore = callsTo(calls, 'window 1', 'restore');
    const focus = callsTo(calls, 'window 1', 'focus');
    expect(restore).toHaveLength(1);
    expect(restore[0].seq).toBeGreaterThan(minimizedAt);
    expect(focus).toHaveLength(1);
    expect(focus[0].seq).toBeGreaterThan(restore[0].seq);
    expect(app.main.output()).toContain('a second launch of the app with --port 9093 --data-dir /tmp/elsewhere');
    // The user is told, in the running window, that those flags did not apply and what to do.
    const notice = callsTo(calls, 'dialog', 'showMessageBox');
    expect(notice).toHaveLength(1);
    expect(notice[0].seq).toBeGreaterThan(focus[0].seq);
    expect(JSON.stringify(notice[0].args)).toContain('launched again with --port 9093 --data-dir /tmp/elsewhere');
    expect(JSON.stringify(notice[0].args)).toContain('change them in Settings');
    // The running broker is untouched.
    expect(await app.call('broker.getStatus', {})).toMatchObject({ ok: true, value: { state: 'running', dataDir: app.dataDir } });
    await quit(app);
  }, 60_000);
});

describe('menu and theme', () => {
  it('installs the application menu once ready, and its items act', async () => {
    const app = await startRunning();
    let calls = await app.main.calls();
    const built = callsTo(calls, 'Menu', 'buildFromTemplate');
    expect(built).toHaveLength(1);
    const template = built[0].args[0] as { label?: string; submenu: { label?: string; role?: string }[] }[];
    const labels = template.map((menu) => menu.label?.replace('&', ''));
    expect(labels).toEqual(process.platform === 'darwin' ? ['Eddy', 'Edit', 'View', 'Go', 'Window', 'Help'] : ['File', 'Edit', 'View', 'Go', 'Window', 'Help']);
    expect(callsTo(calls, 'Menu', 'setApplicationMenu')).toHaveLength(1);
    expect(callsTo(calls, 'Menu', 'setApplicationMenu')[0].seq).toBeGreaterThan(callsTo(calls, 'stand-in', 'ready')[0].seq);

    await app.main.command('clickMenuItem', { path: ['Help', 'Documentation'] });
    await app.main.command('clickMenuItem', { path: process.platform === 'darwin' ? ['Eddy', 'About Eddy'] : ['Help', 'About Eddy'] });
    await app.main.command('clickMenuItem', { path: ['Go', 'Topics'] });
    calls = await app.main.calls();
    expect(callsTo(calls, 'shell', 'openExternal').map((call) => call.args[0])).toEqual(['https://eddy.dev/#readme']);
    const about = callsTo(calls, 'dialog', 'showMessageBox')[0];
    expect(about.args[0]).toBe('[BrowserWindow 1]');
    const aboutOptions = about.args[1] as { message: string; detail: string };
    expect(aboutOptions.message).toBe('Eddy');
    expect(aboutOptions.detail).toMatch(/^Version 0\.\d+\.\d+\nElectron .+\nNode \d+\.\d+\.\d+\nChromium .+$/);
    const modifier = process.platform === 'darwin' ? 'meta' : 'control';
    expect(callsTo(calls, 'webContents 1', 'sendInputEvent').map((call) => call.args[0])).toEqual([
      { type: 'keyDown', keyCode: '2', modifiers: [modifier] },
      { type: 'keyUp', keyCode: '2', modifiers: [modifier] },
    ]);
    await quit(app);
  }, 60_000);

  it("follows the system's theme, set before the window opens, and leaves the page's title alone", async () => {
    const app = await startRunning();
    const calls = await app.main.calls();
    const theme = callsTo(calls, 'nativeTheme', 'set themeSource');
    expect(theme.map((call) => call.args[0])).toEqual(['system']);
    expect(theme[0].seq).toBeLessThan(callsTo(calls, 'BrowserWindow', 'new')[0].seq);
    expect(calls.filter((call) => call.method === 'on' && call.args[0] === 'page-title-updated')).toEqual([]);
    await quit(app);
  }, 60_000);
});

describe('window bounds', () => {
  it('remembers size, position and maximized state across runs', async () => {
    const userDataDir = mkdtempSync(join(tmpdir(), 'eddy-shell-bounds-'));
    scratchDirs.push(userDataDir);
    const first = await startRunning({ userDataDir });
    const firstWindow = callsTo(await first.main.calls(), 'BrowserWindow', 'new')[0].args[0] as Record<string, unknown>;
    expect(firstWindow).toMatchObject({ width: 1280, height: 820 });
    expect(firstWindow.x).toBeUndefined(); // centred
    await first.main.command('setWindowBounds', { windowId: 1, bounds: { x: 140, y: 90, width: 1100, height: 700 } });
    await first.main.command('maximizeWindow', { windowId: 1 });
    await quit(first);
    const stateFile = join(userDataDir, 'window-state.json');
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toEqual({ bounds: { x: 140, y: 90, width: 1100, height: 700 }, maximized: true });

    const second = await startRunning({ userDataDir });
    const calls = await second.main.calls();
    expect(callsTo(calls, 'BrowserWindow', 'new')[0].args[0]).toMatchObject({ x: 140, y: 90, width: 1100, height: 700 });
    expect(callsTo(calls, 'window 1', 'maximize')).toHaveLength(1);
    expect(await second.main.command('windowBounds', { windowId: 1 })).toEqual({ bounds: { x: 140, y: 90, width: 1100, height: 700 }, maximized: true });
    await quit(second);
  }, 90_000);

  it('saves a move once the moving stops (debounced), while the app runs', async () => {
    const userDataDir = mkdtempSync(join(tmpdir(), 'eddy-shell-bounds-'));
    scratchDirs.push(userDataDir);
    const app = await startRunning({ userDataDir });
    for (const x of [10, 20, 30]) await app.main.command('setWindowBounds', { windowId: 1, bounds: { x, y: 40 } });
    const stateFile = join(userDataDir, 'window-state.json');
    const deadline = Date.now() + 10_000;
    while (!existsSync(stateFile) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({ bounds: { x: 30, y: 40 }, maximized: false });
    await quit(app);
  }, 60_000);

  it('opens centred at the default size when the saved bounds are on no connected display', async () => {
    const userDataDir = mkdtempSync(join(tmpdir(), 'eddy-shell-bounds-'));
    scratchDirs.push(userDataDir);
    // Saved on a second monitor to the right, which is gone now.
    writeFileSync(join(userDataDir, 'window-state.json'), JSON.stringify({ bounds: { x: 2400, y: 100, width: 1400, height: 900 }, maximized: false }));
    const app = await startRunning({ userDataDir, env: { EDDY_STAND_IN_DISPLAYS: JSON.stringify([{ x: 0, y: 0, width: 1920, height: 1040 }]) } });
    const options = callsTo(await app.main.calls(), 'BrowserWindow', 'new')[0].args[0] as Record<string, unknown>;
    expect(options).toMatchObject({ width: 1280, height: 820 });
    expect(options.x).toBeUndefined();
    expect(options.y).toBeUndefined();
    expect(await app.main.command('windowBounds', { windowId: 1 })).toEqual({ bounds: { x: 320, y: 110, width: 1280, height: 820 }, maximized: false });
    await quit(app);
  }, 60_000);
});
