/**
 * A stand-in for the `electron` module in the main process, for the shell tier: the built
 * dist/main/index.js runs under plain Node with this module in Electron's place (see
 * electron-hooks.mjs), started by main-process.ts as a forked child.
 *
 * What it is:
 * - A recorder. Every call the app makes into Electron is appended to `calls` (target, method,
 *   arguments with functions shown as '[function]'), in order, with a `ready` marker where the
 *   app became ready, so a test can see what was registered and when.
 * - Electron's observable rules, where the app depends on them and no further: the app is not ready
 *   until told; a window cannot be created and the default session cannot be had before ready;
 *   `enableSandbox()` only before ready; a second `ipcMain.handle` on a channel throws; creating a
 *   window creates its web contents and emits `web-contents-created`; `app.quit()` emits a
 *   preventable `before-quit` and, unless prevented, closes the windows (without
 *   `window-all-closed`), emits `will-quit` and `quit` and ends the process with exit code 0,
 *   whatever is still running in it (as Electron does); closing the last window emits
 *   `window-all-closed`, or quits when nobody listens. Signals get Node's default handling: this
 *   module installs no signal handlers. `screen` only once ready; a window's bounds are its
 *   options' (centred on the first display without x/y), `setBounds` emits `move`/`resize`,
 *   `maximize`/`minimize` their events; `app.name` and `getVersion()` come from the app's
 *   package.json (productName, version); `nativeTheme.themeSource` is recorded when set.
 * - A remote control for the test (over the fork's IPC channel; see `commands` below): make the app
 *   ready, invoke an IPC channel from a given sender frame, navigate or open a window from a web
 *   contents, run the session's response-header and permission handlers, close a window, quit;
 *   launch a second instance (`second-instance` with its argv and additionalData), move, resize,
 *   maximize or minimize a window, click an item of the application menu.
 *   Each command only triggers what Electron would trigger and reports what the app's own code
 *   answered; nothing here decides an outcome.
 *
 * What it is not: a browser. No page loads, no renderer runs (the preload is loaded separately by
 * preload-sandbox.ts), no Chromium sandbox exists, `ready-to-show` never fires.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The app's package.json (beside dist/), where Electron reads its name and version. */
const appPackage = (() => {
  try {
    return JSON.parse(readFileSync(join(dirname(process.argv[1]), '..', '..', 'package.json'), 'utf8'));
  } catch {
    return {};
  }
})();

/** @type {{ seq: number, target: string, method: string, args: unknown[] }[]} */
const calls = [];

/** A structured-clone-safe copy of a value for the record: functions and stand-in objects by name. */
function snapshot(value, seen = new Set()) {
  if (typeof value === 'function') return '[function]';
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof BrowserWindow) return `[BrowserWindow ${value.id}]`;
  if (value instanceof WebContents) return `[WebContents ${value.id}]`;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => snapshot(item, seen));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, snapshot(item, seen)]));
}

function record(target, method, args) {
  calls.push({ seq: calls.length, target, method, args: args.map((arg) => snapshot(arg)) });
}

/** An Electron event object: `preventDefault()` and `defaultPrevented`, plus event-specific fields. */
function preventableEvent(fields = {}) {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

/** An EventEmitter whose listener registrations are recorded under `target`. */
class RecordingEmitter extends EventEmitter {
  constructor(target) {
    super();
    this.target = target;
  }
  on(event, listener) {
    record(this.target, 'on', [event, listener]);
    return super.on(event, listener);
  }
  once(event, listener) {
    record(this.target, 'once', [event, listener]);
    return super.once(event, listener);
  }
  addListener(event, listener) {
    return this.on(event, listener);
  }
  prependListener(event, listener) {
    record(this.target, 'prependListener', [event, listener]);
    return super.prependListener(event, listener);
  }
}

let appReady = false;
let sandboxEnabled = false;
let quitting = false;
let resolveReady;
const readyPromise = new Promise((resolve) => (resolveReady = resolve));

class App extends RecordingEmitter {
  constructor() {
    super('app');
    /** Run as `electron .` from the repo, not from an installed package. */
    this.isPackaged = false;
    this.name = appPackage.productName ?? appPackage.name ?? 'Electron';
  }
  getVersion() {
    return appPackage.version ?? '0.0.0';
  }
  whenReady() {
    record('app', 'whenReady', []);
    return readyPromise;
  }
  isReady() {
    return appReady;
  }
  /** Another instance holds the lock only when the test says so (EDDY_STAND_IN_OTHER_INSTANCE=1). */
  requestSingleInstanceLock(...args) {
    record('app', 'requestSingleInstanceLock', args);
    return process.env.EDDY_STAND_IN_OTHER_INSTANCE !== '1';
  }
  enableSandbox() {
    record('app', 'enableSandbox', []);
    if (appReady) throw new Error('app.enableSandbox() can only be called before app is ready');
    sandboxEnabled = true;
  }
  getPath(name) {
    record('app', 'getPath', [name]);
    const userData = process.env.EDDY_STAND_IN_USER_DATA ?? join(tmpdir(), 'eddy-stand-in-user-data');
    if (name === 'userData') return userData;
    return join(userData, `stand-in-${name}`);
  }
  quit() {
    record('app', 'quit', []);
    const beforeQuit = preventableEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    quitting = true;
    setImmediate(() => {
      // Electron closes each window (its `close` event fires) before quitting.
      for (const window of BrowserWindow.getAllWindows()) {
        window.emit('close', preventableEvent());
        window.destroy();
      }
      const willQuit = preventableEvent();
      this.emit('will-quit', willQuit);
      if (willQuit.defaultPrevented) {
        quitting = false;
        return;
      }
      this.emit('quit', preventableEvent(), 0);
      process.exit(0);
    });
  }
  exit(code = 0) {
    record('app', 'exit', [code]);
    process.exit(code);
  }
}

export const app = new App();

let nextWebContentsId = 1;
/** @type {Map<number, WebContents>} */
const allWebContents = new Map();

class WebContents extends RecordingEmitter {
  constructor() {
    const id = nextWebContentsId++;
    super(`webContents ${id}`);
    this.id = id;
    this.destroyed = false;
    this.windowOpenHandler = null;
    allWebContents.set(id, this);
  }
  setWindowOpenHandler(handler) {
    record(this.target, 'setWindowOpenHandler', [handler]);
    this.windowOpenHandler = handler;
  }
  /** Main → renderer: recorded, and passed on to the test (which may deliver it to a preload). */
  send(channel, ...args) {
    record(this.target, 'send', [channel, ...args]);
    if (this.destroyed) throw new Error('Object has been destroyed');
    process.send?.({ type: 'send', webContentsId: this.id, channel, args });
  }
  isDestroyed() {
    return this.destroyed;
  }
  sendInputEvent(inputEvent) {
    record(this.target, 'sendInputEvent', [inputEvent]);
  }
  getURL() {
    return this.url ?? '';
  }
  /** Emitted by Electron for every web contents: windows, devtools, webviews. */
  static create() {
    const contents = new WebContents();
    app.emit('web-contents-created', preventableEvent(), contents);
    return contents;
  }
}

export const webContents = {
  getAllWebContents: () => [...allWebContents.values()].filter((contents) => !contents.destroyed),
  fromId: (id) => allWebContents.get(id),
};

let nextWindowId = 1;
/** @type {BrowserWindow[]} */
const windows = [];

export class BrowserWindow extends RecordingEmitter {
  constructor(options = {}) {
    const id = nextWindowId;
    super(`window ${id}`);
    record('BrowserWindow', 'new', [options]);
    if (!appReady) throw new Error('Cannot create BrowserWindow before app is ready');
    nextWindowId += 1;
    this.id = id;
    this.options = options;
    this.destroyed = false;
    this.minimized = false;
    this.maximized = false;
    const area = displays()[0].workArea;
    const width = options.width ?? 800;
    const height = options.height ?? 600;
    this.bounds = {
      x: options.x ?? Math.round(area.x + (area.width - width) / 2),
      y: options.y ?? Math.round(area.y + (area.height - height) / 2),
      width,
      height,
    };
    this.webContents = WebContents.create();
    windows.push(this);
    app.emit('browser-window-created', preventableEvent(), this);
  }
  static getAllWindows() {
    return windows.filter((window) => !window.destroyed);
  }
  loadURL(url) {
    record(this.target, 'loadURL', [url]);
    this.webContents.url = url;
    return Promise.resolve();
  }
  show() {
    record(this.target, 'show', []);
  }
  focus() {
    record(this.target, 'focus', []);
  }
  restore() {
    record(this.target, 'restore', []);
    this.minimized = false;
  }
  isMinimized() {
    return this.minimized;
  }
  minimize() {
    record(this.target, 'minimize', []);
    this.minimized = true;
    this.emit('minimize', preventableEvent());
  }
  maximize() {
    record(this.target, 'maximize', []);
    this.maximized = true;
    this.emit('maximize', preventableEvent());
  }
  isMaximized() {
    return this.maximized;
  }
  getBounds() {
    return { ...this.bounds };
  }
  /** The bounds of the window when neither maximized nor minimized: the stand-in keeps them as they are. */
  getNormalBounds() {
    return { ...this.bounds };
  }
  setBounds(bounds) {
    record(this.target, 'setBounds', [bounds]);
    const before = this.bounds;
    this.bounds = { ...before, ...bounds };
    if (before.x !== this.bounds.x || before.y !== this.bounds.y) this.emit('move', preventableEvent());
    if (before.width !== this.bounds.width || before.height !== this.bounds.height) this.emit('resize', preventableEvent());
  }
  isDestroyed() {
    return this.destroyed;
  }
  /** Closes as the user would: `close` may be prevented; then `closed`, and the app reacts. */
  close() {
    record(this.target, 'close', []);
    if (this.destroyed) return;
    const close = preventableEvent();
    this.emit('close', close);
    if (close.defaultPrevented) return;
    this.destroy();
    if (BrowserWindow.getAllWindows().length === 0 && !quitting) {
      if (app.listenerCount('window-all-closed') > 0) app.emit('window-all-closed');
      else app.quit();
    }
  }
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

class IpcMain extends RecordingEmitter {
  constructor() {
    super('ipcMain');
    /** @type {Map<string, Function>} */
    this.handlers = new Map();
  }
  handle(channel, handler) {
    record('ipcMain', 'handle', [channel, handler]);
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  handleOnce(channel, handler) {
    record('ipcMain', 'handleOnce', [channel, handler]);
    this.handle(channel, (...args) => {
      this.handlers.delete(channel);
      return handler(...args);
    });
  }
  removeHandler(channel) {
    record('ipcMain', 'removeHandler', [channel]);
    this.handlers.delete(channel);
  }
}

export const ipcMain = new IpcMain();

function createSession() {
  const state = { headersReceived: null, permissionRequest: null, permissionCheck: null };
  return {
    state,
    webRequest: {
      /** `onHeadersReceived([filter,] listener)`; a second call replaces the first, as in Electron. */
      onHeadersReceived(...args) {
        record('session.webRequest', 'onHeadersReceived', args);
        state.headersReceived = args.length > 1 ? args[1] : args[0];
      },
    },
    setPermissionRequestHandler(handler) {
      record('session', 'setPermissionRequestHandler', [handler]);
      state.permissionRequest = handler;
    },
    setPermissionCheckHandler(handler) {
      record('session', 'setPermissionCheckHandler', [handler]);
      state.permissionCheck = handler;
    },
  };
}

const defaultSession = createSession();

export const session = {
  get defaultSession() {
    if (!appReady) throw new Error('Session can only be received when app is ready');
    return defaultSession;
  },
};

/** The displays: EDDY_STAND_IN_DISPLAYS (a JSON array of work areas) or one 1920×1080 screen. */
function displays() {
  const areas = process.env.EDDY_STAND_IN_DISPLAYS ? JSON.parse(process.env.EDDY_STAND_IN_DISPLAYS) : [{ x: 0, y: 0, width: 1920, height: 1080 }];
  return areas.map((workArea, index) => ({ id: index + 1, bounds: workArea, workArea, scaleFactor: 1 }));
}

export const screen = {
  getAllDisplays() {
    record('screen', 'getAllDisplays', []);
    if (!appReady) throw new Error("The 'screen' module can't be used before the app 'ready' event");
    return displays();
  },
  getPrimaryDisplay() {
    record('screen', 'getPrimaryDisplay', []);
    if (!appReady) throw new Error("The 'screen' module can't be used before the app 'ready' event");
    return displays()[0];
  },
};

let themeSource = 'system';
export const nativeTheme = Object.assign(new RecordingEmitter('nativeTheme'), {
  shouldUseDarkColors: true,
});
Object.defineProperty(nativeTheme, 'themeSource', {
  get: () => themeSource,
  set: (value) => {
    record('nativeTheme', 'set themeSource', [value]);
    themeSource = value;
  },
});

/** The menu the app installed (`Menu.setApplicationMenu`), as its template. */
let applicationMenu = null;

export const Menu = {
  setApplicationMenu: (menu) => {
    record('Menu', 'setApplicationMenu', [menu]);
    applicationMenu = menu;
  },
  getApplicationMenu: () => applicationMenu,
  buildFromTemplate: (template) => {
    record('Menu', 'buildFromTemplate', [template]);
    return { template };
  },
};

export const shell = {
  openExternal: (url) => {
    record('shell', 'openExternal', [url]);
    return Promise.resolve();
  },
  /** Opens nothing; resolves with '' as Electron does when the file manager took the path. */
  openPath: (path) => {
    record('shell', 'openPath', [path]);
    return Promise.resolve('');
  },
};

/**
 * safeStorage as Electron documents it (after ready): encryption available, the Linux backend
 * named, strings sealed into Buffers that do not hold the clear text (XOR with a fixed byte here:
 * the point is that the app stores what safeStorage gives it, not what it was given).
 */
export const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (plain) => {
    record('safeStorage', 'encryptString', []);
    return Buffer.from(Buffer.from(String(plain), 'utf8').map((byte) => byte ^ 0xa5));
  },
  decryptString: (sealed) => Buffer.from(sealed.map((byte) => byte ^ 0xa5)).toString('utf8'),
};

export const dialog = {
  showErrorBox: (title, content) => record('dialog', 'showErrorBox', [title, content]),
  /** The user presses the first button. */
  showMessageBox: (...args) => {
    record('dialog', 'showMessageBox', args);
    return Promise.resolve({ response: 0, checkboxChecked: false });
  },
  /**
   * What the user picks in the save dialog: the file the test named in EDDY_STAND_IN_SAVE_PATH, or
   * a cancel when it named none. The options the app passed are recorded.
   */
  showSaveDialog: (...args) => {
    const options = args.length > 1 ? args[1] : args[0];
    record('dialog', 'showSaveDialog', [{ title: options?.title, defaultPath: options?.defaultPath }]);
    const filePath = process.env.EDDY_STAND_IN_SAVE_PATH;
    return Promise.resolve(filePath ? { canceled: false, filePath } : { canceled: true, filePath: undefined });
  },
};

/** A sender frame as Electron gives it to an IPC handler (`WebFrameMain`), or null (frame gone). */
function senderFrame(frame) {
  if (frame === null) return null;
  const main = { url: frame.url, origin: new URL(frame.url).origin, parent: null, frameTreeNodeId: 1 };
  if (!frame.subframe) return { ...main, top: main };
  return { url: frame.url, origin: new URL(frame.url).origin, parent: main, top: main, frameTreeNodeId: 2 };
}

function contentsById(id) {
  const contents = allWebContents.get(id ?? 1);
  if (!contents) throw new Error(`no web contents ${id ?? 1}`);
  return contents;
}

/** The test's commands. Each returns what the app's own code did or answered. */
const commands = {
  calls: () => calls,
  ready: () => {
    record('stand-in', 'ready', []);
    appReady = true;
    app.emit('will-finish-launching');
    app.emit('ready', preventableEvent(), {});
    resolveReady();
    return { sandboxEnabled };
  },
  /** `ipcRenderer.invoke(channel, payload)` from `frame` in web contents 1. */
  invoke: async ({ channel, payload, frame }) => {
    const handler = ipcMain.handlers.get(channel);
    if (!handler) return { handled: false, error: `No handler registered for '${channel}'` };
    const sender = contentsById(1);
    const event = { sender, senderFrame: senderFrame(frame), processId: 1, frameId: frame?.subframe ? 2 : 1 };
    try {
      return { handled: true, value: await handler(event, payload) };
    } catch (error) {
      return { handled: true, error: `Error invoking remote method '${channel}': ${error}` };
    }
  },
  navigate: ({ webContentsId, url }) => {
    const event = preventableEvent({ url, isMainFrame: true, isSameDocument: false });
    contentsById(webContentsId).emit('will-navigate', event, url);
    return { prevented: event.defaultPrevented };
  },
  redirect: ({ webContentsId, url }) => {
    const event = preventableEvent({ url, isMainFrame: true, isSameDocument: false });
    contentsById(webContentsId).emit('will-redirect', event, url);
    return { prevented: event.defaultPrevented };
  },
  attachWebview: ({ webContentsId, src }) => {
    const event = preventableEvent();
    contentsById(webContentsId).emit('will-attach-webview', event, {}, { src });
    return { prevented: event.defaultPrevented };
  },
  /** `window.open(url)` in the page; without a handler Electron would open the window. */
  openWindow: ({ webContentsId, url }) => {
    const handler = contentsById(webContentsId).windowOpenHandler;
    if (!handler) return { handler: false };
    return { handler: true, response: handler({ url, frameName: '', features: '', disposition: 'new-window', referrer: { url: '', policy: 'default' } }) };
  },
  /** Another web contents comes to exist (devtools, a webview): Electron announces it the same way. */
  createWebContents: () => ({ webContentsId: WebContents.create().id }),
  responseHeaders: ({ url, responseHeaders }) => {
    const listener = defaultSession.state.headersReceived;
    if (!listener) return { listener: false };
    let response = null;
    listener({ url, method: 'GET', resourceType: 'mainFrame', statusCode: 200, responseHeaders }, (answer) => (response = answer));
    return { listener: true, response };
  },
  permission: ({ permission }) => {
    const { permissionRequest, permissionCheck } = defaultSession.state;
    let requested = null;
    permissionRequest?.(contentsById(1), permission, (granted) => (requested = granted), { requestingUrl: contentsById(1).getURL() });
    const checked = permissionCheck ? permissionCheck(contentsById(1), permission, contentsById(1).getURL(), {}) : null;
    return { requestHandler: permissionRequest !== null, requested, checkHandler: permissionCheck !== null, checked };
  },
  closeWindow: ({ windowId }) => {
    const window = windows.find((candidate) => candidate.id === (windowId ?? 1));
    if (!window) throw new Error(`no window ${windowId ?? 1}`);
    window.close();
    return {};
  },
  quit: () => {
    app.quit();
    return {};
  },
  /** Another launch of the app failed the lock: Electron tells this one, with its argv and additionalData. */
  secondInstance: ({ argv, workingDirectory, additionalData }) => {
    app.emit('second-instance', preventableEvent(), argv ?? [], workingDirectory ?? process.cwd(), additionalData);
    return {};
  },
  minimizeWindow: ({ windowId }) => {
    windowById(windowId).minimize();
    return {};
  },
  /** The user moves or resizes the window (the OS reports the new bounds). */
  setWindowBounds: ({ windowId, bounds }) => {
    windowById(windowId).setBounds(bounds);
    return windowById(windowId).getBounds();
  },
  maximizeWindow: ({ windowId }) => {
    windowById(windowId).maximize();
    return {};
  },
  windowBounds: ({ windowId }) => ({ bounds: windowById(windowId).getBounds(), maximized: windowById(windowId).isMaximized() }),
  /** Clicks the application menu's item at `path` (labels, `&` ignored), as Electron calls its `click`. */
  clickMenuItem: ({ path }) => {
    if (!applicationMenu) throw new Error('no application menu was set');
    let items = applicationMenu.template;
    let item = null;
    for (const label of path) {
      item = (items ?? []).find((candidate) => (candidate.label ?? '').replace('&', '') === label);
      if (!item) throw new Error(`no menu item "${label}" in ${JSON.stringify(path)}`);
      items = item.submenu;
    }
    if (typeof item.click !== 'function') throw new Error(`menu item ${JSON.stringify(path)} has no click`);
    const focused = BrowserWindow.getAllWindows()[0];
    item.click(item, focused, { shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, triggeredByAccelerator: false });
    return {};
  },
};

function windowById(windowId) {
  const window = windows.find((candidate) => candidate.id === (windowId ?? 1) && !candidate.destroyed);
  if (!window) throw new Error(`no window ${windowId ?? 1}`);
  return window;
}

process.on('message', async (message) => {
  if (!message || message.type !== 'command') return;
  const { id, name, args } = message;
  try {
    if (!Object.hasOwn(commands, name)) throw new Error(`unknown stand-in command "${name}"`);
    const value = await commands[name](args ?? {});
    process.send?.({ type: 'reply', id, ok: true, value: snapshot(value) });
  } catch (error) {
    process.send?.({ type: 'reply', id, ok: false, error: error instanceof Error ? error.stack : String(error) });
  }
});
// The IPC channel stands in for Electron's message loop: it keeps the process alive until the app
// quits (quit() above ends the process, as Electron does). If the test itself is gone, so is this.
process.on('disconnect', () => process.exit(1));
