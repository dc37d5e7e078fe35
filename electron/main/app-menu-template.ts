/**
 * The application menu as data, per platform (pure: types only from Electron, so it is
 * unit-tested without Electron; app-menu.ts installs it).
 *
 * - macOS: the app menu (About, Hide, Hide others, Show all, Quit), then Edit, View, Go, Window,
 *   Help. Windows and Linux: File (Quit) first, the same menus after it.
 * - Edit: Electron's standard roles (undo, redo, cut, copy, paste, select all), so text fields and
 *   the clipboard work as everywhere else.
 * - View: reload, force reload, developer tools only when not packaged, actual size, zoom in and
 *   out, full screen.
 * - Go: one item per main view with its shortcut (Ctrl/Cmd+1…6, the contract's VIEW_SHORTCUTS).
 *   The renderer handles those keys itself (they work in serve mode too), and main has no
 *   main→page path besides the host's events, so the accelerators are `registerAccelerator: false`
 *   (shown, not registered: the key press reaches the page), and a click with the mouse sends the
 *   page that same key press (`goToView`).
 * - Window: minimize, zoom (macOS) or close.
 * - Help: Documentation (DOCUMENTATION_URL in the browser) and About (a dialog listing the app's,
 *   Electron's, Node's and Chromium's versions: aboutDetail).
 */
import type { MenuItemConstructorOptions } from 'electron';
import { VIEW_SHORTCUTS } from '../contract';

/**
 * Where Help → Documentation goes: the README on the project's page (package.json `homepage`).
 * The same text ships in the repository's README.md.
 */
export const DOCUMENTATION_URL = 'https://eddy.dev/#readme';

export interface AppMenuActions {
  openDocumentation(): void;
  showAbout(): void;
  /** Navigates the page to the view with this shortcut digit (VIEW_SHORTCUTS). */
  goToView(digit: number): void;
}

export interface AppMenuOptions {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  appName: string;
  actions: AppMenuActions;
}

export function appMenuTemplate({ platform, isPackaged, appName, actions }: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: `About ${appName}`, click: () => actions.showAbout() };
  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [about, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
  };
  const fileMenu: MenuItemConstructorOptions = { label: '&File', submenu: [{ role: 'quit' }] };
  const editMenu: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { type: 'separator' }, { role: 'selectAll' }],
  };
  const viewMenu: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'reload' },
      { role: 'forceReload' },
      ...(isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const goMenu: MenuItemConstructorOptions = {
    label: '&Go',
    submenu: VIEW_SHORTCUTS.map((shortcut) => ({
      label: shortcut.label,
      accelerator: `CmdOrCtrl+${shortcut.digit}`,
      registerAccelerator: false,
      click: () => actions.goToView(shortcut.digit),
    })),
  };
  const windowMenu: MenuItemConstructorOptions = {
    label: '&Window',
    submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
  };
  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [{ label: 'Documentation', click: () => actions.openDocumentation() }, ...(mac ? [] : [{ type: 'separator' } as const, about])],
  };
  return [mac ? appMenu : fileMenu, editMenu, viewMenu, goMenu, windowMenu, helpMenu];
}

export interface AboutVersions {
  app: string;
  electron?: string;
  node?: string;
  chrome?: string;
}

/** The About dialog's text: one line per component, `unknown` where a version is missing. */
export function aboutDetail(versions: AboutVersions): string {
  return [
    `Version ${versions.app}`,
    `Electron ${versions.electron ?? 'unknown'}`,
    `Node ${versions.node ?? 'unknown'}`,
    `Chromium ${versions.chrome ?? 'unknown'}`,
  ].join('\n');
}
