/**
 * The built main process (dist/main/index.js) under the stand-in `electron`: what it registers
 * with Electron and how what it registered answers. One app run for the file: made ready, broker
 * running on a free port, quit at the end.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contractResultSchema,
  methodChannel,
  methodNames,
  rendererContentSecurityPolicy,
  type BrokerStatus,
  type ContractFailure,
  type TopicList,
} from '../contract';
import { launchApp, type LaunchedApp } from './launched-app';
import type { ElectronCall, SenderFrame } from './main-process';

let app: LaunchedApp;
let calls: ElectronCall[];

beforeAll(async () => {
  app = launchApp();
  await app.main.ready();
  await app.running();
  calls = await app.main.calls();
}, 60_000);

afterAll(async () => {
  try {
    await app.main.command('quit');
    await app.main.exited;
  } finally {
    await app.dispose(); // also after a failed start: no process or temp dir left behind
  }
}, 30_000);

const callsTo = (target: string, ...methods: string[]) => calls.filter((call) => call.target === target && methods.includes(call.method));
const readyAt = () => callsTo('stand-in', 'ready')[0].seq;

describe('IPC', () => {
  it('registers one handler per contract method, on its channel from ipc-channels.ts, and nothing else', () => {
    const handled = callsTo('ipcMain', 'handle', 'handleOnce').map((call) => call.args[0]);
    expect([...handled].sort()).toEqual(methodNames.map((method) => methodChannel(method)).sort());
    expect(callsTo('ipcMain', 'on', 'once', 'prependListener')).toEqual([]);
  });

  it('answers a payload that fails its schema with a typed INVALID_PAYLOAD error, for every method, and keeps serving', async () => {
    for (const method of methodNames) {
      const result = await app.call(method, 42);
      expect(contractResultSchema.parse(result), method).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
      expect((result as ContractFailure).error.issues?.length, method).toBeGreaterThan(0);
    }
    const tooLarge = (await app.call('broker.listConnections', { limit: 0 })) as ContractFailure;
    expect(tooLarge.error.code).toBe('INVALID_PAYLOAD');
    expect(tooLarge.error.issues?.join('\n')).toMatch(/^limit: /m);
    expect(await app.call('broker.getStatus', {})).toMatchObject({ ok: true, value: { state: 'running' } });
  });

  it('refuses calls from any frame but the app page, before they reach the host', async () => {
    const foreignFrames: SenderFrame[] = [
      { url: 'https://example.com/' },
      { url: 'file:///tmp/other-page.html' },
      { url: app.pageUrl, subframe: true },
      null,
    ];
    for (const [index, frame] of foreignFrames.entries()) {
      const name = `from-a-foreign-frame-${index}`;
      const result = await app.call('topics.create', { name, partitions: 1 }, frame);
      expect(contractResultSchema.parse(result), JSON.stringify(frame)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    // The same call from the app's page works, so the refusals were the frame check's.
    expect(await app.call('topics.create', { name: 'from-the-app-page', partitions: 1 })).toMatchObject({ ok: true });
    const listed = await app.call('topics.list', {});
    if (!listed.ok) throw new Error(`topics.list failed: ${listed.error.message}`);
    expect((listed.value as TopicList).topics.map((topic) => topic.name).filter((name) => name.startsWith('from-'))).toEqual(['from-the-app-page']);
  });
});

describe('broker control', () => {
  it('opens the data directory in the platform file manager (Electron shell.openPath), and only that', async () => {
    const status = await app.call('broker.getStatus', {});
    if (!status.ok) throw new Error(`broker.getStatus failed: ${status.error.message}`);
    const dataDir = (status.value as BrokerStatus).dataDir;

    const opened = await app.call('broker.openDataDir', {});

    expect(opened).toEqual({ ok: true, value: { path: dataDir } });
    const openPaths = (await app.main.calls()).filter((call) => call.target === 'shell' && call.method === 'openPath');
    expect(openPaths.map((call) => call.args[0])).toEqual([dataDir]);
  });
});

describe('windows', () => {
  it('turns on the sandbox for every renderer before the app is ready', () => {
    const [enableSandbox] = callsTo('app', 'enableSandbox');
    expect(enableSandbox).toBeDefined();
    expect(enableSandbox.seq).toBeLessThan(readyAt());
  });

  it('opens its window context-isolated, sandboxed, without Node, with the built preload, on its own page', () => {
    const windows = callsTo('BrowserWindow', 'new');
    expect(windows).toHaveLength(1);
    for (const window of windows) {
      const webPreferences = (window.args[0] as { webPreferences?: Record<string, unknown> }).webPreferences ?? {};
      expect(webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
      expect(webPreferences.nodeIntegrationInSubFrames).not.toBe(true);
      expect(webPreferences.nodeIntegrationInWorker).not.toBe(true);
      expect(webPreferences.webviewTag).not.toBe(true);
      expect(webPreferences.preload).toBe(join(app.appDir, 'dist/preload/index.cjs'));
      expect(existsSync(webPreferences.preload as string)).toBe(true);
    }
    expect(callsTo('window 1', 'loadURL').map((call) => call.args[0])).toEqual([app.pageUrl]);
  });

  it('puts the contract CSP on every response before the page loads, and the page carries it too', async () => {
    const [onHeaders] = callsTo('session.webRequest', 'onHeadersReceived');
    expect(onHeaders).toBeDefined();
    expect(onHeaders.seq).toBeLessThan(callsTo('window 1', 'loadURL')[0].seq);
    const answer = await app.main.command<{ listener: boolean; response: { responseHeaders?: Record<string, string[]>; cancel?: boolean } | null }>(
      'responseHeaders',
      { url: app.pageUrl, responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src *; script-src * 'unsafe-inline'"] } },
    );
    expect(answer.listener).toBe(true);
    expect(answer.response?.cancel).not.toBe(true);
    expect(answer.response?.responseHeaders?.['Content-Security-Policy']).toEqual([rendererContentSecurityPolicy()]);
    expect(answer.response?.responseHeaders?.['Content-Type']).toEqual(['text/html']);

    // On file:// there are no response headers: the built page's <meta> tag is what applies.
    const page = readFileSync(join(app.appDir, 'dist/renderer/index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(page)?.[1]?.replaceAll('&#39;', "'").replaceAll('&apos;', "'");
    expect(meta).toBe(rendererContentSecurityPolicy({ delivery: 'meta' }));
  });

  it('refuses every permission but writing to the clipboard', async () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      expect(await app.main.command('permission', { permission }), permission).toEqual({ requestHandler: true, requested: false, checkHandler: true, checked: false });
    }
    expect(await app.main.command('permission', { permission: 'clipboard-sanitized-write' })).toEqual({ requestHandler: true, requested: true, checkHandler: true, checked: true });
  });
});

describe('navigation', () => {
  it('guards every web contents from before the first window exists', () => {
    const guards = callsTo('app', 'on').filter((call) => call.args[0] === 'web-contents-created');
    expect(guards).toHaveLength(1);
    expect(guards[0].seq).toBeLessThan(readyAt());
  });

  const webContentsIds = async () => [1, (await app.main.command<{ webContentsId: number }>('createWebContents')).webContentsId];

  it('blocks navigation away from the app page and every redirect, in the window and in any later web contents', async () => {
    for (const webContentsId of await webContentsIds()) {
      for (const url of ['https://example.com/', 'file:///etc/passwd', 'http://localhost:5173/']) {
        expect(await app.main.command('navigate', { webContentsId, url }), url).toEqual({ prevented: true });
      }
      expect(await app.main.command('navigate', { webContentsId, url: `${app.pageUrl}#/topics` })).toEqual({ prevented: false });
      expect(await app.main.command('redirect', { webContentsId, url: app.pageUrl })).toEqual({ prevented: true });
    }
  });

  it('opens no new windows and attaches no webviews', async () => {
    for (const webContentsId of await webContentsIds()) {
      for (const url of ['https://example.com/', app.pageUrl]) {
        expect(await app.main.command('openWindow', { webContentsId, url }), url).toEqual({ handler: true, response: { action: 'deny' } });
      }
      expect(await app.main.command('attachWebview', { webContentsId, src: app.pageUrl })).toEqual({ prevented: true });
    }
  });
});
