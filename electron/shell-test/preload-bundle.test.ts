/**
 * The built preload (dist/preload/index.cjs) loaded as a sandboxed renderer loads it (see
 * preload-sandbox.ts): it asks only for what the sandbox has, exposes exactly the contract as
 * `window.api` and no way to reach any other channel; and, connected to the built main process,
 * the page's calls and subscriptions reach main's handlers and events.
 */
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, inject, it } from 'vitest';
import {
  contractResultSchema,
  eventChannel,
  eventNames,
  methodChannel,
  methodNames,
  type BrokerStatus,
  type ContractBridgeApi,
  type ContractResult,
} from '../contract';
import { bridgeShapeOf, expectedBridgeShape } from './bridge-shape';
import { launchApp } from './launched-app';
import { loadSandboxedPreload, type PreloadWorld } from './preload-sandbox';

const preloadPath = () => join(inject('builtAppDir'), 'dist/preload/index.cjs');

/** The preload against a main process that answers nothing but records what was asked. */
function recordedPreload(): { world: PreloadWorld; api: ContractBridgeApi } {
  const world = loadSandboxedPreload(preloadPath(), { invoke: async () => ({ ok: true, value: null }) });
  return { world, api: world.exposed[0]?.api as ContractBridgeApi };
}

/** Every value reachable from `root` (own properties, depth first). */
function reachable(root: unknown, seen = new Set<unknown>()): Set<unknown> {
  if (root === null || (typeof root !== 'object' && typeof root !== 'function') || seen.has(root)) return seen;
  seen.add(root);
  for (const key of Reflect.ownKeys(root)) reachable((root as Record<PropertyKey, unknown>)[key], seen);
  return seen;
}

describe('the preload alone', () => {
  it("requires nothing but what Electron's preload sandbox provides", () => {
    const { world } = recordedPreload();
    expect(world.required.filter((id) => !['electron', 'events', 'timers', 'url', 'node:events', 'node:timers', 'node:url'].includes(id))).toEqual([]);
  });

  it("exposes exactly the contract's domains and `on` as window.api, once, with exposeInMainWorld", () => {
    const { world, api } = recordedPreload();
    expect(world.exposed.map(({ method, key }) => ({ method, key }))).toEqual([{ method: 'exposeInMainWorld', key: 'api' }]);
    expect(bridgeShapeOf(api)).toEqual(expectedBridgeShape());
    // The same description evaluated from its source in a fresh global, as the Electron window spec does in the page.
    expect(runInNewContext(`(${bridgeShapeOf.toString()})(api)`, { api })).toEqual(expectedBridgeShape());
  });

  it('gives each function its own method channel whatever it is called with, and hands the page nothing of ipcRenderer', async () => {
    const { world, api } = recordedPreload();
    for (const method of methodNames) {
      const [domain, action] = method.split(/\.(.*)/s);
      const call = (api as unknown as Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>)[domain][action];
      await call('eddy:method:topics.delete', { name: 'orders' });
      expect(world.ipcCalls.at(-1), method).toEqual({ method: 'invoke', channel: methodChannel(method), args: ['eddy:method:topics.delete'] });
    }
    expect(world.ipcCalls.filter((call) => call.method !== 'invoke')).toEqual([]);
    const ipcRendererParts = new Set<unknown>([world.ipcRenderer, ...Object.values(world.ipcRenderer)]);
    expect([...reachable(api)].filter((value) => ipcRendererParts.has(value))).toEqual([]);
  });

  it('subscribes to contract events only, each on its own channel, and unsubscribes', () => {
    const { world, api } = recordedPreload();
    for (const event of eventNames) {
      const received: unknown[] = [];
      const unsubscribe = api.on(event, (payload) => received.push(payload));
      expect(world.ipcCalls.at(-1), event).toMatchObject({ method: 'on', channel: eventChannel(event) });
      world.deliver(eventChannel(event), { first: true });
      unsubscribe();
      world.deliver(eventChannel(event), { second: true });
      expect(received, event).toEqual([{ first: true }]);
    }
    const callsBefore = world.ipcCalls.length;
    const subscribeAny = api.on as (event: string, listener: () => void) => () => void;
    for (const notAnEvent of ['eddy:method:topics.delete', 'topics.delete', 'not.an.event', '__proto__']) {
      expect(() => subscribeAny(notAnEvent, () => {}), notAnEvent).toThrow(/not an event of the Eddy contract/);
    }
    expect(world.ipcCalls).toHaveLength(callsBefore);
  });
});

it('connected to the built main process, the page calls the host and gets its events through the preload', async () => {
  const app = launchApp();
  try {
    await app.main.ready();
    const [window] = (await app.main.calls()).filter((call) => call.target === 'BrowserWindow' && call.method === 'new');
    const preload = (window.args[0] as { webPreferences: { preload: string } }).webPreferences.preload;
    const world = loadSandboxedPreload(preload, {
      async invoke(channel, payload) {
        const outcome = await app.main.invoke(channel, payload, app.pageFrame);
        if (outcome.error !== undefined) throw new Error(outcome.error);
        return outcome.value;
      },
    });
    app.main.onMessage((message) => {
      if (message.webContentsId === 1) world.deliver(message.channel, ...message.args);
    });
    const api = world.exposed[0].api as ContractBridgeApi;

    const running = new Promise<BrokerStatus>((resolve) => {
      api.on('broker.status', (status) => {
        if (status.state === 'running') resolve(status);
      });
    });
    expect((await running).dataDir).toBe(app.dataDir);

    const status = await api.broker.getStatus();
    expect(status).toMatchObject({ ok: true, value: { state: 'running', dataDir: app.dataDir } });
    const invalid = (await api.topics.create({ name: 42 } as never)) as ContractResult<unknown>;
    expect(contractResultSchema.parse(invalid)).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', issues: [expect.stringMatching(/^name: /)] } });

    await app.main.command('quit');
    expect(await app.main.exited).toEqual({ code: 0, signal: null });
  } finally {
    await app.dispose();
  }
}, 60_000);
