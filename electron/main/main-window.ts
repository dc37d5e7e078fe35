/**
 * The one app window: sandboxed, context-isolated, no Node in the page, the preload as the only
 * bridge. Navigation away from the page and new windows are refused (see navigation-guard.ts).
 */
import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { rendererUrl, type RendererLocation } from './renderer-location';

export function createMainWindow(location: RendererLocation): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    title: 'Eddy',
    backgroundColor: '#0f1115',
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
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl(location));
  return window;
}
