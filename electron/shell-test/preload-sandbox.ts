/**
 * Loads the built preload (dist/preload/index.cjs) the way a sandboxed Electron renderer runs it:
 * as a CommonJS function whose `require` knows only what Electron's preload sandbox provides
 * (`electron`'s renderer modules and the `events`, `timers` and `url` built-ins); any other module
 * fails with "module not found", as there. Its `electron` is a recording stand-in:
 * - `contextBridge.exposeInMainWorld(key, api)` records what the page would get as `window[key]`;
 * - `ipcRenderer` records every call and hands `invoke` to the given transport (the test connects
 *   it to the stand-in main process, or to a recorder), and `deliver()` plays a main → renderer
 *   message to the listeners the preload registered.
 * No page, no context isolation and no Chromium sandbox exist here: this checks what the preload
 * asks for and what it hands over, not that Chromium enforces the isolation.
 */
import * as events from 'node:events';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as timers from 'node:timers';
import * as url from 'node:url';
import { compileFunction } from 'node:vm';

/** The built-ins Electron's sandboxed preloads may require (Electron docs, "Process Sandboxing"). */
const SANDBOX_BUILTINS: Record<string, unknown> = { events, timers, url };

export interface IpcRendererCall {
  method: string;
  channel: string;
  args: unknown[];
}

export interface PreloadTransport {
  /** What the main process answers to `ipcRenderer.invoke(channel, payload)`. */
  invoke(channel: string, payload: unknown): Promise<unknown>;
}

export interface PreloadWorld {
  /** `exposeInMainWorld` / `exposeInIsolatedWorld` calls, in order. */
  exposed: { method: string; key: string; api: unknown }[];
  /** Every module the preload required, allowed or not. */
  required: string[];
  ipcCalls: IpcRendererCall[];
  /** The ipcRenderer stand-in itself, to check it is not what the page gets. */
  ipcRenderer: object;
  /** A main → renderer message (`webContents.send`) arriving at the listeners of `channel`. */
  deliver(channel: string, ...args: unknown[]): void;
}

type Listener = (event: unknown, ...args: unknown[]) => void;

export function loadSandboxedPreload(path: string, transport: PreloadTransport): PreloadWorld {
  const world: PreloadWorld = { exposed: [], required: [], ipcCalls: [], ipcRenderer: {}, deliver: () => {} };
  const listeners = new Map<string, Set<Listener>>();
  const recordCall = (method: string, channel: string, args: unknown[]) => world.ipcCalls.push({ method, channel, args });

  const ipcRenderer = {
    invoke(channel: string, ...args: unknown[]) {
      recordCall('invoke', channel, args);
      return transport.invoke(channel, args[0]);
    },
    on(channel: string, listener: Listener) {
      recordCall('on', channel, [listener]);
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
      return ipcRenderer;
    },
    once(channel: string, listener: Listener) {
      recordCall('once', channel, [listener]);
      const once: Listener = (event, ...args) => {
        listeners.get(channel)?.delete(once);
        listener(event, ...args);
      };
      return ipcRenderer.on(channel, once);
    },
    removeListener(channel: string, listener: Listener) {
      recordCall('removeListener', channel, [listener]);
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
    off(channel: string, listener: Listener) {
      return ipcRenderer.removeListener(channel, listener);
    },
    removeAllListeners(channel: string) {
      recordCall('removeAllListeners', channel, []);
      listeners.delete(channel);
      return ipcRenderer;
    },
    send: (channel: string, ...args: unknown[]) => recordCall('send', channel, args),
    sendSync: (channel: string, ...args: unknown[]) => recordCall('sendSync', channel, args),
    sendToHost: (channel: string, ...args: unknown[]) => recordCall('sendToHost', channel, args),
    postMessage: (channel: string, ...args: unknown[]) => recordCall('postMessage', channel, args),
  };
  world.ipcRenderer = ipcRenderer;
  world.deliver = (channel, ...args) => {
    for (const listener of [...(listeners.get(channel) ?? [])]) listener({ sender: ipcRenderer, ports: [] }, ...args);
  };

  const exposedKeys = new Set<string>();
  const expose = (method: string) => (key: string, api: unknown) => {
    world.exposed.push({ method, key, api });
    if (exposedKeys.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object`);
    exposedKeys.add(key);
  };
  const contextBridge = {
    exposeInMainWorld: expose('exposeInMainWorld'),
    exposeInIsolatedWorld: (_worldId: number, key: string, api: unknown) => expose('exposeInIsolatedWorld')(key, api),
  };

  const sandboxRequire = (id: string): unknown => {
    world.required.push(id);
    if (id === 'electron') return { contextBridge, ipcRenderer };
    const bare = id.startsWith('node:') ? id.slice('node:'.length) : id;
    if (Object.hasOwn(SANDBOX_BUILTINS, bare)) return SANDBOX_BUILTINS[bare];
    throw new Error(`module not found: ${id}`);
  };

  const module = { exports: {} as unknown };
  const run = compileFunction(readFileSync(path, 'utf8'), ['exports', 'require', 'module', '__filename', '__dirname'], { filename: path });
  run(module.exports, sandboxRequire, module, path, dirname(path));
  return world;
}
