/**
 * The one app window: sandboxed, context-isolated, no Node in the page, the preload as the only
 * bridge. Navigation away from the page and new windows are refused (see navigation-guard.ts).
 * It opens where it was last (window-state.ts) and shows the page's title (`document.title`, set
 * by the renderer to name the view and the cluster): `page-title-updated` is left alone.
 */
import { BrowserWindow, nativeTheme } from 'electron';
import { join } from 'node:path';
import { rendererUrl, type RendererLocation } from './renderer-location';
import type { RestoredWindowState, WindowSize } from './window-bounds';

export const MAIN_WINDOW_SIZE: WindowSize = { width: 1280, height: 820, minWidth: 900, minHeight: 560 };

export function createMainWindow(location: RendererLocation, place: RestoredWindowState): BrowserWindow {
  const window = new BrowserWindow({
    ...place.bounds,
    minWidth: MAIN_WINDOW_SIZE.minWidth,
    minHeight: MAIN_WINDOW_SIZE.minHeight,
    title: 'Eddy',
    // The page's own background (base.css `--bg`) in the system's scheme, so nothing flashes.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#0d0f13' : '#f4f6f9',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  if (place.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl(location));
  return window;
}
